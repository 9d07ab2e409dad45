import { DateTime } from 'luxon';
import { type ScheduleDays, weekdaysOf } from './days.js';

export interface DailySchedule {
  timeOfDay: string;
  timezone: string;
  /** `daily`, `weekdays`, `weekends` or `mon,wed,fri` (see days.ts). */
  days: ScheduleDays;
}

export interface Slot {
  /** The local date, which names the slot: one post per channel per local day. */
  key: string;
  /** The instant the post is due. */
  at: Date;
}

/**
 * The slot of a local date: HH:MM on that date in the schedule's zone, once, whatever the clocks do (the
 * same rule as RFC 5545 and Temporal's `compatible` disambiguation):
 * - spring-forward day, a time inside the gap (02:30 in Europe/Berlin on 2027-03-28, when 02:00 jumps to
 *   03:00): moved forward by the length of the gap, so posted at 03:30 local (01:30 UTC);
 * - fall-back day, a time that happens twice (02:30 in Europe/Berlin on 2027-10-31): the first of the two,
 *   02:30 summer time (00:30 UTC), the first moment the clock shows it.
 * Returns undefined on a weekend for a weekdays schedule.
 */
export function slotOn(schedule: DailySchedule, date: DateTime): Slot | undefined {
  if (!weekdaysOf(schedule.days).includes(date.weekday)) return undefined;
  const [hour, minute] = schedule.timeOfDay.split(':').map(Number);
  const wall = { year: date.year, month: date.month, day: date.day, hour: hour ?? 0, minute: minute ?? 0 };
  let at: DateTime = DateTime.fromObject(wall, { zone: schedule.timezone });
  if (!at.isValid) return undefined;
  // luxon resolves a repeated time to its later instance; an earlier instant showing the same wall time
  // (30 minutes to 2 hours earlier, the size of every DST change) is the first one.
  for (const minutes of [30, 60, 120]) {
    const earlier: DateTime = at.minus({ minutes });
    if (earlier.day === wall.day && earlier.hour === wall.hour && earlier.minute === wall.minute)
      at = earlier;
  }
  return { key: date.toISODate() ?? '', at: at.toJSDate() };
}

/** The first slot strictly after `after`. */
export function nextSlot(schedule: DailySchedule, after: Date): Slot {
  let day = DateTime.fromJSDate(after, { zone: schedule.timezone }).startOf('day');
  for (let i = 0; i < 10; i++, day = day.plus({ days: 1 })) {
    const slot = slotOn(schedule, day);
    if (slot && slot.at.getTime() > after.getTime()) return slot;
  }
  throw new Error(`no slot within 10 days for ${schedule.timeOfDay} ${schedule.timezone}`);
}

/** Slots due in (from, to]: what a scheduler tick, or a catch-up after downtime, should post. */
export function slotsBetween(schedule: DailySchedule, from: Date, to: Date): Slot[] {
  const out: Slot[] = [];
  let day = DateTime.fromJSDate(from, { zone: schedule.timezone }).startOf('day');
  const last = DateTime.fromJSDate(to, { zone: schedule.timezone }).startOf('day');
  for (; day <= last; day = day.plus({ days: 1 })) {
    const slot = slotOn(schedule, day);
    if (slot && slot.at.getTime() > from.getTime() && slot.at.getTime() <= to.getTime()) out.push(slot);
  }
  return out;
}
