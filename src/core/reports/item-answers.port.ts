/** Members' first tries at each question version, daily and practice: what item analysis is computed from. */

export interface FirstTry {
  memberId: number;
  deckId: string;
  questionId: string;
  /** The version answered; null for answers recorded before versions were (counted as today's). */
  questionVersion: string | null;
  choice: string;
  correct: boolean;
}

export interface ItemAnswersPort {
  /**
   * Each member's first answer to each version of each question (a daily answer or an answered /quiz
   * prompt, whichever came first), in one workspace or, with `undefined`, in all of them.
   */
  firstTries(workspaceId: number | undefined): Promise<FirstTry[]>;
}
