/** Re-grading answers to a question's earlier versions against its current key (`npm run content:rescore`). */
import type { CardStep } from '../readiness/memory.model.js';

/** A version of a question as the bot loaded it once (stored at start-up, never changed). */
export interface QuestionVersionRow {
  deckId: string;
  questionId: string;
  version: string;
  prompt: string;
  choices: string[];
  answer: string;
}

export interface QuestionVersionsPort {
  /** Stores versions not stored yet (the rest are left as they are). Returns how many were new. */
  remember(rows: readonly QuestionVersionRow[]): Promise<number>;
  /** Every stored version of one question, oldest first. */
  versionsOf(deckId: string, questionId: string): Promise<QuestionVersionRow[]>;
}

export interface RescoreInput {
  deckId: string;
  questionId: string;
  /** The current key: answers to `versions` are right exactly when they chose it. */
  key: string;
  versions: readonly string[];
  /** Also re-grade answers recorded before versions existed (their version is unknown). */
  includeUnversioned: boolean;
  /** The FSRS step the members' cards are refolded with. */
  step: CardStep;
}

/** One daily answer whose grade changed: its points before and after. */
export interface RegradedAnswer {
  postId: number;
  memberId: number;
  choice: string;
  correct: boolean;
  pointsBefore: number;
  pointsAfter: number;
}

export interface RescoreResult {
  daily: RegradedAnswer[];
  /** Practice answers whose grade changed (they score nothing; their reviews change). */
  practice: number;
  /** Review-log rows re-rated, and members whose cards were rebuilt from their log. */
  reviews: number;
  members: number;
}

export interface RescorePort {
  /**
   * In one transaction: re-grades every daily and practice answer to `versions` against `key`, corrects
   * each changed answer's points and every board total it counts on (all, its week and month in the
   * workspace's zone, its channel), re-rates its review-log row and rebuilds the member's card. Answers
   * already graded right are left alone, so a second run changes nothing. Streaks count answers, right or
   * wrong, so they never change; the streak bonus of a re-graded answer is its streak when answered.
   */
  rescore(input: RescoreInput): Promise<RescoreResult>;
}
