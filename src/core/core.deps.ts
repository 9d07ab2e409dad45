/** Everything the core is built from: content, ports, clock and settings, handed in once by the app. */

import type { Clock } from './clock.js';
import type { Catalog } from './content/catalog.js';
import type { CoreLog } from './log.port.js';
import type { Stores } from './ports.js';
import type { PublisherRegistry } from './publishing/publisher.port.js';
import type { RecapChartPort } from './recap/recap-chart.port.js';

export interface CoreSettings {
  /** How long a daily question stays open when no next question closes it first. */
  postWindowHours: number;
  /** IANA zone of a workspace seen for the first time. */
  defaultTimezone: string;
}

export interface CoreDeps extends Stores {
  catalog: Catalog;
  clock: Clock;
  settings: CoreSettings;
  log: CoreLog;
  publishers: PublisherRegistry;
  /** Draws the weekly recap's chart (src/charts/); without it, recaps carry the chart as text. */
  charts?: RecapChartPort;
}
