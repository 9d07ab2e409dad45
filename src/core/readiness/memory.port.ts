/** The memory model's storage: the review log and the FSRS cards folded from it (src/db/memory.store.ts). */
import type { CardStep } from './memory.model.js';

/** One member's card of one question, as readiness reads it. */
export interface MemoryCard {
  deckId: string;
  questionId: string;
  /** FSRS stability, in days. */
  stability: number;
  lastReview: Date;
  due: Date;
  reps: number;
}

export type ReviewSource = 'daily' | 'practice';

/** A question as the personal readiness sums weigh it: its objective (index), exam share and prior (0..1). */
export interface ObjectiveQuestion {
  questionId: string;
  objective: number;
  share: number;
  prior: number;
}

/**
 * Where the sums find their weights: the deck's questions stored under `questionsKey`
 * (ReadinessPort.putQuestions), each question's prior in the snapshot `priorsKey` (else `chance`).
 */
export interface RecallWeights {
  questionsKey: string;
  priorsKey: string;
  chance: number;
}

/** The instants of the sums: now, the weakest items' day, and the zone whose 09:00 on the exam date counts. */
export interface RecallInstants {
  now: Date;
  ahead: Date;
  zone: string;
}

/**
 * One member's recall over a deck's questions: FSRS retrievability of each question with a card, its prior
 * without one. Per objective (index into the deck's objectives) and weighted by share in all; at the exam
 * instant too when the member's exam date is ahead.
 */
export interface RecallSums {
  /** The member's cards in the deck (of any question, also ones no longer in it). */
  cards: number;
  /** The member's exam date (YYYY-MM-DD) when its instant (09:00 in the zone) is after now. */
  examDate: string | null;
  perObjective: { objective: number; seen: number; recallSum: number; examRecallSum: number }[];
  /** Σ share × recall now, and at the exam instant (equal to `total` without an exam ahead). */
  total: number;
  examTotal: number;
  /** Questions without a card, and the sum of their priors. */
  unseen: number;
  unseenPriorSum: number;
  /** Up to three questions with a card and the lowest recall at `ahead`, lowest first (ties by id). */
  weakest: { questionId: string; recall: number }[];
}

export type GuessResult =
  | { kind: 'marked'; correct: boolean; deckId: string; questionId: string }
  | { kind: 'already'; correct: boolean }
  | { kind: 'missing' };

export interface MemoryPort {
  /**
   * Folds the member's reviews not yet applied into their cards, oldest first, with `step` (FSRS), in one
   * transaction that serialises with every other fold of this member. Returns how many it applied.
   */
  applyPending(memberId: number, step: CardStep): Promise<number>;
  /**
   * Folds the pending reviews of several members (as applyPending for each) in one transaction and a few
   * statements, whatever their number: the scheduler's pass. Returns how many reviews it applied.
   */
  applyPendingOf(memberIds: readonly number[], step: CardStep): Promise<number>;
  /** Members with reviews not yet applied (a process died between an answer and its fold), at most `limit`. */
  membersWithPending(limit: number): Promise<number[]>;
  /** The member's cards in one deck. */
  cards(memberId: number, deckId: string): Promise<MemoryCard[]>;
  /**
   * The member's cards in one deck with every review folded in: one statement reads the cards and whether
   * any review is unapplied; only then it folds (as applyPending) and reads them again.
   */
  foldedCards(memberId: number, deckId: string, step: CardStep): Promise<MemoryCard[]>;
  /**
   * Folds the member's pending reviews (as foldedCards) and sums their recall over the deck's questions, now
   * and on their exam day, in one statement when nothing is pending: what /readiness shows, without reading
   * every card.
   */
  recallSums(
    memberId: number,
    deckId: string,
    step: CardStep,
    weights: RecallWeights,
    at: RecallInstants,
  ): Promise<RecallSums>;
  /**
   * Marks the member's review of a post or practice prompt as a guess, re-rated `rating` when it was right;
   * the card is then rebuilt from that review on (the next fold). `already` when it was marked before.
   */
  markGuess(source: ReviewSource, sourceId: number, memberId: number, rating: number): Promise<GuessResult>;
}
