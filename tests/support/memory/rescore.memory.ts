import { ratingFor } from '../../../src/core/readiness/memory.model.js';
import type { RegradedAnswer, RescorePort } from '../../../src/core/reports/rescore.port.js';
import { periodBoards } from '../../../src/core/scores/periods.js';
import { pointsFor } from '../../../src/core/scores/scoring.js';
import { createMemoryMemory } from './memory.memory.js';
import type { MemoryTables } from './memory.tables.js';

/** Re-grading in memory, with the same rules and order as src/db/rescore.store.ts. */
export function createMemoryRescore(t: MemoryTables): RescorePort {
  const memory = createMemoryMemory(t);
  return {
    async rescore(input) {
      const affected = (version: string | null) =>
        version === null ? input.includeUnversioned : input.versions.includes(version);
      const posts = t.posts.filter(
        (p) => p.deckId === input.deckId && p.questionId === input.questionId && affected(p.questionVersion),
      );
      const daily: RegradedAnswer[] = [];
      const answers = t.answers
        .filter((a) => posts.some((p) => p.id === a.postId) && a.correct !== (a.choice === input.key))
        .sort((a, b) => a.at.getTime() - b.at.getTime() || a.postId - b.postId || a.memberId - b.memberId);
      for (const a of answers) {
        const post = posts.find((p) => p.id === a.postId);
        const seq = post?.seq ?? 0;
        const answered = new Set(
          t.answers
            .filter((x) => x.memberId === a.memberId && x.channelId === a.channelId)
            .map((x) => t.posts.find((p) => p.id === x.postId)?.seq),
        );
        let streak = 0;
        while (answered.has(seq - streak)) streak += 1;
        const correct = a.choice === input.key;
        const points = pointsFor(correct, streak);
        const zone = t.workspaces.find((w) => w.id === a.workspaceId)?.timezone ?? 'UTC';
        const boards = ['all', ...periodBoards(a.at, zone), `channel:${a.channelId}`];
        for (const s of t.scores) {
          if (s.workspaceId !== a.workspaceId || s.memberId !== a.memberId || !boards.includes(s.board))
            continue;
          s.points += points - a.points;
          s.correct += correct ? 1 : -1;
        }
        daily.push({
          postId: a.postId,
          memberId: a.memberId,
          choice: a.choice,
          correct,
          pointsBefore: a.points,
          pointsAfter: points,
        });
        Object.assign(a, { correct, points });
      }
      const prompts = t.prompts.filter(
        (p) =>
          p.deckId === input.deckId &&
          p.questionId === input.questionId &&
          p.answeredAt !== null &&
          affected(p.questionVersion) &&
          p.correct !== (p.choice === input.key),
      );
      for (const p of prompts) p.correct = p.choice === input.key;
      const logged = t.reviewLog.filter(
        (r) =>
          r.deckId === input.deckId &&
          r.questionId === input.questionId &&
          r.correct !== (r.choice === input.key) &&
          (r.source === 'daily'
            ? t.posts.some((p) => p.id === r.sourceId && affected(p.questionVersion))
            : t.prompts.some((p) => p.id === r.sourceId && affected(p.questionVersion))),
      );
      for (const r of logged) {
        r.correct = r.choice === input.key;
        r.rating = ratingFor(r.correct, r.guessed);
      }
      const members = [...new Set(logged.map((r) => r.memberId))];
      for (const memberId of members) {
        const card = (r: { memberId: number; deckId: string; questionId: string }) =>
          r.memberId === memberId && r.deckId === input.deckId && r.questionId === input.questionId;
        for (const r of t.reviewLog.filter(card)) r.applied = false;
        t.reviews = t.reviews.filter((r) => !card(r));
        await memory.applyPending(memberId, input.step);
      }
      return { daily, practice: prompts.length, reviews: logged.length, members: members.length };
    },
  };
}
