/**
 * `npm run readiness:eval [-- --csv <file>]`: replays a review log through FSRS (default parameters) and
 * prints log loss, RMSE(bins) and AUC of its recall predictions beside a constant-average baseline.
 * Without --csv it reads this project's own review log (DATABASE_URL, or the embedded database). With
 * --csv it reads an Anki revlog export (columns id, cid, ease) or an srs-benchmark revlog (card_id,
 * day_offset, rating). docs/readiness.md says what the figures mean.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { ConfigError, parseConfig } from '../src/config.js';
import { type EvalResult, type EvalReview, evaluateReviews } from '../src/core/readiness/readiness.eval.js';
import { createDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';

const DAY_MS = 86_400_000;

/** Rows of a revlog CSV as reviews; throws naming the columns it needs when the layout is unknown. */
export function reviewsFromCsv(text: string): EvalReview[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const first = rows[0] ?? {};
  if ('cid' in first && 'ease' in first && 'id' in first) {
    // Anki revlog: id is the review time in ms, ease 1–4; 0 (manual reschedule) is not a review.
    return rows
      .filter((r) => Number(r.ease) >= 1 && Number(r.ease) <= 4)
      .map((r) => ({ card: String(r.cid), at: new Date(Number(r.id)), rating: Number(r.ease) }));
  }
  if ('card_id' in first && 'rating' in first && 'day_offset' in first) {
    return rows
      .filter((r) => Number(r.rating) >= 1 && Number(r.rating) <= 4)
      .map((r) => ({
        card: String(r.card_id),
        at: new Date(Number(r.day_offset) * DAY_MS),
        rating: Number(r.rating),
      }));
  }
  throw new Error(
    'unknown CSV layout: expected columns id,cid,ease (Anki revlog) or card_id,day_offset,rating',
  );
}

const f = (x: number) => x.toFixed(4);

/** The result as the table `npm run readiness:eval` prints. */
export function formatResult(source: string, r: EvalResult): string {
  return [
    `Source: ${source}`,
    `Reviews predicted: ${r.predicted} (of ${r.cards} cards; each card's first review has nothing to predict from)`,
    `Remembered: ${(100 * r.recallRate).toFixed(1)}%`,
    '',
    'model                         log loss   RMSE(bins)   AUC',
    `FSRS-6, default parameters    ${f(r.model.logLoss)}     ${f(r.model.rmseBins)}       ${f(r.model.auc)}`,
    `constant average (baseline)   ${f(r.baseline.logLoss)}     ${f(r.baseline.rmseBins)}       ${f(r.baseline.auc)}`,
    '',
    r.predicted === 0
      ? 'Nothing to evaluate yet: every card has only its first review.'
      : r.model.logLoss < r.baseline.logLoss
        ? 'FSRS beats the baseline on log loss.'
        : 'FSRS does NOT beat the baseline on log loss on this log (too few reviews, or the log is unusual).',
  ].join('\n');
}

async function fromDatabase(): Promise<EvalReview[]> {
  const config = parseConfig(process.env);
  const database = await createDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    poolMax: 2,
  });
  try {
    await runMigrations(database);
    const rows = await database.query<{ card: string; at: string; rating: number }>(
      sql`select member_id || ':' || deck_id || ':' || question_id as card, reviewed_at::text as at, rating from review_log`,
    );
    return rows.map((r) => ({ card: r.card, at: new Date(r.at), rating: Number(r.rating) }));
  } finally {
    await database.close();
  }
}

const isMain = process.argv[1]?.endsWith('readiness-eval.ts');
if (isMain) {
  try {
    const at = process.argv.indexOf('--csv');
    const file = at >= 0 ? process.argv[at + 1] : undefined;
    if (at >= 0 && !file) throw new Error('--csv needs a file name');
    const reviews = file ? reviewsFromCsv(await readFile(file, 'utf8')) : await fromDatabase();
    console.log(formatResult(file ?? "this project's review log", evaluateReviews(reviews)));
  } catch (error) {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
