import { retrievability } from '../../../src/core/readiness/memory.model.js';
import type { ReadinessPort } from '../../../src/core/readiness/readiness.port.js';
import { teamSnapshotKey } from '../../../src/core/readiness/readiness.port.js';
import type { MemoryTables } from './memory.tables.js';

const DAY_MS = 86_400_000;

/** Readiness queries in memory: the same sums as src/db/readiness.store.ts, by loops. */
export function createMemoryReadiness(t: MemoryTables): ReadinessPort {
  const team = (channelId: number, since: Date) =>
    new Set(
      t.reviewLog.filter((r) => r.channelId === channelId && r.reviewedAt > since).map((r) => r.memberId),
    );
  return {
    async firstTries(workspaceId, deckId) {
      const byQuestion = new Map<string, { questionId: string; tries: number; right: number }>();
      for (const r of t.reviewLog) {
        if (r.workspaceId !== workspaceId || r.deckId !== deckId || !r.applied || r.cardBefore !== null)
          continue;
        const f = byQuestion.get(r.questionId) ?? { questionId: r.questionId, tries: 0, right: 0 };
        f.tries++;
        if (r.correct) f.right++;
        byQuestion.set(r.questionId, f);
      }
      return [...byQuestion.values()];
    },
    async getSnapshot(key) {
      return t.snapshots.get(key);
    },
    async putQuestions(key, questions) {
      if (!t.readinessQuestions.has(key))
        t.readinessQuestions.set(
          key,
          questions.map((q) => ({ ...q })),
        );
    },
    async putSnapshot(key, computedAt, data) {
      t.snapshots.set(key, { computedAt, data: JSON.parse(JSON.stringify(data)) });
    },
    async teamRecall(channelId, since, deckId, at, questions) {
      const members = team(channelId, since);
      const weights = new Map(questions.map((q) => [q.questionId, q]));
      const perQuestion = new Map<string, { questionId: string; cards: number; recallSum: number }>();
      const perMember = new Map<number, { memberId: number; delta: number }>();
      for (const card of t.reviews) {
        const w = weights.get(card.questionId);
        if (!members.has(card.memberId) || card.deckId !== deckId || !w) continue;
        const recall = retrievability(card.stability, card.lastReview, at);
        const q = perQuestion.get(card.questionId) ?? { questionId: card.questionId, cards: 0, recallSum: 0 };
        q.cards++;
        q.recallSum += recall;
        perQuestion.set(card.questionId, q);
        const m = perMember.get(card.memberId) ?? { memberId: card.memberId, delta: 0 };
        m.delta += w.share * (recall - w.prior);
        perMember.set(card.memberId, m);
      }
      return {
        members: members.size,
        perQuestion: [...perQuestion.values()],
        perMember: [...perMember.values()],
      };
    },
    async participation(channelId, since) {
      const rows = t.reviewLog.filter((r) => r.channelId === channelId && r.reviewedAt >= since);
      return { members: new Set(rows.map((r) => r.memberId)).size, answers: rows.length };
    },
    async misconceptions(channelId, deckId, since, limit) {
      const counts = new Map<string, { questionId: string; choice: string; count: number }>();
      for (const r of t.reviewLog) {
        if (
          r.channelId !== channelId ||
          r.deckId !== deckId ||
          r.correct ||
          r.guessed ||
          r.reviewedAt <= since
        )
          continue;
        const key = `${r.questionId}\u0000${r.choice}`;
        const c = counts.get(key) ?? { questionId: r.questionId, choice: r.choice, count: 0 };
        c.count++;
        counts.set(key, c);
      }
      return [...counts.values()]
        .sort(
          (a, b) =>
            b.count - a.count || a.questionId.localeCompare(b.questionId) || a.choice.localeCompare(b.choice),
        )
        .slice(0, limit);
    },
    async staleScopes(now, changedBefore, refreshBefore, limit) {
      const active = new Date(now.getTime() - 30 * DAY_MS);
      return t.channels
        .filter((c) => {
          const s = t.snapshots.get(teamSnapshotKey(c.id, c.deckId));
          if (s && s.computedAt >= changedBefore) return false;
          const after = !s || s.computedAt < refreshBefore ? active : s.computedAt;
          return t.reviewLog.some((r) => r.channelId === c.id && r.reviewedAt > after);
        })
        .sort((a, b) => a.id - b.id)
        .slice(0, limit)
        .map((c) => ({ channelId: c.id, workspaceId: c.workspaceId, deckId: c.deckId }));
    },
    async examDate(memberId) {
      return t.examDates.get(memberId) ?? null;
    },
    async setExamDate(memberId, date) {
      if (date === null) t.examDates.delete(memberId);
      else t.examDates.set(memberId, date);
    },
  };
}
