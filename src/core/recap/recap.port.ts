/** Weekly recaps: the exactly-once claim of each recap, and the week's figures (src/db/recap.store.ts). */

export type RecapClaim = { kind: 'claimed'; id: number } | { kind: 'taken' };

/** A member's week in a channel: points and answers from daily questions. */
export interface WeekScorer {
  memberId: number;
  displayName: string;
  points: number;
  correct: number;
  answers: number;
}

/** A live streak in a channel: consecutive daily questions answered, up to the latest ones. */
export interface StreakLeader {
  displayName: string;
  current: number;
  best: number;
}

/** Answers to one post of the week, counted by choice. */
export interface AnswerTally {
  postId: number;
  deckId: string;
  questionId: string;
  choice: string;
  correct: boolean;
  count: number;
}

export interface RecapPort {
  /**
   * Claims (channel, slot): a new row, or a claim whose lease ran out before `now` (its process died) taken
   * over with a new lease. `taken` when the recap was posted, failed, or is being posted elsewhere.
   */
  claimRecap(input: { channelId: number; slot: string; now: Date; leaseUntil: Date }): Promise<RecapClaim>;
  /** Records the outcome of a claimed recap; `data` is what it showed (the next recap compares with it). */
  finishRecap(
    id: number,
    outcome: {
      status: 'posted' | 'failed';
      at: Date;
      data?: unknown;
      imagePosted?: boolean;
      messageRef?: string | null;
      error?: string | null;
    },
  ): Promise<void>;
  /** The channel's latest posted recap at or before `before`, with the figures it showed. */
  previousRecap(channelId: number, before: Date): Promise<{ postedAt: Date; data: unknown } | undefined>;
  /**
   * Members who answered daily questions of the channel in [since, until), opted-out members left out, by
   * points, then correct answers, then who got there first; at most `limit`.
   */
  topScorers(channelId: number, since: Date, until: Date, limit: number): Promise<WeekScorer[]>;
  /** Members (opted-out left out) whose streak reaches post `minSeq` or later, longest first; at most `limit`. */
  streakLeaders(channelId: number, minSeq: number, limit: number): Promise<StreakLeader[]>;
  /** Answers to the channel's posts posted in [since, until), counted per post and choice. */
  answerTallies(channelId: number, since: Date, until: Date): Promise<AnswerTally[]>;
  /** Members with a daily answer in the channel in [since, until), and how many answers. */
  participation(channelId: number, since: Date, until: Date): Promise<{ members: number; answers: number }>;
}
