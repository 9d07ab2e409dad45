/**
 * The weekly recap's chart, rendered on the server with no browser and nothing fetched at run time: Apache
 * ECharts builds an SVG string (its server-side renderer, `ssr: true`), and resvg (a Rust SVG renderer whose
 * native binary ships inside its npm package) rasterises it to PNG with a font file loaded by path from the
 * `@expo-google-fonts/inter` package, so the picture is the same on every machine. Not core logic: the core
 * hands over the figures (src/core/recap/recap-chart.port.ts) and gets PNG bytes back.
 */
import { createRequire } from 'node:module';
import type { ChartImage, RecapChartData, RecapChartPort } from '../core/recap/recap-chart.port.js';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 420;
const FONT_FAMILY = 'Inter';

const require = createRequire(import.meta.url);
/** The TTF of Inter Regular inside its npm package (resvg reads TTF/OTF files, not web fonts). */
export const chartFontFile = (): string =>
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf');

/** Objective names wrapped to about 22 characters a line (4 lines at most), readable under the bars. */
function wrap(name: string, width = 22): string {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 4).join('\n');
}

/**
 * The SVG of a grouped bar chart: per objective, last week's readiness (grey) beside this week's (blue), in
 * percent (0–100). Objectives with no figure last week show only this week's bar.
 */
export async function readinessChartSvg(data: RecapChartData): Promise<string> {
  // Loaded on first use: ECharts is large, and most processes never draw a chart (start-up stays fast).
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    // Whole percents, as the recap's text says them.
    const toPercent = (v: number | null) => (v === null ? null : Math.round(v * 100));
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      title: {
        text: data.title,
        left: 16,
        top: 10,
        textStyle: { fontFamily: FONT_FAMILY, fontSize: 18, fontWeight: 'normal', color: '#1f2937' },
      },
      legend: {
        top: 14,
        right: 16,
        textStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: '#374151' },
        data: [data.lastLabel, data.thisLabel],
      },
      grid: { left: 56, right: 24, top: 64, bottom: 84 },
      xAxis: {
        type: 'category',
        data: data.objectives.map((o) => wrap(o.name)),
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: 11, color: '#374151', interval: 0 },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { fontFamily: FONT_FAMILY, formatter: '{value}%', color: '#6b7280' },
      },
      series: [
        {
          name: data.lastLabel,
          type: 'bar',
          itemStyle: { color: '#9ca3af' },
          label: { show: true, position: 'top', fontFamily: FONT_FAMILY, fontSize: 11, formatter: '{c}%' },
          data: data.objectives.map((o) => toPercent(o.lastWeek)),
        },
        {
          name: data.thisLabel,
          type: 'bar',
          itemStyle: { color: '#2563eb' },
          label: { show: true, position: 'top', fontFamily: FONT_FAMILY, fontSize: 11, formatter: '{c}%' },
          data: data.objectives.map((o) => toPercent(o.thisWeek)),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Rasterises an SVG to PNG at its own size, with the bundled font only (no system fonts, no downloads). */
export async function svgToPng(svg: string, fontFile = chartFontFile()): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** The chart port the app hands the core: figures in, a PNG of CHART_WIDTH × CHART_HEIGHT out. */
export function createRecapCharts(): RecapChartPort {
  const fontFile = chartFontFile();
  return {
    async readinessChart(data: RecapChartData): Promise<ChartImage> {
      const png = await svgToPng(await readinessChartSvg(data), fontFile);
      return { png, width: CHART_WIDTH, height: CHART_HEIGHT };
    },
  };
}
