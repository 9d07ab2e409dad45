import type { FirstTry, ItemAnswersPort } from '../../../src/core/reports/item-answers.port.js';
import type { ReportsPort } from '../../../src/core/reports/reports.port.js';
import type { QuestionVersionRow, QuestionVersionsPort } from '../../../src/core/reports/rescore.port.js';
import type { MemoryTables } from './memory.tables.js';

/** Question reports in memory: one per member and question, as src/db/reports.store.ts. */
export function createMemoryReports(t: MemoryTables): ReportsPort {
  return {
    async saveReport({ at, ...input }) {
      const existing = t.reports.find(
        (r) =>
          r.memberId === input.memberId && r.deckId === input.deckId && r.questionId === input.questionId,
      );
      if (existing) {
        Object.assign(existing, {
          questionVersion: input.questionVersion,
          reason: input.reason,
          text: input.text,
          updatedAt: at,
        });
        return { kind: 'updated', report: { ...existing } };
      }
      const row = { ...input, id: t.nextId('reports'), createdAt: at, updatedAt: at };
      t.reports.push(row);
      return { kind: 'created', report: { ...row } };
    },
    async listReports(workspaceId) {
      return t.reports
        .filter((r) => workspaceId === undefined || r.workspaceId === workspaceId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
        .map((r) => ({ ...r }));
    },
  };
}

/** First tries in memory, as src/db/item-answers.store.ts: the earliest answer per member and version. */
export function createMemoryItemAnswers(t: MemoryTables): ItemAnswersPort {
  return {
    async firstTries(workspaceId) {
      const tries: (FirstTry & { at: number; src: number; id: number })[] = [];
      for (const a of t.answers) {
        const post = t.posts.find((p) => p.id === a.postId);
        if (!post || (workspaceId !== undefined && a.workspaceId !== workspaceId)) continue;
        tries.push({
          memberId: a.memberId,
          deckId: post.deckId,
          questionId: post.questionId,
          questionVersion: post.questionVersion,
          choice: a.choice,
          correct: a.correct,
          at: a.at.getTime(),
          src: 0,
          id: a.postId,
        });
      }
      for (const p of t.prompts) {
        const member = t.members.find((m) => m.id === p.memberId);
        if (!member || (workspaceId !== undefined && member.workspaceId !== workspaceId)) continue;
        if (!p.answeredAt || p.choice === null || p.correct === null) continue;
        tries.push({
          memberId: p.memberId,
          deckId: p.deckId,
          questionId: p.questionId,
          questionVersion: p.questionVersion,
          choice: p.choice,
          correct: p.correct,
          at: p.answeredAt.getTime(),
          src: 1,
          id: p.id,
        });
      }
      tries.sort((a, b) => a.at - b.at || a.src - b.src || a.id - b.id);
      const seen = new Set<string>();
      const first: FirstTry[] = [];
      for (const { at: _a, src: _s, id: _i, ...row } of tries) {
        const key = `${row.memberId}|${row.deckId}|${row.questionId}|${row.questionVersion}`;
        if (seen.has(key)) continue;
        seen.add(key);
        first.push(row);
      }
      return first.sort(
        (a, b) =>
          a.memberId - b.memberId ||
          a.deckId.localeCompare(b.deckId) ||
          a.questionId.localeCompare(b.questionId) ||
          // As SQL orders them: by version, the unknown (null) last.
          (a.questionVersion ?? '\uffff').localeCompare(b.questionVersion ?? '\uffff'),
      );
    },
  };
}

/** Question versions in memory, as src/db/rescore.store.ts: stored once, oldest first. */
export function createMemoryQuestionVersions(): QuestionVersionsPort {
  const rows: QuestionVersionRow[] = [];
  return {
    async remember(input) {
      let added = 0;
      for (const r of input) {
        const known = rows.some(
          (x) => x.deckId === r.deckId && x.questionId === r.questionId && x.version === r.version,
        );
        if (!known) {
          rows.push({ ...r, choices: [...r.choices] });
          added += 1;
        }
      }
      return added;
    },
    async versionsOf(deckId, questionId) {
      return rows
        .filter((r) => r.deckId === deckId && r.questionId === questionId)
        .map((r) => ({ ...r, choices: [...r.choices] }));
    },
  };
}
