import type { Catalog } from '../content/catalog.js';
import type { Question } from '../content/content.schema.js';
import { questionVersion } from '../content/question-version.js';
import { REPORT_REASONS, type ReportReason, type ReportRow } from './reports.port.js';

/** The open reports of one question: how many, by reason, and their texts. */
export interface ReportGroup {
  deckId: string;
  questionId: string;
  question: Question | undefined;
  count: number;
  reasons: { reason: ReportReason; count: number }[];
  texts: string[];
  /** Reports made against an older version of the question (the deck changed since): closed. */
  closed: number;
}

/**
 * Groups reports by question, most reported first (ties by deck and question id). A report is open while
 * the deck still has the version it was made against and the question is not retired; the rest count as
 * `closed` (the author changed or retired the question since).
 */
export function groupReports(catalog: Catalog, reports: readonly ReportRow[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup & { byReason: Map<ReportReason, number> }>();
  for (const r of reports) {
    const key = `${r.deckId}\u0000${r.questionId}`;
    const question = catalog.question(r.deckId, r.questionId);
    let g = groups.get(key);
    if (!g) {
      g = {
        deckId: r.deckId,
        questionId: r.questionId,
        question,
        count: 0,
        reasons: [],
        texts: [],
        closed: 0,
        byReason: new Map(),
      };
      groups.set(key, g);
    }
    const open =
      question !== undefined && !question.retired && questionVersion(question) === r.questionVersion;
    if (!open) {
      g.closed += 1;
      continue;
    }
    g.count += 1;
    g.byReason.set(r.reason, (g.byReason.get(r.reason) ?? 0) + 1);
    if (r.text) g.texts.push(r.text);
  }
  return [...groups.values()]
    .map(({ byReason, ...g }) => ({
      ...g,
      reasons: REPORT_REASONS.filter((reason) => byReason.has(reason)).map((reason) => ({
        reason,
        count: byReason.get(reason) ?? 0,
      })),
    }))
    .sort(
      (a, b) =>
        b.count - a.count || a.deckId.localeCompare(b.deckId) || a.questionId.localeCompare(b.questionId),
    );
}

/** `3 wrong-key, 1 unclear`. */
export const reasonsText = (g: ReportGroup): string =>
  g.reasons.map((r) => `${r.count} ${r.reason}`).join(', ');
