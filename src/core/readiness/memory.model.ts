/**
 * The memory model: one FSRS card per member and question, folded from every first answer (daily and
 * practice). FSRS-6 with ts-fsrs's default parameters (w, decay 0.1542), desired retention 0.9, day-level
 * intervals (no same-day learning steps) and no fuzz, so dates are predictable. Source: FSRS, Ye et al.,
 * https://github.com/open-spaced-repetition/fsrs4anki/wiki/The-Algorithm and the ts-fsrs package.
 */
import { type Card, computeDecayFactor, createEmptyCard, default_w, fsrs, type Grade, Rating } from 'ts-fsrs';

/** The share of reviews FSRS aims to have remembered when it schedules the next one. */
export const DESIRED_RETENTION = 0.9;

const scheduler = fsrs({
  request_retention: DESIRED_RETENTION,
  enable_short_term: false,
  enable_fuzz: false,
});

const { decay: DECAY, factor: FACTOR } = computeDecayFactor(default_w);
/** The forgetting curve's constants, shared with the SQL that computes team figures. */
export const CURVE = { decay: DECAY, factor: FACTOR } as const;

/** Ratings as FSRS numbers them. A right answer is Good, a right guess Hard, a wrong answer Again. */
export const RATING = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good } as const;

/** The rating of a first answer: Good when right, Again when wrong; Hard for a right answer marked as a guess. */
export const ratingFor = (correct: boolean, guessed = false): Grade =>
  correct ? (guessed ? Rating.Hard : Rating.Good) : Rating.Again;

const DAY_MS = 86_400_000;

/**
 * Retrievability R(t, S) = (1 + FACTOR·t/S)^DECAY: the probability of recalling a card of stability `S`
 * days, `t` days after its last review (FSRS-6 forgetting curve; R = 0.9 when t = S). 0 when S is 0.
 */
export function retrievability(stability: number, lastReview: Date, at: Date): number {
  if (stability <= 0) return 0;
  const days = Math.max(0, (at.getTime() - lastReview.getTime()) / DAY_MS);
  return (1 + (FACTOR * days) / stability) ** DECAY;
}

/** A stored card (JSON from the database) back into a ts-fsrs Card with Date fields. */
export function reviveCard(stored: unknown): Card {
  const c = stored as Card & { due: string | Date; last_review?: string | Date };
  return { ...c, due: new Date(c.due), ...(c.last_review ? { last_review: new Date(c.last_review) } : {}) };
}

/** A card after one review, with what the stores keep of it. */
export interface ReviewedCard {
  card: Card;
  stability: number;
  due: Date;
  reps: number;
  lapses: number;
  /** Days since the previous review; null for the first. */
  elapsedDays: number | null;
}

/** Applies one review (`rating` at `at`) to a card (or a new one): the FSRS step every store folds with. */
export function reviewCard(previous: unknown, rating: number, at: Date): ReviewedCard {
  const before = previous === undefined || previous === null ? undefined : reviveCard(previous);
  const card: Card = before ?? createEmptyCard<Card>(at);
  const elapsedDays = before?.last_review
    ? Math.max(0, (at.getTime() - before.last_review.getTime()) / DAY_MS)
    : null;
  const { card: next } = scheduler.next(card, at, rating as Grade);
  return {
    card: next,
    stability: next.stability,
    due: next.due,
    reps: next.reps,
    lapses: next.lapses,
    elapsedDays,
  };
}

/** The step function the memory store folds pending reviews with. */
export type CardStep = typeof reviewCard;
