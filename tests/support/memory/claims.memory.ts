import type { ClaimsPort } from '../../../src/core/quiz/claims.port.js';
import type { PostStatus } from '../../../src/core/quiz/posts.port.js';
import type { MemoryPost, MemoryTables } from './memory.tables.js';
import { toPostRow } from './posts.memory.js';

/** Statuses whose question counts as used in the channel's cycle. */
const LIVE: PostStatus[] = ['claimed', 'open', 'closed'];

/** Claims in memory: a (channel, slot) pair is taken once; leases as in src/db/claims.store.ts. */
export function createMemoryClaims(t: MemoryTables, now: () => Date = () => new Date()): ClaimsPort {
  const stale = (p: MemoryPost, at: Date) =>
    p.status === 'claimed' && (p.leaseUntil === null || p.leaseUntil < at);
  return {
    async claimPost(input) {
      const channel = t.channels.find((c) => c.id === input.channelId);
      if (!channel) throw new Error(`channel ${input.channelId} does not exist`);
      const existing = t.posts.find((p) => p.channelId === input.channelId && p.slot === input.slot);
      if (existing) return { kind: 'taken', post: toPostRow(existing) };
      const live = t.posts.filter((p) => p.channelId === channel.id && LIVE.includes(p.status));
      const choice = input.choose({
        channel: { ...channel },
        usedInCycle: new Set(live.filter((p) => p.cycle === channel.cycle).map((p) => p.questionId)),
        lastQuestionId: live.at(-1)?.questionId,
      });
      channel.cycle = choice.cycle;
      channel.deckId = choice.deckId;
      const post: MemoryPost = {
        id: t.nextId('posts'),
        channelId: channel.id,
        workspaceId: channel.workspaceId,
        slot: input.slot,
        seq: null,
        cycle: choice.cycle,
        deckId: choice.deckId,
        questionId: choice.questionId,
        questionVersion: null,
        status: 'claimed',
        attempts: 0,
        lastError: null,
        claimedAt: now(),
        dueAt: input.dueAt,
        postedAt: null,
        closesAt: null,
        closedAt: null,
        messageRef: null,
        leaseUntil: input.leaseUntil,
        revealLeaseUntil: null,
        revealedAt: null,
        revealError: null,
      };
      t.posts.push(post);
      return { kind: 'claimed', post: toPostRow(post) };
    },
    async renewLease(postId, until) {
      const post = t.posts.find((p) => p.id === postId && p.status === 'claimed');
      if (post) post.leaseUntil = until;
      return post !== undefined;
    },
    async takeOverStaleClaims(at, leaseUntil, dueAfter) {
      const taken = t.posts.filter((p) => stale(p, at) && p.dueAt !== null && p.dueAt >= dueAfter);
      for (const p of taken) p.leaseUntil = leaseUntil;
      return taken.map(toPostRow);
    },
    async failStaleClaims(at, dueBefore, reason) {
      const failed = t.posts.filter((p) => stale(p, at) && (p.dueAt === null || p.dueAt < dueBefore));
      for (const p of failed) {
        p.status = 'failed';
        p.lastError = p.lastError === null ? reason : `${p.lastError}; ${reason}`;
      }
      return failed.map(toPostRow);
    },
    async recordSkipped(input) {
      const channel = t.channels.find((c) => c.id === input.channelId);
      if (!channel || t.posts.some((p) => p.channelId === channel.id && p.slot === input.slot)) return false;
      t.posts.push({
        id: t.nextId('posts'),
        channelId: channel.id,
        workspaceId: channel.workspaceId,
        slot: input.slot,
        seq: null,
        cycle: channel.cycle,
        deckId: channel.deckId,
        questionId: '',
        questionVersion: null,
        status: 'skipped',
        attempts: 0,
        lastError: input.reason,
        claimedAt: now(),
        dueAt: input.dueAt,
        postedAt: null,
        closesAt: null,
        closedAt: null,
        messageRef: null,
        leaseUntil: null,
        revealLeaseUntil: null,
        revealedAt: null,
        revealError: null,
      });
      return true;
    },
    async slotsTaken(pairs) {
      const taken = new Set(t.posts.map((p) => `${p.channelId}|${p.slot}`));
      return new Set(pairs.map((p) => `${p.channelId}|${p.slot}`).filter((k) => taken.has(k)));
    },
  };
}
