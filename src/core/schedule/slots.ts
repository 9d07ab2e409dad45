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
 * The slot of a local date: HH:MM on that date in the schedule's zone. On a spring-forward day a time in
 * the gap (02:30 in Europe/Berlin on 2027-03-28) is posted at the first valid moment after it; on a
 * fall-back day the first of the two 02:30s is used. Either way the date has exactly one slot.
 */
export function slotOn(schedule: DailySchedule, date: DateTime): Slot | undefined {
  if (!weekdaysOf(schedule.days).includes(date.weekday)) return undefined;
  const [hour, minute] = schedule.timeOfDay.split(':').map(Number);
  const at = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: hour ?? 0, minute: minute ?? 0 },
    { zone: schedule.timezone },
  );
  if (!at.isValid) return undefined;
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
