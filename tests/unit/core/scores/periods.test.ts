import { describe, expect, it } from 'vitest';
import { boardFor, periodBoards } from '../../../../src/core/scores/periods.js';

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
