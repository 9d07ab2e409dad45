import type { Catalog } from '../content/catalog.js';
import { analyseDeck, itemLine, MIN_TRIES_FOR_FLAGS, TARGET } from './item-analysis.js';
import type { FirstTry } from './item-answers.port.js';
import { groupReports, reasonsText } from './report-groups.js';
import type { ReportRow } from './reports.port.js';

const where = (catalog: Catalog, deckId: string, questionId: string): string => {
  const deck = catalog.deck(deckId);
  if (!deck?.questionById.has(questionId)) return `${deckId}/${questionId} (no longer in the deck)`;
  const at = deck.locate('question', questionId);
  return `${at.file}:${at.line ?? '?'}`;
};

/**
 * `npm run content:reports`: open reports of every workspace grouped by question, most reported first,
 * each with the question's file:line, its reasons and texts; closed ones (question changed since) counted.
 */
export function authorReportLines(catalog: Catalog, reports: readonly ReportRow[]): string[] {
  const groups = groupReports(catalog, reports);
  const open = groups.filter((g) => g.count > 0);
  const closed = groups.reduce((n, g) => n + g.closed, 0);
  const lines: string[] = [];
  if (open.length === 0) lines.push('No open reports.');
  for (const g of open) {
    lines.push(
      `${where(catalog, g.deckId, g.questionId)}: ${g.questionId}: ${g.count} open (${reasonsText(g)})`,
    );
    for (const text of g.texts) lines.push(`    “${text}”`);
  }
  if (closed > 0)
    lines.push(
      `${closed} report${closed === 1 ? '' : 's'} closed: made against an older version or a retired question.`,
    );
  return lines;
}

/** `npm run content:stats`: item analysis of every deck over every workspace's first tries, with file:line. */
export function authorStatsLines(
  catalog: Catalog,
  tries: readonly FirstTry[],
  reports: readonly ReportRow[],
): string[] {
  const groups = groupReports(catalog, reports);
  const lines = [
    `Difficulty = share right of first tries (aim about ${Math.round(100 * TARGET.AIM)}%); r = point-biserial discrimination; * = key. Flags from ${MIN_TRIES_FOR_FLAGS} first tries. See docs/item-analysis.md.`,
  ];
  for (const deck of catalog.decks) {
    const counts = new Map(
      groups.filter((g) => g.deckId === deck.meta.id).map((g) => [g.questionId, g.count]),
    );
    const stats = analyseDeck(deck, tries, counts);
    const answered = stats.filter((s) => s.tries > 0);
    lines.push(`${deck.meta.id}: ${answered.length} of ${stats.length} questions answered`);
    const order = [...answered].sort((a, b) => b.flags.length - a.flags.length || b.reports - a.reports);
    for (const s of order)
      lines.push(
        `  ${where(catalog, deck.meta.id, s.questionId)}: ${itemLine(s)}${s.question.retired ? ' (retired)' : ''}`,
      );
  }
  return lines;
}
