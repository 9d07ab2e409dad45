/**
 * Claims: a post row per (channel, slot) is what makes a daily question exactly-once across replicas. A claim
 * has a lease its claimant renews while it retries; a replica may take over a claim whose process died.
 */
import type { ChannelRow } from '../workspace/channels.port.js';
import type { PostRow } from './posts.port.js';

/** Which question a channel gets next, decided by the core inside the claim's transaction. */
export type QuestionChooser = (state: {
  channel: ChannelRow;
  /** Question ids posted (or being posted) in the channel's current cycle. */
  usedInCycle: ReadonlySet<string>;
  /** The question of the channel's latest post, if any. */
  lastQuestionId: string | undefined;
}) => { deckId: string; questionId: string; cycle: number };

export type ClaimResult = { kind: 'claimed'; post: PostRow } | { kind: 'taken'; post: PostRow };

export interface ClaimsPort {
  /** Claims (channel, slot) and picks its question in one transaction; `taken` when the slot exists. */
  claimPost(input: {
    channelId: number;
    slot: string;
    dueAt: Date | null;
    leaseUntil: Date;
    choose: QuestionChooser;
  }): Promise<ClaimResult>;
  /** Extends the claimant's lease on a claimed post; false when the post is no longer claimed. */
  renewLease(postId: number, until: Date): Promise<boolean>;
  /**
   * Takes over claimed posts whose lease ran out (their process died) and that were due at or after
   * `dueAfter`: gives them a new lease and returns them, so exactly one taker redelivers each.
   */
  takeOverStaleClaims(now: Date, leaseUntil: Date, dueAfter: Date): Promise<PostRow[]>;
  /** Marks abandoned claims too old to post (due before `dueBefore`, or manual) as failed, with `reason`. */
  failStaleClaims(now: Date, dueBefore: Date, reason: string): Promise<PostRow[]>;
  /** Records a scheduled slot that was not posted (missed while every replica was down); false if it exists. */
  recordSkipped(input: { channelId: number; slot: string; dueAt: Date; reason: string }): Promise<boolean>;
  /** Which of these (channel, slot) pairs already have a post row, as `${channelId}|${slot}`. */
  slotsTaken(pairs: { channelId: number; slot: string }[]): Promise<Set<string>>;
}
