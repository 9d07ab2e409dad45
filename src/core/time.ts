import { DateTime } from 'luxon';

/**
 * The canonical IANA name of a zone as typed (`europe/berlin` → `Europe/Berlin`, `CET` → the zone the IANA
 * database links it to), or undefined when it is no IANA zone: fixed offsets such as `UTC+2` are refused, as
 * the refusal says, because they ignore daylight saving.
 */
export function canonicalTimeZone(zone: string): string | undefined {
  if (zone.length === 0 || zone.length > 64 || /^(utc|gmt)?[+-]/i.test(zone)) return undefined;
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return DateTime.local().setZone(name).isValid ? name : undefined;
  } catch {
    return undefined;
  }
}

/** True for a zone name the runtime knows (IANA names such as Europe/Berlin, and UTC). */
export function isValidTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== undefined;
}

/** "Mon 30 Nov, 09:00" in the given zone. */
export function formatLocal(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL, HH:mm');
}

/** "in 3 days", "in 14 hours", "in 5 minutes": coarse and friendly. */
export function formatIn(from: Date, to: Date): string {
  const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(hours / 24);
  return `in ${days} days`;
}
