import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './schema.js';

/**
 * Weekly recaps (re-exported by schema.ts, which drizzle-kit reads). The unique (channel, slot) row is the
 * claim that makes a scheduled recap exactly-once across replicas and restarts, as `posts` does for the
 * daily question: slot is `recap:<local date>` for a scheduled recap, `manual:<instant>` for `/studybot recap`.
 * `data` keeps the figures the recap showed, so next week's recap compares readiness with them.
 */
export const recaps = pgTable(
  'recaps',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    status: text('status', { enum: ['claimed', 'posted', 'failed'] })
      .notNull()
      .default('claimed'),
    /** The claimant renews nothing: a recap is one quick post; a claim whose lease ran out is taken over. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    /** Whether the chart image went out (false: the text fallback was posted instead). */
    imagePosted: boolean('image_posted'),
    messageRef: text('message_ref'),
    lastError: text('last_error'),
    data: jsonb('data'),
  },
  (t) => [
    uniqueIndex('recaps_channel_slot_uq').on(t.channelId, t.slot),
    index('recaps_channel_posted_idx').on(t.channelId, t.postedAt).where(sql`${t.status} = 'posted'`),
  ],
);
