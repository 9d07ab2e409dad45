import type { LeaderboardRow, ScoresPort } from '../../../src/core/scores/scores.port.js';
import type { MemoryScore, MemoryTables } from './memory.tables.js';

/** Rank order of every board: points, then correct answers, then who got there first, then member id. */
const byRank = (a: MemoryScore, b: MemoryScore) =>
  b.points - a.points ||
  b.correct - a.correct ||
  a.reachedAt.getTime() - b.reachedAt.getTime() ||
  a.memberId - b.memberId;

/** Leaderboards and statistics in memory, over the totals the memory answers keep. */
export function createMemoryScores(t: MemoryTables): ScoresPort {
  const nameOf = (memberId: number) => t.members.find((m) => m.id === memberId)?.displayName ?? '';
  const toRow = (s: MemoryScore, rank: number): LeaderboardRow => ({
    rank,
    memberId: s.memberId,
    displayName: nameOf(s.memberId),
    points: s.points,
    correct: s.correct,
    answered: s.answered,
  });
  return {
    async leaderboard(workspaceId, board, memberId, limit) {
      const visible = t.scores
        .filter((s) => s.workspaceId === workspaceId && s.board === board && !s.hidden)
        .sort(byRank);
      const top = visible.slice(0, limit).map((s, i) => toRow(s, i + 1));
      const index = visible.findIndex((s) => s.memberId === memberId);
      const mine = visible[index];
      const me = mine && index >= limit ? toRow(mine, index + 1) : undefined;
      return { top, me, total: Math.max(me?.rank ?? 0, top.length) };
    },
    async memberTotals(workspaceId, memberId, board = 'all') {
      const row = t.scores.find(
        (s) => s.workspaceId === workspaceId && s.board === board && s.memberId === memberId,
      );
      return { points: row?.points ?? 0, correct: row?.correct ?? 0, answered: row?.answered ?? 0 };
    },
    async streaks(memberId) {
      return t.streaks
        .filter((s) => s.memberId === memberId)
        .map(({ channelId, lastSeq, current, best }) => ({ channelId, lastSeq, current, best }));
    },
    async channelSeqs(channelIds) {
      const out = new Map<number, { seq: number; open: boolean }>();
      for (const c of t.channels.filter((c) => channelIds.includes(c.id))) {
        const latest = t.posts.find((p) => p.channelId === c.id && p.seq === c.postSeq);
        out.set(c.id, { seq: c.postSeq, open: latest?.status === 'open' });
      }
      return out;
    },
    async topicStats(memberId) {
      const byTopic = new Map<string, { topic: string; answered: number; correct: number }>();
      for (const a of t.answers.filter((a) => a.memberId === memberId)) {
        const stat = byTopic.get(a.topic) ?? { topic: a.topic, answered: 0, correct: 0 };
        stat.answered += 1;
        if (a.correct) stat.correct += 1;
        byTopic.set(a.topic, stat);
      }
      return [...byTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic));
    },
    async wrongQuestionIds(memberId, topic) {
      return t.answers
        .filter((a) => a.memberId === memberId && a.topic === topic && !a.correct)
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, 20)
        .flatMap((a) => {
          const post = t.posts.find((p) => p.id === a.postId);
          return post ? [{ deckId: post.deckId, questionId: post.questionId }] : [];
        });
    },
  };
}
