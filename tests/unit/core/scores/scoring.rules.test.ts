import { describe, expect, it } from 'vitest';
import {
  BASE_POINTS,
  pointsFor,
  STREAK_BONUS_CAP,
  STREAK_BONUS_PER_POST,
  streakAfter,
} from '../../../../src/core/scores/scoring.js';
import { buttonOf, createMemoryHarness } from '../../../support/memory-harness.js';

describe('scoring rules', () => {
  it('counts a streak over consecutive posts, keeps it for an out-of-order answer, restarts after a gap', () => {
    expect(streakAfter(undefined, 7)).toBe(1);
    expect(streakAfter({ lastSeq: 6, current: 3 }, 7)).toBe(4);
    expect(streakAfter({ lastSeq: 8, current: 3 }, 7)).toBe(3);
    expect(streakAfter({ lastSeq: 5, current: 3 }, 7)).toBe(1);
  });

  it('gives base points plus a capped streak bonus for a right answer, nothing for a wrong one', () => {
    expect(pointsFor(true, 1)).toBe(BASE_POINTS);
    expect(pointsFor(true, 2)).toBe(BASE_POINTS + STREAK_BONUS_PER_POST);
    expect(pointsFor(true, 100)).toBe(BASE_POINTS + STREAK_BONUS_CAP);
    expect(pointsFor(false, 5)).toBe(0);
  });

  it('ranks the team board and shows the caller below the top; refuses a period it does not have', async () => {
    const h = await createMemoryHarness();
    const admin = h.actor('admin', { admin: true });
    for (let day = 0; day < 3; day++) {
      await h.say(admin, 'studybot', 'post');
      const post = h.stores.tables.posts.at(-1);
      const question = h.catalog.question('sample', post?.questionId ?? '');
      const wrong = question?.answer === 'A' ? 'B' : 'A';
      await h.press(h.actor('ann'), buttonOf(h, question?.answer ?? 'A'));
      await h.press(h.actor('bob'), buttonOf(h, day === 0 ? (question?.answer ?? 'A') : wrong));
    }
    const board = await h.say(h.actor('bob'), 'leaderboard', 'all');
    expect(board.lines).toEqual([
      `1. ann: ${pointsFor(true, 1) + pointsFor(true, 2) + pointsFor(true, 3)} pts (3/3 right)`,
      `2. bob: ${BASE_POINTS} pts (1/3 right)  ← you`,
    ]);
    expect((await h.say(h.actor('bob'), 'leaderboard', 'yesterday')).code).toBe('ARGUMENT_INVALID');
    await h.say(h.actor('ann'), 'stats', 'optout');
    expect((await h.say(h.actor('bob'), 'leaderboard', 'all')).lines).toEqual([
      `1. bob: ${BASE_POINTS} pts (1/3 right)  ← you`,
    ]);
  });

  it('shows a right-to-left name isolated on the board, so its points stay after it', async () => {
    const h = await createMemoryHarness();
    await h.say(h.actor('admin', { admin: true }), 'studybot', 'post');
    const post = h.stores.tables.posts.at(-1);
    const question = h.catalog.question('sample', post?.questionId ?? '');
    const sara = { ...h.actor('sara'), userName: 'שרה\u202E' };
    await h.press(sara, buttonOf(h, question?.answer ?? 'A'));
    expect((await h.say(sara, 'leaderboard', 'all')).lines).toEqual([
      `1. \u2068שרה\u2069: ${BASE_POINTS} pts (1/1 right)  ← you`,
    ]);
  });
});
