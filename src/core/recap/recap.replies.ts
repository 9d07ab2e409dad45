/** The recap as a neutral channel reply, its chart's data and alt text, and the text fallback of the chart. */
import { DateTime } from 'luxon';
import type { Reply } from '../replies.js';
import type { RecapFigures } from './recap.figures.js';
import type { RecapChartData } from './recap-chart.port.js';

/** 0.62 → "62%". */
const pct = (v: number): string => `${Math.round(v * 100)}%`;

/** Change in percentage points, "+5", "−3", "±0"; empty without a figure last week. */
export function change(now: number, last: number | null): string {
  if (last === null) return '';
  const points = Math.round(now * 100) - Math.round(last * 100);
  return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '±0';
}

/** "23 Nov – 29 Nov" in the team's zone: the days the recap covers. */
export function weekLabel(figures: RecapFigures, zone: string): string {
  const from = DateTime.fromISO(figures.from, { zone });
  const until = DateTime.fromISO(figures.until, { zone }).minus({ minutes: 1 });
  return `${from.toFormat('d LLL')} – ${until.toFormat('d LLL')}`;
}

/** A bar of `width` characters for a 0..1 figure: █ filled, ░ empty. */
export function bar(value: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round(value * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** The chart drawn with characters, for when the picture cannot be posted: one line per objective. */
export function fallbackChart(figures: RecapFigures): string[] {
  return figures.readiness.objectives.map((o) => {
    const last =
      o.lastWeek === null ? 'last week: no figure' : `last week ${bar(o.lastWeek)} ${pct(o.lastWeek)}`;
    return `${o.title}: ${bar(o.thisWeek)} ${pct(o.thisWeek)} (${last})`;
  });
}

/** What the chart shows, in words: its alt text. */
export function chartAltText(figures: RecapFigures): string {
  const parts = figures.readiness.objectives.map(
    (o) => `${o.title} ${pct(o.thisWeek)}${o.lastWeek === null ? '' : ` (last week ${pct(o.lastWeek)})`}`,
  );
  return `Bar chart of team readiness per exam objective, this week against last week: ${parts.join('; ')}.`.slice(
    0,
    1000,
  );
}

export function chartData(figures: RecapFigures): RecapChartData {
  return {
    title: 'Team readiness per exam objective',
    thisLabel: 'This week',
    lastLabel: 'Last week',
    objectives: figures.readiness.objectives.map((o) => ({
      name: o.title,
      thisWeek: o.thisWeek,
      lastWeek: o.lastWeek,
    })),
  };
}

/** The recap message; `withFallback` adds the character chart (the picture could not be posted). */
export function recapReply(figures: RecapFigures, zone: string, withFallback: boolean): Reply {
  const { participation: p, readiness: r } = figures;
  const lines: string[] = [
    p.answers === 0
      ? 'Participation: nobody answered the daily question this week.'
      : `Participation: ${p.members} member${p.members === 1 ? '' : 's'} answered at least once, ${p.answers} answer${p.answers === 1 ? '' : 's'} in all.`,
  ];
  if (figures.top.length > 0)
    lines.push(
      `Top three: ${figures.top.map((t, i) => `${i + 1}. ${t.name} (${t.points} points, ${t.correct} of ${t.answers} right)`).join(', ')}.`,
    );
  if (figures.streaks.length > 0)
    lines.push(`Streaks: ${figures.streaks.map((s) => `${s.name} ${s.current} in a row`).join(', ')}.`);
  const delta = change(r.total, r.lastTotal);
  lines.push(
    `Team readiness: ${pct(r.total)}${delta ? ` (${delta} points since last week)` : ' (no recap last week to compare with)'}.`,
  );
  if (withFallback) lines.push('Readiness per objective, this week (last week):', ...fallbackChart(figures));
  if (figures.hardest) {
    const h = figures.hardest;
    lines.push(
      `Hardest question: "${h.prompt}": ${pct(h.share)} correct (${h.correct} of ${h.answers}).${
        h.wrong ? ` Most chosen wrong answer: ${h.wrong.letter}) ${h.wrong.text} (${h.wrong.count}).` : ''
      }`,
    );
  }
  if (figures.term) lines.push(`Look this up: /explain ${figures.term.id} (${figures.term.term}).`);
  return {
    kind: 'recap',
    visibility: 'channel',
    title: `Weekly recap, ${weekLabel(figures, zone)}`,
    lines,
    fields: r.objectives.map((o) => {
      const d = change(o.thisWeek, o.lastWeek);
      return { label: o.title, value: `${pct(o.thisWeek)}${d ? ` (${d})` : ''}`, short: true };
    }),
    footer: `Readiness: the share of exam questions the team (${r.members} member${r.members === 1 ? '' : 's'} active in the last 30 days) would get right today; leaderboard opt-outs are never named. See /readiness team.`,
  };
}
