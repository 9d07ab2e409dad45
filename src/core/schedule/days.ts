/**
 * Which days a schedule posts on, as stored (`schedules.days`): `daily`, `weekdays`, `weekends`, or the days
 * themselves in week order (`mon,wed,fri`). Parsing canonicalises: every day is `daily`, Mon–Fri `weekdays`.
 */
export type ScheduleDays = string;

const NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const TITLES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const NAMED: Record<string, readonly number[]> = {
  daily: [1, 2, 3, 4, 5, 6, 7],
  weekdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
};

/** ISO weekday (1 = Monday) of a day name: `mon`, `monday`, `Mon`; undefined otherwise. */
function weekdayOf(word: string): number | undefined {
  const lower = word.toLowerCase();
  const i = NAMES.findIndex((n) => lower === n || (lower.length >= 3 && `${n}day`.startsWith(lower)));
  const full = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const j = full.indexOf(lower);
  return i >= 0 ? i + 1 : j >= 0 ? j + 1 : undefined;
}

/** The stored form of a days word (`weekends`, `mon,wed,fri`, `Fri,Mon`), or undefined when it is not one. */
export function parseDays(word: string): ScheduleDays | undefined {
  const lower = word.toLowerCase();
  if (NAMED[lower]) return lower;
  const days = new Set<number>();
  for (const part of lower.split(',')) {
    const day = weekdayOf(part.trim());
    if (day === undefined) return undefined;
    days.add(day);
  }
  const sorted = [...days].sort((a, b) => a - b);
  for (const [name, set] of Object.entries(NAMED)) if (set.join() === sorted.join()) return name;
  return sorted.map((d) => NAMES[d - 1]).join(',');
}

/** ISO weekdays (1 = Monday … 7 = Sunday) a stored days value posts on; an unknown value posts daily. */
export function weekdaysOf(days: ScheduleDays): readonly number[] {
  return NAMED[days] ?? parseDaysList(days) ?? NAMED.daily ?? [];
}

function parseDaysList(days: string): number[] | undefined {
  const out = days.split(',').map((d) => NAMES.indexOf(d as (typeof NAMES)[number]) + 1);
  return out.every((d) => d > 0) ? out : undefined;
}

/** How a sentence names the days: `every day`, `every weekday`, `at weekends`, `on Mon, Wed and Fri`. */
export function describeDays(days: ScheduleDays): string {
  if (days === 'daily') return 'every day';
  if (days === 'weekdays') return 'every weekday';
  if (days === 'weekends') return 'at weekends';
  const titles = weekdaysOf(days).map((d) => TITLES[d - 1] ?? '');
  return `on ${titles.length > 1 ? `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}` : titles[0]}`;
}

/** The days as a status line lists them: `every day`, `weekdays`, `weekends`, `Mon, Wed and Fri`. */
export function listDays(days: ScheduleDays): string {
  if (days === 'daily') return 'every day';
  if (days === 'weekdays' || days === 'weekends') return days;
  return describeDays(days).replace(/^on /, '');
}

/** Suggestions for the days option (Discord autocomplete): the named sets, then what the user typed. */
export function completeDays(value: string): string[] {
  const typed = parseDays(value.trim());
  const named = ['daily', 'weekdays', 'weekends', 'mon,wed,fri', 'tue,thu'];
  return [...new Set([...(typed ? [typed] : []), ...named.filter((n) => n.startsWith(value.toLowerCase()))])];
}

/** The stored form (`mon`) of one day's name (`monday`, `Mon`); undefined when it is not one day. */
export function parseOneDay(word: string): string | undefined {
  const day = weekdayOf(word);
  return day === undefined ? undefined : NAMES[day - 1];
}

/** Whether `word` is one stored day name (`mon` … `sun`). */
export const isDayWord = (word: string): boolean => (NAMES as readonly string[]).includes(word);

/** `Monday` for `mon`. */
export const dayTitle = (day: string): string =>
  ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][
    NAMES.indexOf(day as (typeof NAMES)[number])
  ] ?? day;

/** The choices of the recap option: every weekday's full name, and `off`. */
export const RECAP_CHOICES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'off',
] as const;
