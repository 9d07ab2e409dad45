import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { ClaimResult, ClaimsPort, QuestionChooser } from '../core/quiz/claims.port.js';
import type { PostRow, PostStatus } from '../core/quiz/posts.port.js';
import type { Database } from './client.js';
import { toChannel, toPost } from './rows.js';
import { channels, posts } from './schema.js';

/** Statuses whose question counts as used in the channel's cycle. */
const LIVE: PostStatus[] = ['claimed', 'open', 'closed'];

/**
 * Claims: inserting the (channel, slot) row is what makes a slot exactly-once across replicas; leases let a
 * replica take over a claim whose process died, and slots missed while every replica was down are recorded.
 */
export function createClaimsStore(database: Database): ClaimsPort {
  const { db } = database;
  return {
    async claimPost(input: {
      channelId: number;
      slot: string;
      dueAt: Date | null;
      leaseUntil: Date;
      choose: QuestionChooser;
    }): Promise<ClaimResult> {
      return database.transaction(async (tx) => {
        // Locking the channel serialises claims in one channel, so two posts never pick one question.
        const [channel] = await tx
          .select()
          .from(channels)
          .where(eq(channels.id, input.channelId))
          .for('update');
        if (!channel) throw new Error(`channel ${input.channelId} does not exist`);
        const [existing] = await tx
          .select()
          .from(posts)
          .where(and(eq(posts.channelId, input.channelId), eq(posts.slot, input.slot)));
        if (existing) return { kind: 'taken', post: toPost(existing) };
        const used = await tx
          .select({ questionId: posts.questionId })
          .from(posts)
          .where(
            and(eq(posts.channelId, channel.id), eq(posts.cycle, channel.cycle), inArray(posts.status, LIVE)),
          );
        const [last] = await tx
          .select({ questionId: posts.questionId })
          .from(posts)
          .where(and(eq(posts.channelId, channel.id), inArray(posts.status, LIVE)))
          .orderBy(desc(posts.id))
          .limit(1);
        const choice = input.choose({
          channel: toChannel(channel),
          usedInCycle: new Set(used.map((u) => u.questionId)),
          lastQuestionId: last?.questionId,
        });
        if (choice.cycle !== channel.cycle || choice.deckId !== channel.deckId) {
          await tx
            .update(channels)
            .set({ cycle: choice.cycle, deckId: choice.deckId })
            .where(eq(channels.id, channel.id));
        }
        const inserted = await tx
          .insert(posts)
          .values({
            channelId: channel.id,
            workspaceId: channel.workspaceId,
            slot: input.slot,
            cycle: choice.cycle,
            deckId: choice.deckId,
            questionId: choice.questionId,
            dueAt: input.dueAt,
            leaseUntil: input.leaseUntil,
          })
          .onConflictDoNothing()
          .returning();
        const post = inserted[0];
        if (!post) throw new Error(`slot ${input.slot} of channel ${channel.id} was claimed concurrently`);
        return { kind: 'claimed', post: toPost(post) };
      });
    },

    async renewLease(postId: number, until: Date): Promise<boolean> {
      const rows = await db
        .update(posts)
        .set({ leaseUntil: until })
        .where(and(eq(posts.id, postId), eq(posts.status, 'claimed')))
        .returning({ id: posts.id });
      return rows.length > 0;
    },

    async takeOverStaleClaims(now: Date, leaseUntil: Date, dueAfter: Date): Promise<PostRow[]> {
      // The UPDATE's row locks make the takeover exclusive: a replica that loses the race finds the lease
      // renewed when it re-checks the row, and updates nothing.
      const rows = await db
        .update(posts)
        .set({ leaseUntil })
        .where(
          and(
            eq(posts.status, 'claimed'),
            or(isNull(posts.leaseUntil), lt(posts.leaseUntil, now)),
            isNotNull(posts.dueAt),
            gte(posts.dueAt, dueAfter),
          ),
        )
        .returning();
      return rows.map(toPost);
    },

    async failStaleClaims(now: Date, dueBefore: Date, reason: string): Promise<PostRow[]> {
      const rows = await db
        .update(posts)
        .set({ status: 'failed', lastError: sql`coalesce(${posts.lastError} || '; ', '') || ${reason}` })
        .where(
          and(
            eq(posts.status, 'claimed'),
            or(isNull(posts.leaseUntil), lt(posts.leaseUntil, now)),
            or(isNull(posts.dueAt), lt(posts.dueAt, dueBefore)),
          ),
        )
        .returning();
      return rows.map(toPost);
    },

    async recordSkipped(input: {
      channelId: number;
      slot: string;
      dueAt: Date;
      reason: string;
    }): Promise<boolean> {
      const [channel] = await db.select().from(channels).where(eq(channels.id, input.channelId));
      if (!channel) return false;
      // No question is chosen for a skipped slot: the channel's cycle does not move.
      const rows = await db
        .insert(posts)
        .values({
          channelId: channel.id,
          workspaceId: channel.workspaceId,
          slot: input.slot,
          cycle: channel.cycle,
          deckId: channel.deckId,
          questionId: '',
          status: 'skipped',
          dueAt: input.dueAt,
          lastError: input.reason,
        })
        .onConflictDoNothing()
        .returning({ id: posts.id });
      return rows.length > 0;
    },

    async slotsTaken(pairs: { channelId: number; slot: string }[]): Promise<Set<string>> {
      if (pairs.length === 0) return new Set();
      const rows = await db
        .select({ channelId: posts.channelId, slot: posts.slot })
        .from(posts)
        .where(
          and(
            inArray(posts.channelId, [...new Set(pairs.map((p) => p.channelId))]),
            inArray(posts.slot, [...new Set(pairs.map((p) => p.slot))]),
          ),
        );
      return new Set(rows.map((r) => `${r.channelId}|${r.slot}`));
    },
  };
}
