import { createRecapCharts } from '../charts/readiness.chart.js';
import type { Config } from '../config.js';
import { createBot } from '../core/bot.js';
import { systemClock } from '../core/clock.js';
import { loadCatalog } from '../core/content/catalog.js';
import { createPublisherRegistry } from '../core/publishing/publisher.registry.js';
import { versionRows } from '../core/reports/rescore.plan.js';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { createStores } from '../db/stores.js';
import type { Logger } from '../logger.js';
import { createMetrics } from '../metrics/metrics.js';
import { createDailyPostJob } from '../scheduler/daily-post.job.js';
import { createScheduler } from '../scheduler/scheduler.js';
import type { Lifecycle } from './lifecycle.js';

/**
 * Content, database (migrated), stores, metrics, the publisher registry the adapters fill, the core and the
 * scheduler (built, not started): everything every mode shares. The database joins the lifecycle at once.
 */
export async function startCore(config: Config, logger: Logger, lifecycle: Lifecycle) {
  const catalog = await loadCatalog(config.contentDir, config.defaultDeck);
  const database = await createDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    poolMax: config.database.poolMax,
    onNotice: (m) => logger.debug({ module: 'db' }, m),
  });
  lifecycle.add('database', () => database.close());
  await runMigrations(database);
  const metrics = createMetrics({ database });
  // Whatever an adapter registers here is counted (posts sent and failed) on its way out.
  const publishers = createPublisherRegistry(metrics.instrumentPublisher);
  const stores = createStores({ database });
  // Every version of every question, so content:rescore later knows what an old post's version stood for.
  await stores.questionVersions.remember(
    catalog.decks.flatMap((d) => versionRows(d.meta.id, [...d.questions, ...d.retired])),
  );
  const bot = createBot({
    ...stores,
    answers: metrics.instrumentAnswers(stores.answers),
    catalog,
    publishers,
    charts: createRecapCharts(),
    clock: systemClock,
    settings: { postWindowHours: config.postWindowHours, defaultTimezone: config.defaultTimezone },
    log: logger.child({ module: 'core' }),
  });
  const scheduler = createScheduler({
    logger,
    job: createDailyPostJob({
      stores,
      quiz: bot.quiz,
      readiness: bot.readiness,
      recap: bot.recap,
      clock: systemClock,
      logger,
      settings: {
        graceMs: config.catchupGraceHours * 3_600_000,
        concurrency: config.postConcurrency,
        backoffMs: 2_000,
        maxBackoffMs: 5 * 60_000,
      },
    }),
  });
  return { catalog, database, stores, metrics, publishers, bot, scheduler };
}

export type CoreParts = Awaited<ReturnType<typeof startCore>>;
