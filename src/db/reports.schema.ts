import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { members, workspaces } from './schema.js';

/** Question reports and question versions (re-exported by schema.ts, which drizzle-kit reads). */

/**
 * A member's report of a question: why (`wrong-key`, `unclear`, `outdated`, `typo`, `other`), an optional
 * short text (cleaned by core/user-text.ts), and the version of the question they saw. One per member and
 * question: a second report replaces the first. A report is open while the deck still has that version.
 */
export const questionReports = pgTable(
  'question_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    questionVersion: text('question_version').notNull(),
    reason: text('reason').notNull(),
    text: text('text'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('question_reports_member_question_uq').on(t.memberId, t.deckId, t.questionId),
    index('question_reports_workspace_idx').on(t.workspaceId, t.deckId, t.questionId),
  ],
);

/**
 * Every version of every question the bot has loaded (written at start-up, never changed): what a post's
 * `question_version` stood for, so `content:rescore` knows which versions had the same choices as today.
 * Content only, no member data.
 */
export const questionVersions = pgTable(
  'question_versions',
  {
    deckId: text('deck_id').notNull(),
    questionId: text('question_id').notNull(),
    version: text('version').notNull(),
    prompt: text('prompt').notNull(),
    choices: jsonb('choices').$type<string[]>().notNull(),
    answer: text('answer').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'question_versions_pk', columns: [t.deckId, t.questionId, t.version] })],
);
