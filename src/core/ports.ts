/**
 * What the core needs from the outside world, as interfaces it owns: storage (implemented in src/db)
 * and channel publishing (implemented by each adapter). Nothing here names a driver or a platform SDK.
 */
import type { Actor, Platform } from './events.js';
import type { Reply } from './replies.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface WorkspaceRow {
  id: number;
  platform: Platform;
  externalId: string;
  timezone: string;
}

export interface MemberRow {
  id: number;
  workspaceId: number;
  externalId: string;
  displayName: string;
  leaderboardOptOut: boolean;
}

export interface ChannelRow {
  id: number;
  workspaceId: number;
  externalId: string;
  deckId: string;
  cycle: number;
  postSeq: number;
}

export type PostStatus = 'claimed' | 'open' | 'closed' | 'failed' | 'skipped';

export interface PostRow {
  id: number;
  channelId: number;
  workspaceId: number;
  slot: string;
  seq: number | null;
  cycle: number;
  deckId: string;
  questionId: string;
  status: PostStatus;
  attempts: number;
  lastError: string | null;
  claimedAt: Date;
  dueAt: Date | null;
  postedAt: Date | null;
  closesAt: Date | null;
  closedAt: Date | null;
  messageRef: string | null;
}

/** Which question a channel gets next, decided by the core inside the claim's transaction. */
export type QuestionChooser = (state: {
  channel: ChannelRow;
  /** Question ids posted (or being posted) in the channel's current cycle. */
  usedInCycle: ReadonlySet<string>;
  /** The question of the channel's latest post, if any. */
  lastQuestionId: string | undefined;
}) => { deckId: string; questionId: string; cycle: number };

export type ClaimResult = { kind: 'claimed'; post: PostRow } | { kind: 'taken'; post: PostRow };

export interface AnswerInput {
  postId: number;
  memberId: number;
  choice: string;
  correct: boolean;
  topic: string;
  at: Date;
  /** Boards this answer counts on besides `all` and `channel:<id>`: `week:…`, `month:…`. */
  periodBoards: string[];
}

export type AnswerResult =
  | { kind: 'recorded'; points: number; streak: number; bestStreak: number }
  | { kind: 'duplicate'; choice: string }
  | { kind: 'closed' };

export interface RevealStats {
  answered: number;
  correct: number;
  firstCorrect: { displayName: string; at: Date } | undefined;
}

export interface ScheduleRow {
  id: number;
  channelId: number;
  timeOfDay: string;
  timezone: string;
  days: 'daily' | 'weekdays';
  paused: boolean;
  pausedReason: string | null;
}

export interface ScheduledChannel {
  schedule: ScheduleRow & { updatedAt: Date };
  channel: ChannelRow;
  workspace: WorkspaceRow;
}

export interface LeaderboardRow {
  rank: number;
  memberId: number;
  displayName: string;
  points: number;
  correct: number;
  answered: number;
}

export interface Leaderboard {
  top: LeaderboardRow[];
  /** The caller's own row when it is outside the top (and the caller is visible). */
  me: LeaderboardRow | undefined;
  /** Visible members on the board. */
  total: number;
}

export interface MemberTotals {
  points: number;
  correct: number;
  answered: number;
}

export interface StreakRow {
  channelId: number;
  lastSeq: number;
  current: number;
  best: number;
}

export interface TopicStat {
  topic: string;
  answered: number;
  correct: number;
}

export interface ReviewRow {
  deckId: string;
  questionId: string;
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
  answeredAt: Date | null;
  choice: string | null;
}

