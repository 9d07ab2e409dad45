/** Answers to the daily question: one per member per post, recorded with its score in one step. */
import type { Delivery } from '../inbound/deliveries.port.js';

export interface AnswerInput {
  postId: number;
  memberId: number;
  choice: string;
  correct: boolean;
  topic: string;
  /** The question answered, logged as an FSRS review with `rating` (1 Again, 2 Hard, 3 Good). */
  deckId: string;
  questionId: string;
  rating: number;
  at: Date;
  /** Boards this answer counts on besides `all` and `channel:<id>`: `week:…`, `month:…`. */
  periodBoards: string[];
  /**
   * The click's delivery, remembered in the same step (the DeliveriesPort's rule): when it was accepted
   * before, nothing is recorded and the result is `redelivered`.
   */
  delivery?: Delivery;
}

export type AnswerResult =
  | { kind: 'recorded'; points: number; streak: number; bestStreak: number }
  | { kind: 'duplicate'; choice: string }
  | { kind: 'closed' }
  | { kind: 'redelivered' };

export interface AnswersPort {
  /**
   * Records one answer, its review in the review log (not yet folded into the card), the member's streak in
   * the channel and the points (src/core/scores/scoring.ts) on every board, atomically; `duplicate` for a second answer, `closed` when the post is not open, `redelivered` for a
   * delivery already accepted (nothing else is checked or written then).
   */
  recordAnswer(input: AnswerInput): Promise<AnswerResult>;
}
