import { describe, expect, it } from 'vitest';
import { parseAction } from '../../src/core/actions.js';
import type { Question } from '../../src/core/content/content.schema.js';
import { shuffledQuestions } from '../../src/core/quiz/selection.js';
import { nextSlot, slotsBetween } from '../../src/core/schedule/slots.js';
import { boardFor, periodBoards } from '../../src/core/scores/periods.js';

const q = (id: string): Question => ({
  id,
  topic: 't',
  prompt: id,
  choices: ['a', 'b'],
  answer: 'A',
  explanation: 'e',
  terms: ['x'],
});

describe('period boards', () => {
  it('puts Sunday 23:30 in New York in the week that began on Monday, there', () => {
    expect(periodBoards(new Date('2027-01-11T04:30:00Z'), 'America/New_York')).toEqual([
      'week:2027-01-04',
      'month:2027-01',
    ]);
    expect(periodBoards(new Date('2027-01-11T04:30:00Z'), 'UTC')).toEqual([
      'week:2027-01-11',
      'month:2027-01',
    ]);
    expect(boardFor('month', new Date('2027-02-01T03:00:00Z'), 'America/Los_Angeles')).toBe('month:2027-01');
    expect(boardFor('all', new Date(), 'UTC')).toBe('all');
  });
});

describe('button payloads', () => {
  it('parses only what the core puts on buttons', () => {
    expect(parseAction('answer:12:B')).toEqual({ kind: 'answer', postId: 12, choice: 'B' });
    expect(parseAction('practice:7:E')).toEqual({ kind: 'practice', promptId: 7, choice: 'E' });
    for (const bad of [
      'answer:0:A',
      'answer:012:A',
      'answer:1:F',
      'answer:1:a',
      'answer:3000000000:A',
      'answer:1:A ',
      'post:1:A',
      '',
      'explain:',
      'explain:UPPER',
    ]) {
      expect(parseAction(bad), bad).toBeUndefined();
    }
  });
});

describe('deterministic shuffle', () => {
  const deck = Array.from({ length: 30 }, (_, i) => q(`q${i}`));
  it('is stable for a seed and differs between seeds', () => {
    const a = shuffledQuestions(deck, 'channel:1:cycle:0').map((x) => x.id);
    expect(shuffledQuestions([...deck].reverse(), 'channel:1:cycle:0').map((x) => x.id)).toEqual(a);
    expect(shuffledQuestions(deck, 'channel:2:cycle:0').map((x) => x.id)).not.toEqual(a);
    expect(new Set(a).size).toBe(30);
  });
  it('keeps the relative order of existing questions when one is added', () => {
    const before = shuffledQuestions(deck, 's').map((x) => x.id);
    const after = shuffledQuestions([...deck, q('added')], 's')
      .map((x) => x.id)
      .filter((id) => id !== 'added');
    expect(after).toEqual(before);
  });
});

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
});
