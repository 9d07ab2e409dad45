/**
 * `npm run content:check`: validates every deck under CONTENT_DIR (default content/), applies the
 * item-writing rules (src/core/content/item-rules.ts) and prints each deck's summary and statistics.
 * Exits 1 when a deck cannot load, or when an item-writing error or an unsilenced warning remains.
 */
import { ConfigError, parseConfig } from '../src/config.js';
import { KEY_LENGTH_SHARE } from '../src/core/content/choice-cues.rule.js';
import { ContentError, loadDecks } from '../src/core/content/content.loader.js';
import { deckObjectives, questionObjective } from '../src/core/content/exam.blueprint.js';
import {
  checkItemRules,
  type ItemStats,
  MIN_QUESTIONS_FOR_DECK_RULES,
  type Share,
} from '../src/core/content/item-rules.check.js';
import { formatProblem } from '../src/core/content/yaml-source.js';

const pct = (s: Share) =>
  s.of === 0 ? '–' : `${Math.round((100 * s.count) / s.of)}% (${s.count} of ${s.of})`;

/** The statistics lines printed under a deck's summary. */
function statLines(stats: ItemStats): string[] {
  const band = `${KEY_LENGTH_SHARE.min * 100}–${KEY_LENGTH_SHARE.max * 100}%`;
  return [
    `key is the longest choice in ${pct(stats.keyLongest)}, the shortest in ${pct(stats.keyShortest)} of the questions with one longest/shortest choice (allowed ${band})`,
    ...stats.letters.map(
      (g) =>
        `keys of the ${g.total} questions with ${g.choices} choices: ${Object.entries(g.counts)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([l, n]) => `${l} ${n}`)
          .join(', ')}`,
    ),
    `two-choice questions: ${stats.twoChoice}; near-duplicate prompts: ${stats.nearDuplicates}`,
    ...(stats.deckRulesApply
      ? []
      : [`deck-level rules skipped: fewer than ${MIN_QUESTIONS_FOR_DECK_RULES} questions`]),
  ];
}

try {
  const config = parseConfig(process.env);
  const decks = await loadDecks(config.contentDir);
  let failing = 0;
  for (const deck of decks) {
    console.log(
      `${deck.meta.id}: ${deck.terms.length} terms, ${deck.questions.length} questions${deck.retired.length > 0 ? ` (and ${deck.retired.length} retired)` : ''}`,
    );
    const exam = deck.meta.exam;
    if (exam) {
      const counts = deckObjectives(deck.meta).map((o) => {
        const n = deck.questions.filter((q) => questionObjective(deck.meta, q) === o.id).length;
        return `${o.id} ${n} (weight ${o.weight})`;
      });
      console.log(
        `  exam ${exam.code}${exam.domain ? `, ${exam.domain}` : ''}: questions per objective ${counts.join(', ')}`,
      );
    }
    const report = checkItemRules(deck);
    for (const line of statLines(report.stats)) console.log(`  ${line}`);
    const errors = report.problems.filter((p) => p.severity === 'error').length;
    const warnings = report.problems.length - errors;
    console.log(
      `  ${errors} error(s), ${warnings} warning(s), ${report.silenced.length} warning(s) silenced with a reason`,
    );
    for (const p of report.problems) console.error(`  ${formatProblem(p)}`);
    failing += report.problems.length;
  }
  if (failing > 0) {
    console.error(
      `${failing} item-writing problem(s) found: fix them, or silence a warning with lint-ignore and a reason.`,
    );
    process.exit(1);
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof ContentError) {
    console.error(error.message);
    console.error(`${error.problems.length} problem(s) found.`);
    process.exit(1);
  }
  throw error;
}
