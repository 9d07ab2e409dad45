/**
 * The scoring rules (explained for players in docs/scoring.md). The answer statement in
 * src/db/answers.store.ts applies them inside the database, in the same statement that records the answer,
 * so the streak it counts is the one it stores.
 *
 * Right answer: BASE_POINTS, plus STREAK_BONUS_PER_POST for every earlier post of the channel answered in
 * a row, at most STREAK_BONUS_CAP. Wrong answer: 0, but the streak goes on.
 */
export const BASE_POINTS = 10;
export const STREAK_BONUS_PER_POST = 2;
export const STREAK_BONUS_CAP = 10;
