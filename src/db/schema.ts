import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The data model. Every row hangs off a workspace (a Slack team, a Discord guild, the console), so two
 * teams never share a leaderboard. Migrations in migrations/ are generated from this file by drizzle-kit.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable(
  'workspaces',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name'),
    /** IANA zone: week and month boundaries of the leaderboards, and the default for schedules. */
    timezone: text('timezone').notNull().default('UTC'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workspaces_platform_external_uq').on(t.platform, t.externalId)],
);

export const members = pgTable(
  'members',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    displayName: text('display_name').notNull(),
    leaderboardOptOut: boolean('leaderboard_opt_out').notNull().default(false),
    /** The member's exam day (local date, YYYY-MM-DD, in the workspace's zone), set by /exam. */
    examDate: text('exam_date'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('members_workspace_external_uq').on(t.workspaceId, t.externalId)],
);

/** A chat channel the bot posts questions in; it walks its deck in its own shuffled order, cycle by cycle. */
export const channels = pgTable(
  'channels',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    deckId: text('deck_id').notNull(),
    /** Which pass through the deck the channel is on. */
    cycle: integer('cycle').notNull().default(0),
    /** Sequence number of the channel's latest post; streaks count consecutive sequence numbers. */
    postSeq: integer('post_seq').notNull().default(0),
    /** Daily questions picked by the team's lowest predicted recall instead of the shuffled order. */
    adaptive: boolean('adaptive').notNull().default(false),
    /** Weekly recap day (`mon`…`sun`), `off`, or null: never set (off; the console demo turns it on). */
    recapDay: text('recap_day'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('channels_workspace_external_uq').on(t.workspaceId, t.externalId)],
);

/** One daily schedule per channel. */
export const schedules = pgTable(
  'schedules',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** Local wall-clock time, HH:MM. */
    timeOfDay: text('time_of_day').notNull(),
    timezone: text('timezone').notNull(),
    /** `daily`, `weekdays`, `weekends` or days in week order (`mon,wed,fri`): see core/schedule/days.ts. */
    days: text('days').notNull().default('daily'),
    paused: boolean('paused').notNull().default(false),
    pausedReason: text('paused_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('schedules_channel_uq').on(t.channelId),
    check('schedules_time_of_day_ck', sql`${t.timeOfDay} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
  ],
);

export const POST_STATUSES = ['claimed', 'open', 'closed', 'failed', 'skipped'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/**
 * A question posted (or about to be posted) in a channel. The unique (channel, slot) row is the claim
 * that makes a scheduled post exactly-once across replicas: slot is the local date of a scheduled post,
 * or `manual:<timestamp>` for one posted on demand.
 */
export const posts = pgTable(
  'posts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    /** The channel's post number, given when the post goes live; streaks count consecutive numbers. */
    seq: integer('seq'),
    cycle: integer('cycle').notNull(),
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    /** Hash of the question as posted (prompt, choices, key: core/content/question-version.ts); null before. */
    questionVersion: text('question_version'),
    status: text('status', { enum: POST_STATUSES }).notNull().default('claimed'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /**
     * While a claimed post is being delivered, the claimant renews this lease; a claim whose lease ran
     * out (its process died) may be taken over by another replica, inside the catch-up window.
     */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the scheduled slot was due (null for posts made on demand). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Platform reference of the posted message (Slack ts, Discord message id), to edit it at the reveal. */
    messageRef: text('message_ref'),
    revealedAt: timestamp('revealed_at', { withTimezone: true }),
    /** Whoever closes a post (or retries its reveal) holds this lease while publishing the reveal. */
    revealLeaseUntil: timestamp('reveal_lease_until', { withTimezone: true }),
    /**
     * Why the reveal can never be published (the channel is gone, archived, or the bot was removed): set
     * instead of retrying; the post counts as revealed (`revealed_at`) so nothing retries it.
     */
    revealError: text('reveal_error'),
  },
  (t) => [
    uniqueIndex('posts_channel_slot_uq').on(t.channelId, t.slot),
    uniqueIndex('posts_channel_seq_uq').on(t.channelId, t.seq),
    index('posts_channel_cycle_idx').on(t.channelId, t.cycle),
    index('posts_status_closes_idx').on(t.status, t.closesAt),
    index('posts_claimed_lease_idx').on(t.leaseUntil).where(sql`${t.status} = 'claimed'`),
  ],
);

/** One answer per member per post: the primary key, not application code, enforces it. */
export const answers = pgTable(
  'answers',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    workspaceId: integer('workspace_id').notNull(),
    channelId: integer('channel_id').notNull(),
    /** The topic of the question, copied so per-topic stats need no content lookup. */
    topic: text('topic').notNull(),
    choice: text('choice').notNull(),
    correct: boolean('correct').notNull(),
    points: integer('points').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'answers_pk', columns: [t.postId, t.memberId] }),
    index('answers_member_idx').on(t.memberId),
    index('answers_post_answered_idx').on(t.postId, t.answeredAt),
  ],
);

/**
 * Running totals per member and board, updated in the answer's transaction so every leaderboard is an
 * index read. `board` is `all`, `week:<YYYY-MM-DD of the Monday>`, `month:<YYYY-MM>` (in the workspace's
 * time zone) or `channel:<channel id>`.
 */
export const memberScores = pgTable(
  'member_scores',
  {
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    board: text('board').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    points: integer('points').notNull().default(0),
    correct: integer('correct').notNull().default(0),
    answered: integer('answered').notNull().default(0),
    /** When the member last gained points on this board: ties go to whoever got there first. */
    reachedAt: timestamp('reached_at', { withTimezone: true }).notNull().defaultNow(),
    /** The member opted out of leaderboards: a copy of members.leaderboard_opt_out, so boards need no join. */
    hidden: boolean('hidden').notNull().default(false),
  },
  (t) => [
    primaryKey({ name: 'member_scores_pk', columns: [t.workspaceId, t.board, t.memberId] }),
    // Boards read only visible rows in rank order: the top 10 is the first 10 entries of this index.
    index('member_scores_rank_idx')
      .on(t.workspaceId, t.board, t.points.desc(), t.correct.desc(), t.reachedAt.asc(), t.memberId.asc())
      .where(sql`not ${t.hidden}`),
  ],
);

/** A member's streak in one channel: consecutive posts of that channel answered. */
export const streaks = pgTable(
  'streaks',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    lastSeq: integer('last_seq').notNull(),
    current: integer('current').notNull(),
    best: integer('best').notNull(),
    lastAnsweredAt: timestamp('last_answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'streaks_pk', columns: [t.memberId, t.channelId] })],
);

/**
 * Memory state (FSRS card) of one question for one member, from every first answer: daily posts and /quiz.
 * `stability` (days) copies the card's, so team readiness is computed in SQL.
 */
export const reviews = pgTable(
  'reviews',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    card: jsonb('card').notNull(),
    due: timestamp('due', { withTimezone: true }).notNull(),
    reps: integer('reps').notNull().default(0),
    lapses: integer('lapses').notNull().default(0),
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }),
    stability: doublePrecision('stability').notNull().default(0),
    /** Whether the member's first answer to the question was right: the team's first-try rate (priors). */
    firstCorrect: boolean('first_correct'),
  },
  (t) => [
    primaryKey({ name: 'reviews_pk', columns: [t.memberId, t.deckId, t.questionId] }),
    index('reviews_member_due_idx').on(t.memberId, t.due),
  ],
);

/** A practice question shown to one member by /quiz; its buttons answer it once. */
export const practicePrompts = pgTable(
  'practice_prompts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    /** Hash of the question as shown (see posts.question_version); null for prompts from before versions. */
    questionVersion: text('question_version'),
    createdAt: createdAt(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    choice: text('choice'),
    correct: boolean('correct'),
  },
  (t) => [index('practice_prompts_member_idx').on(t.memberId, t.createdAt)],
);

/**
 * Inbound deliveries already accepted (Slack's trigger_id, Discord's interaction id), remembered for a short
 * while so a redelivery of the same command or click (a proxy's or Slack's retry) is acknowledged and not
 * acted on twice, whichever replica it reaches.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    platform: text('platform').notNull(),
    deliveryId: text('delivery_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'deliveries_pk', columns: [t.platform, t.deliveryId] }),
    index('deliveries_expires_idx').on(t.expiresAt),
  ],
);

export { slackInstallations, slackOrgTeams } from './installations.schema.js';
export { readinessQuestions, readinessSnapshots, reviewLog } from './readiness.schema.js';
export { recaps } from './recap.schema.js';
export { questionReports, questionVersions } from './reports.schema.js';
