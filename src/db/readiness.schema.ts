import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Readiness tables (re-exported by schema.ts, which drizzle-kit reads): the review log and snapshots. */

/**
 * Every first answer as an FSRS review: who, which question, when, the rating (1 Again, 2 Hard, 3 Good) and
 * the days since the previous review. Cards in `reviews` are folded from it in time order (`applied`), so
 * the model can be recomputed, re-rated (a guess) and evaluated (`npm run readiness:eval`).
 */
export const reviewLog = pgTable(
  'review_log',
  {
    // No foreign key to members: its check would lock the member row again on every daily answer, and
    // members are only deleted by `data:delete`, which deletes their log rows itself.
    memberId: integer('member_id').notNull(),
    workspaceId: integer('workspace_id').notNull(),
    /** The channel of a daily answer; null for practice. */
    channelId: integer('channel_id'),
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    source: text('source', { enum: ['daily', 'practice'] }).notNull(),
    /** The post (daily) or practice prompt (practice) answered. */
    sourceId: integer('source_id').notNull(),
    choice: text('choice').notNull(),
    correct: boolean('correct').notNull(),
    rating: integer('rating').notNull(),
    guessed: boolean('guessed').notNull().default(false),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull(),
    /** Days since the member's previous review of the question; null for the first one. */
    elapsedDays: doublePrecision('elapsed_days'),
    /** The card before this review (null: the first review), to re-rate and replay from here. */
    cardBefore: jsonb('card_before'),
    applied: boolean('applied').notNull().default(false),
  },
  (t) => [
    // Few indexes: every daily answer inserts a row, and each index costs the click path (docs/performance.md).
    // The key is natural (a member answers a post or a practice prompt once): a guess finds its row by it, a
    // re-rating scans the member's rows from it, and there is no identity sequence to advance.
    primaryKey({ columns: [t.memberId, t.source, t.sourceId] }),
    index('review_log_pending_idx').on(t.memberId).where(sql`not ${t.applied}`),
    index('review_log_channel_idx').on(t.channelId, t.reviewedAt),
  ],
);

/**
 * Precomputed readiness (team figures per channel and deck, answer priors per workspace and deck), so
 * `/readiness team` is one row read whatever the team's size; refreshed by the scheduler.
 */
export const readinessSnapshots = pgTable('readiness_snapshots', {
  key: text('key').primaryKey(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  data: jsonb('data').notNull(),
});

/**
 * A deck's questions as personal readiness weighs them (objective index, share of the exam), stored once
 * per structure key (the deck id and a hash of these rows, so the rows under a key never change): the
 * `/readiness` statement reads them here instead of receiving 500 of them with every call.
 */
export const readinessQuestions = pgTable(
  'readiness_questions',
  {
    structureKey: text('structure_key').notNull(),
    questionId: text('question_id').notNull(),
    objective: integer('objective').notNull(),
    share: doublePrecision('share').notNull(),
  },
  (t) => [primaryKey({ columns: [t.structureKey, t.questionId] })],
);
