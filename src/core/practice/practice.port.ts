/** Personal practice (/quiz): each member's spaced-repetition state per question, and the prompts shown. */

export interface ReviewRow {
  deckId: string;
  questionId: string;
  /** The FSRS card as ts-fsrs stores it (JSON). */
  card: unknown;
  due: Date;
  reps: number;
  lapses: number;
}

export interface PracticePromptRow {
  id: number;
  memberId: number;
  deckId: string;
  questionId: string;
  /** The question's version when shown (core/content/question-version.ts); null before versions. */
  questionVersion: string | null;
  answeredAt: Date | null;
  choice: string | null;
}

export interface PracticeAnswerInput {
  promptId: number;
  memberId: number;
  choice: string;
  correct: boolean;
  /** FSRS rating logged for this answer (1 Again, 3 Good). */
  rating: number;
  workspaceId: number;
  at: Date;
}

/** Recorded (its review logged, to be folded into the card), already answered before, or not this member's prompt. */
export type PracticeAnswerResult = { prompt: PracticePromptRow } | { already: PracticePromptRow } | undefined;

export interface PracticePort {
  /** Reviews due at `now`, earliest first. */
  dueReviews(memberId: number, deckId: string, now: Date, limit: number): Promise<ReviewRow[]>;
  reviewedQuestionIds(memberId: number, deckId: string): Promise<Set<string>>;
  /** The member's next review in the deck, due or not. */
  nextReview(memberId: number, deckId: string): Promise<ReviewRow | undefined>;
  /** A prompt for the question at `questionVersion` (the hash of the question as shown). */
  createPracticePrompt(
    memberId: number,
    deckId: string,
    questionId: string,
    questionVersion: string,
  ): Promise<PracticePromptRow>;
  getPracticePrompt(promptId: number): Promise<PracticePromptRow | undefined>;
  /** The member's latest practice prompt if it is still unanswered (an older unanswered one is superseded). */
  pendingPrompt(memberId: number): Promise<PracticePromptRow | undefined>;
  /** The member's practice in every deck: answers given, how many right, and reviews due at `now`. */
  practiceSummary(memberId: number, now: Date): Promise<{ answered: number; correct: number; due: number }>;
  /** Answers a practice prompt once and logs it as a review, in one transaction. */
  answerPractice(input: PracticeAnswerInput): Promise<PracticeAnswerResult>;
}