/** Storage for the quiz engine; one implementation serves Postgres and PGlite. */
export interface QuizStore {
  /** Finds or creates the actor's workspace and member, keeping the display name current. */
  ensureMember(
    actor: Actor,
    defaultTimezone: string,
  ): Promise<{ workspace: WorkspaceRow; member: MemberRow }>;
  ensureChannel(workspaceId: number, externalId: string, deckId: string): Promise<ChannelRow>;
  findChannel(workspaceId: number, externalId: string): Promise<ChannelRow | undefined>;
  /** A channel with its workspace, to address posts to the right platform. */
  channelContext(channelId: number): Promise<{ channel: ChannelRow; workspace: WorkspaceRow } | undefined>;
  setWorkspaceTimezone(workspaceId: number, timezone: string): Promise<void>;
  getWorkspace(workspaceId: number): Promise<WorkspaceRow | undefined>;

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
  /** Every schedule that is not paused, with its channel and workspace. */
  activeSchedules(): Promise<ScheduledChannel[]>;
  /**
   * Closed posts (of the last day) whose reveal is not published and whose reveal lease ran out; takes the
   * lease for the caller, so one replica retries each.
   */
  claimUnrevealed(now: Date, leaseUntil: Date): Promise<PostRow[]>;
  /** Marks a claimed post as live: gives it the channel's next sequence number. */
  markPosted(postId: number, input: { messageRef: string; postedAt: Date; closesAt: Date }): Promise<PostRow>;
  markPostFailed(postId: number, error: string, final: boolean): Promise<void>;
  getPost(postId: number): Promise<PostRow | undefined>;
  /** Open posts of a channel, oldest first. */
  openPosts(channelId: number): Promise<PostRow[]>;
  /** Open posts whose window has ended. */
  expiredPosts(now: Date): Promise<PostRow[]>;
  latestPost(channelId: number): Promise<PostRow | undefined>;
  /** Closes an open post, taking its reveal lease; undefined when it was not open (closed by someone else). */
  closePost(postId: number, at: Date, revealLeaseUntil: Date): Promise<PostRow | undefined>;
  markRevealed(postId: number, at: Date): Promise<void>;
  revealStats(postId: number): Promise<RevealStats>;
  answerCount(postId: number): Promise<number>;

  /** Records one answer and its score in one transaction; see AnswerResult. */
  recordAnswer(input: AnswerInput): Promise<AnswerResult>;

  leaderboard(workspaceId: number, board: string, memberId: number, limit: number): Promise<Leaderboard>;
  memberTotals(workspaceId: number, memberId: number): Promise<MemberTotals>;
  streaks(memberId: number): Promise<StreakRow[]>;
  /** Each channel's latest post number, and whether that post is still open. */
  channelSeqs(channelIds: number[]): Promise<Map<number, { seq: number; open: boolean }>>;
  topicStats(memberId: number): Promise<TopicStat[]>;
  /** Term ids of the questions the member got wrong most often, in one topic. */
  wrongQuestionIds(memberId: number, topic: string): Promise<{ deckId: string; questionId: string }[]>;
  setOptOut(memberId: number, optOut: boolean): Promise<void>;

  getSchedule(channelId: number): Promise<ScheduleRow | undefined>;
  /** Creates or replaces the channel's schedule (and resumes it); `at` is when, by the core's clock. */
  upsertSchedule(
    input: Omit<ScheduleRow, 'id' | 'paused' | 'pausedReason'> & { at: Date },
  ): Promise<ScheduleRow>;
  setSchedulePaused(
    channelId: number,
    paused: boolean,
    reason: string | null,
    at: Date,
  ): Promise<ScheduleRow | undefined>;

  dueReviews(memberId: number, deckId: string, now: Date, limit: number): Promise<ReviewRow[]>;
  reviewedQuestionIds(memberId: number, deckId: string): Promise<Set<string>>;
  nextReview(memberId: number, deckId: string): Promise<ReviewRow | undefined>;
  createPracticePrompt(memberId: number, deckId: string, questionId: string): Promise<PracticePromptRow>;
  /** Answers a practice prompt once and stores the new review state; undefined when already answered. */
  answerPractice(input: PracticeAnswerInput): Promise<PracticeAnswerResult>;
  getPracticePrompt(promptId: number): Promise<PracticePromptRow | undefined>;
}

export interface PracticeAnswerInput {
  promptId: number;
  memberId: number;
  choice: string;
  correct: boolean;
  at: Date;
  /** The review state after this answer, from the previous one (FSRS, in the core). */
  nextReview: (previous: ReviewRow | undefined) => Omit<ReviewRow, 'deckId' | 'questionId'>;
}

/** Recorded (with the new review state), already answered before, or not this member's prompt. */
export type PracticeAnswerResult =
  | { prompt: PracticePromptRow; review: ReviewRow }
  | { already: PracticePromptRow }
  | undefined;

/** Where a channel lives on its platform. */
export interface ChannelAddress {
  platform: Platform;
  workspaceExternalId: string;
  channelExternalId: string;
}

/** Why a platform refused a post; the scheduler retries, backs off or pauses on these. */
export class PublishError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'rate-limited' | 'transient',
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PublishError';
  }
}

/** Posting to channels, implemented by each adapter. */
export interface ChannelPublisher {
  /** Posts a message to the channel and returns the platform's reference to it. */
  post(channel: ChannelAddress, reply: Reply): Promise<string>;
  /** Replaces the posted question (buttons gone, answer shown) and replies under it with the reveal. */
  reveal(channel: ChannelAddress, messageRef: string, updated: Reply, reveal: Reply): Promise<void>;
}
