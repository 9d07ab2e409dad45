import { describe, expect, it } from 'vitest';
import { describeDays, parseDays } from '../../../../src/core/schedule/days.js';
import { nextSlot, slotsBetween } from '../../../../src/core/schedule/slots.js';

describe('daily slots across daylight-saving changes', () => {
  const at = (iso: string) => new Date(iso);
  const berlin = { timeOfDay: '09:00', timezone: 'Europe/Berlin', days: 'daily' as const };
  const newYork = { timeOfDay: '09:00', timezone: 'America/New_York', days: 'daily' as const };

  it('has exactly one 09:00 slot on each 2027 change day in Berlin', () => {
    expect(slotsBetween(berlin, at('2027-03-27T12:00:00Z'), at('2027-03-29T12:00:00Z'))).toEqual([
      { key: '2027-03-28', at: at('2027-03-28T07:00:00Z') },
      { key: '2027-03-29', at: at('2027-03-29T07:00:00Z') },
    ]);
    expect(slotsBetween(berlin, at('2027-10-30T12:00:00Z'), at('2027-11-01T12:00:00Z'))).toEqual([
      { key: '2027-10-31', at: at('2027-10-31T08:00:00Z') },
      { key: '2027-11-01', at: at('2027-11-01T08:00:00Z') },
    ]);
  });

  it('has exactly one 09:00 slot on each 2027 change day in New York', () => {
    expect(
      slotsBetween(newYork, at('2027-03-13T00:00:00Z'), at('2027-03-15T00:00:00Z')).map((s) => s.at),
    ).toEqual([at('2027-03-13T14:00:00Z'), at('2027-03-14T13:00:00Z')]);
    expect(
      slotsBetween(newYork, at('2027-11-06T00:00:00Z'), at('2027-11-08T00:00:00Z')).map((s) => s.at),
    ).toEqual([at('2027-11-06T13:00:00Z'), at('2027-11-07T14:00:00Z')]);
  });

  it('posts a time inside the spring-forward gap once, just after the gap', () => {
    const gap = { timeOfDay: '02:30', timezone: 'Europe/Berlin', days: 'daily' as const };
    const slots = slotsBetween(gap, at('2027-03-27T12:00:00Z'), at('2027-03-28T12:00:00Z'));
    expect(slots).toHaveLength(1);
    expect(slots[0]?.key).toBe('2027-03-28');
    expect(slots[0]?.at.getTime()).toBeGreaterThanOrEqual(at('2027-03-28T01:00:00Z').getTime());
  });

  it('skips weekends for weekday schedules', () => {
    const weekdays = { ...berlin, days: 'weekdays' as const };
    expect(nextSlot(weekdays, at('2027-01-08T09:00:00Z')).key).toBe('2027-01-11');
    expect(nextSlot(berlin, at('2027-01-08T09:00:00Z')).key).toBe('2027-01-09');
  });

  it('posts on weekends only, or on the days named (mon,wed,fri), and says which', () => {
    const week = (days: string) =>
      slotsBetween(
        { timeOfDay: '09:00', timezone: 'UTC', days },
        at('2027-03-01T00:00:00Z'),
        at('2027-03-08T00:00:00Z'),
      ).map((s) => s.key);
    // 2027-03-01 is a Monday.
    expect(week('weekends')).toEqual(['2027-03-06', '2027-03-07']);
    expect(week('mon,wed,fri')).toEqual(['2027-03-01', '2027-03-03', '2027-03-05']);
    expect(week('weekdays')).toHaveLength(5);
    expect(week('daily')).toHaveLength(7);
    expect(
      nextSlot({ timeOfDay: '09:00', timezone: 'UTC', days: 'weekends' }, at('2027-03-01T00:00:00Z')).key,
    ).toBe('2027-03-06');
    expect(describeDays('mon,wed,fri')).toBe('on Mon, Wed and Fri');
    expect(describeDays('weekends')).toBe('at weekends');
    expect(parseDays('sat,sun')).toBe('weekends');
    expect(parseDays('Sunday')).toBe('sun');
    expect(parseDays('funday')).toBeUndefined();
  });
});
