/** The recap's chart, drawn outside the core (src/charts/): the core hands over figures, gets a PNG back. */

/** Readiness per exam objective, this week and last (0..1; null where there is no figure). */
export interface RecapChartData {
  title: string;
  thisLabel: string;
  lastLabel: string;
  objectives: { name: string; thisWeek: number; lastWeek: number | null }[];
}

/** A rendered image: PNG bytes and its size in pixels. */
export interface ChartImage {
  png: Uint8Array;
  width: number;
  height: number;
}

export interface RecapChartPort {
  /** Renders the grouped bar chart of `data`; throws when rendering fails (the recap then goes as text). */
  readinessChart(data: RecapChartData): Promise<ChartImage>;
}
