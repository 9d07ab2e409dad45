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

  it('posts a time inside the spring-forward gap once, moved forward by the gap: 02:30 → 03:30', () => {
    const gap = { timeOfDay: '02:30', timezone: 'Europe/Berlin', days: 'daily' as const };
    // 2027-03-28 in Berlin: 02:00 CET jumps to 03:00 CEST, so 02:30 never happens; 03:30 CEST is 01:30 UTC.
    expect(slotsBetween(gap, at('2027-03-27T12:00:00Z'), at('2027-03-28T12:00:00Z'))).toEqual([
      { key: '2027-03-28', at: at('2027-03-28T01:30:00Z') },
    ]);
    // New York, 2027-03-14: 02:00 EST jumps to 03:00 EDT; 02:30 is posted at 03:30 EDT (07:30 UTC).
    const ny = { ...gap, timezone: 'America/New_York' };
    expect(slotsBetween(ny, at('2027-03-14T00:00:00Z'), at('2027-03-15T00:00:00Z'))).toEqual([
      { key: '2027-03-14', at: at('2027-03-14T07:30:00Z') },
    ]);
  });

  it('posts a time that happens twice on the fall-back day once, at the first of the two', () => {
    const twice = { timeOfDay: '02:30', timezone: 'Europe/Berlin', days: 'daily' as const };
    // 2027-10-31 in Berlin: 03:00 CEST falls back to 02:00 CET, so 02:30 is 00:30 UTC and again 01:30 UTC.
    expect(slotsBetween(twice, at('2027-10-30T12:00:00Z'), at('2027-11-01T12:00:00Z'))).toEqual([
      { key: '2027-10-31', at: at('2027-10-31T00:30:00Z') },
      { key: '2027-11-01', at: at('2027-11-01T01:30:00Z') },
    ]);
    expect(nextSlot(twice, at('2027-10-31T00:30:00Z')).key).toBe('2027-11-01');
    // New York, 2027-11-07: 01:30 happens at 05:30 UTC (EDT) and 06:30 UTC (EST); the first is used.
    const ny = { ...twice, timeOfDay: '01:30', timezone: 'America/New_York' };
    expect(slotsBetween(ny, at('2027-11-07T00:00:00Z'), at('2027-11-08T00:00:00Z'))).toEqual([
      { key: '2027-11-07', at: at('2027-11-07T05:30:00Z') },
    ]);
    // Lord Howe Island changes by 30 minutes: 01:45 happens twice on 2027-04-04; the first is used.
    const lordHowe = { ...twice, timeOfDay: '01:45', timezone: 'Australia/Lord_Howe' };
    expect(slotsBetween(lordHowe, at('2027-04-03T12:00:00Z'), at('2027-04-04T12:00:00Z'))).toEqual([
      { key: '2027-04-04', at: at('2027-04-03T14:45:00Z') },
    ]);
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
