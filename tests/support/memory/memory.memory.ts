import type { MemoryPort } from '../../../src/core/readiness/memory.port.js';
import { sumRecall } from '../../../src/core/readiness/readiness.model.js';
import { examInstant } from '../../../src/core/readiness/readiness.service.js';
import type { MemoryTables } from './memory.tables.js';

/** The review log and its fold into cards, in memory: the same order and rules as src/db/memory.store.ts. */
export function createMemoryMemory(t: MemoryTables): MemoryPort {
  const port = createPort(t);
  return {
    ...port,
    async foldedCards(memberId, deckId, step) {
      await port.applyPending(memberId, step);
      return port.cards(memberId, deckId);
    },
    async recallSums(memberId, deckId, step, weights, at) {
      await port.applyPending(memberId, step);
      const cards = await port.cards(memberId, deckId);
      const priors = (t.snapshots.get(weights.priorsKey)?.data ?? {}) as Record<string, number>;
      const questions = (t.readinessQuestions.get(weights.questionsKey) ?? []).map((q) => ({
        ...q,
        prior: priors[q.questionId] ?? weights.chance,
      }));
      const date = t.examDates.get(memberId);
      const examAt = date ? examInstant(date, at.zone) : undefined;
      const ahead = examAt && examAt > at.now ? examAt : undefined;
      const byQuestion = new Map(cards.map((c) => [c.questionId, c]));
      const sums = sumRecall(byQuestion, questions, { now: at.now, exam: ahead ?? at.now, ahead: at.ahead });
      return { cards: cards.length, examDate: ahead ? (date ?? null) : null, ...sums };
    },
  };
}

function createPort(t: MemoryTables): Omit<MemoryPort, 'foldedCards' | 'recallSums'> {
  const sameCard =
    (memberId: number, deckId: string, questionId: string) =>
    (r: { memberId: number; deckId: string; questionId: string }) =>
      r.memberId === memberId && r.deckId === deckId && r.questionId === questionId;
  return {
    async applyPending(memberId, step) {
      const pending = t.reviewLog
        .filter((r) => r.memberId === memberId && !r.applied)
        .sort(
          (a, b) =>
            a.reviewedAt.getTime() - b.reviewedAt.getTime() ||
            a.source.localeCompare(b.source) ||
            a.sourceId - b.sourceId,
        );
      for (const row of pending) {
        const existing = t.reviews.find(sameCard(memberId, row.deckId, row.questionId));
        const next = step(existing?.card, row.rating, row.reviewedAt);
        Object.assign(row, { applied: true, cardBefore: existing?.card ?? null });
        const values = {
          card: next.card,
          due: next.due,
          reps: next.reps,
          lapses: next.lapses,
          stability: next.stability,
          lastReview: row.reviewedAt,
        };
        if (existing) Object.assign(existing, values);
        else t.reviews.push({ memberId, deckId: row.deckId, questionId: row.questionId, ...values });
      }
      return pending.length;
    },
    async applyPendingOf(memberIds, step) {
      let applied = 0;
      for (const memberId of memberIds) applied += await this.applyPending(memberId, step);
      return applied;
    },
    async membersWithPending(limit) {
      return [...new Set(t.reviewLog.filter((r) => !r.applied).map((r) => r.memberId))].slice(0, limit);
    },
    async cards(memberId, deckId) {
      return t.reviews
        .filter((r) => r.memberId === memberId && r.deckId === deckId)
        .map((r) => ({
          deckId: r.deckId,
          questionId: r.questionId,
          stability: r.stability,
          lastReview: r.lastReview,
          due: r.due,
          reps: r.reps,
        }));
    },
    async markGuess(source, sourceId, memberId, rating) {
      const row = t.reviewLog.find(
        (r) => r.source === source && r.sourceId === sourceId && r.memberId === memberId,
      );
      if (!row) return { kind: 'missing' };
      if (row.guessed) return { kind: 'already', correct: row.correct };
      row.guessed = true;
      if (row.correct) {
        row.rating = rating;
        const card = sameCard(memberId, row.deckId, row.questionId);
        for (const r of t.reviewLog.filter(card)) r.applied = false;
        t.reviews = t.reviews.filter((r) => !card(r));
      }
      return { kind: 'marked', correct: row.correct, deckId: row.deckId, questionId: row.questionId };
    },
  };
}
