import { DateTime } from 'luxon';

export const PERIODS = ['week', 'month', 'all', 'channel'] as const;
export type Period = (typeof PERIODS)[number];

/**
 * The period boards an answer at `at` counts on, in the workspace's zone: weeks start on Monday
 * (`week:2026-11-23`), months on the 1st (`month:2026-11`). Sunday 23:30 in New York is still that week.
 */
export function periodBoards(at: Date, zone: string): string[] {
  const local = DateTime.fromJSDate(at, { zone });
  return [`week:${local.startOf('week').toISODate()}`, `month:${local.toFormat('yyyy-LL')}`];
}

/** The board key for "this week"/"this month"/"all time" at `now` in `zone`. */
export function boardFor(period: 'week' | 'month' | 'all', now: Date, zone: string): string {
  if (period === 'all') return 'all';
  const [week, month] = periodBoards(now, zone);
  return (period === 'week' ? week : month) ?? 'all';
}

/** "this week (since Mon 23 Nov)" etc., for board titles. */
export function periodLabel(period: 'week' | 'month' | 'all', now: Date, zone: string): string {
  const local = DateTime.fromJSDate(now, { zone });
  if (period === 'week') return `this week (since ${local.startOf('week').toFormat('ccc d LLL')})`;
  if (period === 'month') return `this month (${local.toFormat('LLLL yyyy')})`;
  return 'all time';
}
