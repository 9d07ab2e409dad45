/** Posts of the daily question: going live, closing, reveals, and what the reveal reports. */

export type PostStatus = 'claimed' | 'open' | 'closed' | 'failed' | 'skipped';

export interface PostRow {
  id: number;
  channelId: number;
  workspaceId: number;
  /** The local date of a scheduled post (`2027-03-28`), or `manual:<instant>:<random>` for /studybot post. */
  slot: string;
  /** The channel's sequence number, set when the post goes live; skipped and failed slots have none. */
  seq: number | null;
  cycle: number;
  deckId: string;
  questionId: string;
  /** Hash of the question as posted (core/content/question-version.ts); null until posted, and before versions. */
  questionVersion: string | null;
  status: PostStatus;
  attempts: number;
  lastError: string | null;
  claimedAt: Date;
  dueAt: Date | null;
  postedAt: Date | null;
  closesAt: Date | null;
  closedAt: Date | null;
  messageRef: string | null;
  /** When the reveal was published, or given up for good (then `revealError` says why). */
  revealedAt: Date | null;
  /** Why the reveal can never be published (the channel is gone, the bot was removed). */
  revealError: string | null;
}

/** Where a closed post's reveal stands: shown, still to be shown (retrying), or given up with a reason. */
export type RevealState = { kind: 'revealed' } | { kind: 'pending' } | { kind: 'failed'; reason: string };

export interface RevealStats {
  answered: number;
  correct: number;
  firstCorrect: { displayName: string; at: Date } | undefined;
}

export interface PostsPort {
  /** Marks a claimed post as live: gives it the channel's next sequence number and the question's version. */
  markPosted(
    postId: number,
    input: { messageRef: string; postedAt: Date; closesAt: Date; questionVersion: string },
  ): Promise<PostRow>;
  /** Records a failed attempt on a claimed post; `final` marks it failed for good. */
  markPostFailed(postId: number, error: string, final: boolean): Promise<void>;
  getPost(postId: number): Promise<PostRow | undefined>;
  /** Open posts of a channel, oldest first. */
  openPosts(channelId: number): Promise<PostRow[]>;
  /** Open posts whose window has ended at `now`. */
  expiredPosts(now: Date): Promise<PostRow[]>;
  /** The channel's latest post that is not a skipped slot. */
  latestPost(channelId: number): Promise<PostRow | undefined>;
  /** Closes an open post, taking its reveal lease; undefined when it was not open (closed by someone else). */
  closePost(postId: number, at: Date, revealLeaseUntil: Date): Promise<PostRow | undefined>;
  markRevealed(postId: number, at: Date): Promise<void>;
  /** Gives the reveal up for good (a permanent platform error): never retried; `reason` is kept. */
  markRevealFailed(postId: number, reason: string, at: Date): Promise<void>;
  /** The reveal's state now, read from the database (never from a cache); undefined for no such post. */
  revealState(postId: number): Promise<RevealState | undefined>;
  /**
   * Closed posts (of the last day) whose reveal is not published and whose reveal lease ran out; takes the
   * lease for the caller, so one replica retries each.
   */
  claimUnrevealed(now: Date, leaseUntil: Date): Promise<PostRow[]>;
  revealStats(postId: number): Promise<RevealStats>;
  answerCount(postId: number): Promise<number>;
}
