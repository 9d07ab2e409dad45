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
   * Marks the member's review of a post or practice prompt as a guess, re-rated `rating` when it was right;
   * the card is then rebuilt from that review on (the next fold). `already` when it was marked before.
   */
  markGuess(source: ReviewSource, sourceId: number, memberId: number, rating: number): Promise<GuessResult>;
}
