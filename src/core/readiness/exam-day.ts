/** The exam day in a workspace's zone: its instant, the days until it, and how to say so. */
import { DateTime } from 'luxon';

/** The exam day's instant: 09:00 on that local date in the workspace's zone. */
export const examInstant = (date: string, zone: string): Date =>
  DateTime.fromISO(date, { zone }).set({ hour: 9 }).toJSDate();

/** Calendar days from today to `date` (YYYY-MM-DD) in `zone`: 0 on the day itself. */
export const daysUntil = (date: string, zone: string, now: Date): number =>
  Math.round(
    DateTime.fromISO(date, { zone }).diff(DateTime.fromJSDate(now, { zone }).startOf('day'), 'days').days,
  );

/** "today", "tomorrow" or "in 79 days". */
export const inDays = (days: number): string =>
  days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
