/**
 * The scoring rules (explained for players in docs/scoring.md). The answer statement in
 * src/db/answers.store.ts applies them inside the database, in the same statement that records the answer,
 * so the streak it counts is the one it stores; `streakAfter` and `pointsFor` say the same in TypeScript
 * (the in-memory ports of the tests use them, and a shared test holds both to the same results).
 *
 * Right answer: BASE_POINTS, plus STREAK_BONUS_PER_POST for every earlier post of the channel answered in
 * a row, at most STREAK_BONUS_CAP. Wrong answer: 0, but the streak goes on.
 */
export const BASE_POINTS = 10;
export const STREAK_BONUS_PER_POST = 2;
export const STREAK_BONUS_CAP = 10;

/**
 * The member's streak in a channel after answering its post number `seq`: one more when their last answer
 * was to the post before, unchanged when it was to this or a later post (answers may arrive out of order),
 * else a new streak of 1.
 */
export function streakAfter(previous: { lastSeq: number; current: number } | undefined, seq: number): number {
  if (previous?.lastSeq === seq - 1) return previous.current + 1;
  if (previous !== undefined && previous.lastSeq >= seq) return previous.current;
  return 1;
}

/** Points for an answer that makes a streak of `streak`: 0 when wrong. */
export function pointsFor(correct: boolean, streak: number): number {
  if (!correct) return 0;
  return BASE_POINTS + Math.min(Math.max(streak - 1, 0) * STREAK_BONUS_PER_POST, STREAK_BONUS_CAP);
}
