import type { PracticePort } from '../../../src/core/practice/practice.port.js';
import { logReview, type MemoryTables } from './memory.tables.js';

/** Practice prompts and review state in memory; a prompt is answered once, by its member only. */
export function createMemoryPractice(t: MemoryTables): PracticePort {
  const review = ({
    memberId: _m,
    stability: _s,
    lastReview: _l,
    ...r
  }: MemoryTables['reviews'][number]) => ({
    ...r,
  });
  const prompt = ({ correct: _c, ...p }: MemoryTables['prompts'][number]) => ({ ...p });
  const mine = (memberId: number, deckId: string) =>
    t.reviews.filter((r) => r.memberId === memberId && r.deckId === deckId);
  return {
    async dueReviews(memberId, deckId, now, limit) {
      return mine(memberId, deckId)
        .filter((r) => r.due <= now)
        .sort((a, b) => a.due.getTime() - b.due.getTime() || a.questionId.localeCompare(b.questionId))
        .slice(0, limit)
        .map(review);
    },
    async reviewedQuestionIds(memberId, deckId) {
      return new Set(mine(memberId, deckId).map((r) => r.questionId));
    },
    async nextReview(memberId, deckId) {
      const next = mine(memberId, deckId).sort((a, b) => a.due.getTime() - b.due.getTime())[0];
      return next && review(next);
    },
    async createPracticePrompt(memberId, deckId, questionId, questionVersion) {
      const row = {
        id: t.nextId('prompts'),
        memberId,
        deckId,
        questionId,
        questionVersion,
        answeredAt: null,
        choice: null,
        correct: null,
      };
      t.prompts.push(row);
      return prompt(row);
    },
    async getPracticePrompt(promptId) {
      const found = t.prompts.find((p) => p.id === promptId);
      return found && prompt(found);
    },
    async practiceSummary(memberId, now) {
      const answered = t.prompts.filter((p) => p.memberId === memberId && p.answeredAt !== null);
      return {
        answered: answered.length,
        correct: answered.filter((p) => p.correct === true).length,
        due: t.reviews.filter((r) => r.memberId === memberId && r.due <= now).length,
      };
    },
    async pendingPrompt(memberId) {
      const latest = t.prompts.filter((p) => p.memberId === memberId).at(-1);
      return latest && latest.answeredAt === null ? prompt(latest) : undefined;
    },
    async answerPractice(input) {
      const found = t.prompts.find((p) => p.id === input.promptId && p.memberId === input.memberId);
      if (!found) return undefined;
      if (found.answeredAt !== null) return { already: prompt(found) };
      Object.assign(found, { answeredAt: input.at, choice: input.choice, correct: input.correct });
      logReview(t, {
        memberId: input.memberId,
        workspaceId: input.workspaceId,
        channelId: null,
        deckId: found.deckId,
        questionId: found.questionId,
        source: 'practice',
        sourceId: found.id,
        choice: input.choice,
        correct: input.correct,
        rating: input.rating,
        reviewedAt: input.at,
      });
      return { prompt: prompt(found) };
    },
  };
}
