import type { PostRow, PostsPort } from '../../../src/core/quiz/posts.port.js';
import type { MemoryPost, MemoryTables } from './memory.tables.js';

/** The core's view of a stored post (leases and reveal times stay inside the store). */
export const toPostRow = ({ leaseUntil: _l, revealLeaseUntil: _r, ...row }: MemoryPost): PostRow => ({
  ...row,
});

const DAY_MS = 86_400_000;

/** Posts in memory: the same transitions as src/db/posts.store.ts. */
export function createMemoryPosts(t: MemoryTables): PostsPort {
  const find = (id: number) => t.posts.find((p) => p.id === id);
  return {
    async markPosted(postId, input) {
      const post = find(postId);
      if (!post) throw new Error(`post ${postId} does not exist`);
      if (post.status === 'open' || post.status === 'closed') return toPostRow(post);
      const channel = t.channels.find((c) => c.id === post.channelId);
      if (channel) channel.postSeq += 1;
      Object.assign(post, {
        status: 'open',
        seq: channel?.postSeq ?? null,
        messageRef: input.messageRef,
        questionVersion: input.questionVersion,
        postedAt: input.postedAt,
        closesAt: input.closesAt,
        attempts: post.attempts + 1,
        lastError: null,
      });
      return toPostRow(post);
    },
    async markPostFailed(postId, error, final) {
      const post = find(postId);
      if (post?.status !== 'claimed') return;
      post.attempts += 1;
      post.lastError = error.slice(0, 500);
      if (final) post.status = 'failed';
    },
    async getPost(postId) {
      const post = find(postId);
      return post && toPostRow(post);
    },
    async openPosts(channelId) {
      return t.posts.filter((p) => p.channelId === channelId && p.status === 'open').map(toPostRow);
    },
    async expiredPosts(now) {
      return t.posts
        .filter((p) => p.status === 'open' && p.closesAt !== null && p.closesAt <= now)
        .sort((a, b) => (a.closesAt?.getTime() ?? 0) - (b.closesAt?.getTime() ?? 0))
        .map(toPostRow);
    },
    async latestPost(channelId) {
      const latest = t.posts.filter((p) => p.channelId === channelId && p.status !== 'skipped').at(-1);
      return latest && toPostRow(latest);
    },
    async closePost(postId, at, revealLeaseUntil) {
      const post = find(postId);
      if (post?.status !== 'open') return undefined;
      Object.assign(post, { status: 'closed', closedAt: at, revealLeaseUntil });
      return toPostRow(post);
    },
    async markRevealed(postId, at) {
      const post = find(postId);
      if (post) post.revealedAt = at;
    },
    async markRevealFailed(postId, reason, at) {
      const post = find(postId);
      if (post) Object.assign(post, { revealedAt: at, revealError: reason.slice(0, 500) });
    },
    async revealState(postId) {
      const post = find(postId);
      if (!post) return undefined;
      if (post.revealError !== null) return { kind: 'failed', reason: post.revealError };
      return post.revealedAt ? { kind: 'revealed' } : { kind: 'pending' };
    },
    async claimUnrevealed(now, leaseUntil) {
      const due = t.posts.filter(
        (p) =>
          p.status === 'closed' &&
          p.revealedAt === null &&
          p.messageRef !== null &&
          p.closedAt !== null &&
          p.closedAt.getTime() >= now.getTime() - DAY_MS &&
          (p.revealLeaseUntil === null || p.revealLeaseUntil < now),
      );
      for (const p of due) p.revealLeaseUntil = leaseUntil;
      return due.map(toPostRow);
    },
    async revealStats(postId) {
      const answers = t.answers.filter((a) => a.postId === postId);
      const first = answers
        .filter((a) => a.correct)
        .sort((a, b) => a.at.getTime() - b.at.getTime() || a.memberId - b.memberId)[0];
      const member = first && t.members.find((m) => m.id === first.memberId);
      return {
        answered: answers.length,
        correct: answers.filter((a) => a.correct).length,
        firstCorrect: first && member ? { displayName: member.displayName, at: first.at } : undefined,
      };
    },
    async answerCount(postId) {
      return t.answers.filter((a) => a.postId === postId).length;
    },
  };
}
