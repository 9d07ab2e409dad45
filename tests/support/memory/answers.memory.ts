import type { DeliveriesPort } from '../../../src/core/inbound/deliveries.port.js';
import type { AnswersPort } from '../../../src/core/quiz/answers.port.js';
import { pointsFor, streakAfter } from '../../../src/core/scores/scoring.js';
import { logReview, type MemoryTables } from './memory.tables.js';

/**
 * Answers in memory, with the scoring rules of src/core/scores/scoring.ts: one answer per member and post,
 * the member's streak in the channel, and the points on `all`, the period boards and the channel's board.
 */
export function createMemoryAnswers(t: MemoryTables, deliveries: DeliveriesPort): AnswersPort {
  return {
    async recordAnswer(input) {
      const { delivery } = input;
      if (
        delivery &&
        !(await deliveries.remember(delivery.platform, delivery.id, input.at, delivery.expiresAt))
      )
        return { kind: 'redelivered' };
      const post = t.posts.find((p) => p.id === input.postId);
      const open =
        post?.status === 'open' && post.seq !== null && (post.closesAt === null || post.closesAt > input.at);
      if (!post || !open || post.seq === null) return { kind: 'closed' };
      const existing = t.answers.find((a) => a.postId === post.id && a.memberId === input.memberId);
      if (existing) return { kind: 'duplicate', choice: existing.choice };
      const member = t.members.find((m) => m.id === input.memberId);
      let streak = t.streaks.find((s) => s.memberId === input.memberId && s.channelId === post.channelId);
      const current = streakAfter(streak, post.seq);
      const best = Math.max(streak?.best ?? 0, current);
      const points = pointsFor(input.correct, current);
      t.answers.push({
        postId: post.id,
        memberId: input.memberId,
        workspaceId: post.workspaceId,
        channelId: post.channelId,
        topic: input.topic,
        choice: input.choice,
        correct: input.correct,
        points,
        at: input.at,
      });
      logReview(t, {
        memberId: input.memberId,
        workspaceId: post.workspaceId,
        channelId: post.channelId,
        deckId: input.deckId,
        questionId: input.questionId,
        source: 'daily',
        sourceId: post.id,
        choice: input.choice,
        correct: input.correct,
        rating: input.rating,
        reviewedAt: input.at,
      });
      if (!streak) {
        streak = { memberId: input.memberId, channelId: post.channelId, lastSeq: post.seq, current, best };
        t.streaks.push(streak);
      } else Object.assign(streak, { lastSeq: Math.max(streak.lastSeq, post.seq), current, best });
      for (const board of ['all', ...input.periodBoards, `channel:${post.channelId}`]) {
        const row = t.scores.find(
          (s) => s.workspaceId === post.workspaceId && s.board === board && s.memberId === input.memberId,
        );
        if (!row) {
          t.scores.push({
            workspaceId: post.workspaceId,
            board,
            memberId: input.memberId,
            points,
            correct: input.correct ? 1 : 0,
            answered: 1,
            reachedAt: input.at,
            hidden: member?.leaderboardOptOut ?? false,
          });
        } else {
          row.points += points;
          row.correct += input.correct ? 1 : 0;
          row.answered += 1;
          if (points > 0) row.reachedAt = input.at;
        }
      }
      return { kind: 'recorded', points, streak: current, bestStreak: best };
    },
  };
}
