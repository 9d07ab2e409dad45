import { choiceShapeRules, uniqueExtreme } from './choice-cues.rule.js';
import type { Deck } from './content.loader.js';
import { choiceIndex, type LintIgnore, type LintRule, type Question } from './content.schema.js';
import type { ItemFinding, ItemStats } from './item-rules.types.js';
import { letterSpreadRule } from './key-letters.rule.js';
import { nearDuplicateRule } from './near-duplicate.rule.js';
import { stemClueRule } from './stem-clue.rule.js';
import type { ContentProblem } from './yaml-source.js';

export type { ItemFinding, ItemRuleId, ItemStats, Share } from './item-rules.types.js';

/**
 * Deck-level rules (key length shares, letter spread) need this many questions: below it, shares of a few
 * questions swing by 10–30 points with one edit and say nothing about cueing.
 */
export const MIN_QUESTIONS_FOR_DECK_RULES = 30;

/** Rules whose statistic spans the deck: silencing one on a question leaves the question out of it. */
const DECK_RULES: ReadonlySet<LintRule> = new Set(['key-longest', 'key-shortest', 'key-letter-spread']);

/** A content:check finding, located, plus the rule and severity that produced it. */
export interface ItemProblem extends ContentProblem {
  rule: ItemFinding['rule'];
  severity: ItemFinding['severity'];
}

/** The result of the item-writing rules on one deck. */
export interface ItemReport {
  /** Errors and warnings nobody silenced. */
  problems: ItemProblem[];
  /** Warnings silenced by a `lint-ignore`, with the reason given. */
  silenced: (ItemProblem & { reason: string })[];
  stats: ItemStats;
}

/** Whether a silenced deck-level rule still does something for this question (else the ignore is stale). */
function deckIgnoreUsed(q: Question, rule: LintRule): boolean {
  const key = choiceIndex(q.answer);
  if (rule === 'key-longest') return uniqueExtreme(q.choices) === key;
  if (rule === 'key-shortest') return uniqueExtreme(q.choices, true) === key;
  return true;
}

/**
 * Applies the item-writing rules to a loaded deck (see docs/content-format.md): errors that cannot be
 * silenced, warnings silenced by an entry's `lint-ignore` (with its reason), and the deck's statistics.
 */
export function checkItemRules(deck: Deck): ItemReport {
  const deckId = deck.meta.id;
  const questions = deck.questions;
  const ignoresOf = (q: Question): LintIgnore[] => q['lint-ignore'] ?? [];
  const ignored = (q: Question, rule: LintRule) => ignoresOf(q).some((i) => i.rule === rule);
  const deckRules = questions.length >= MIN_QUESTIONS_FOR_DECK_RULES;

  const shape = choiceShapeRules(deckId, questions, ignored, deckRules);
  const spread = letterSpreadRule(deckId, questions, ignored, deckRules);
  const duplicates = nearDuplicateRule(questions);
  const findings = [...shape.findings, ...spread.findings, ...stemClueRule(questions), ...duplicates];

  const locate = (f: Pick<ItemFinding, 'kind' | 'id' | 'field'>) => {
    const where = deck.locate(f.kind, f.id, f.field);
    return {
      file: where.file,
      line: where.line,
      entry: f.kind === 'deck' ? undefined : `question "${f.id}"`,
    };
  };
  const toProblem = (f: ItemFinding): ItemProblem => ({
    ...locate(f),
    rule: f.rule,
    severity: f.severity,
    message: `${f.severity} [${f.rule}]: ${f.message}`,
  });

  const problems: ItemProblem[] = [];
  const silenced: ItemReport['silenced'] = [];
  const used = new Set<string>();
  for (const f of findings) {
    const ignores = f.kind === 'deck' ? (deck.meta['lint-ignore'] ?? []) : [];
    const question = f.kind === 'question' ? deck.questionById.get(f.id) : undefined;
    const ignore = [...ignores, ...(question ? ignoresOf(question) : [])].find((i) => i.rule === f.rule);
    if (ignore && f.severity === 'warning') {
      used.add(`${f.kind}:${f.id}:${f.rule}`);
      silenced.push({ ...toProblem(f), reason: ignore.reason });
    } else problems.push(toProblem(f));
  }
  for (const q of questions) {
    ignoresOf(q).forEach((i, n) => {
      const stillUsed = DECK_RULES.has(i.rule)
        ? deckIgnoreUsed(q, i.rule)
        : used.has(`question:${q.id}:${i.rule}`);
      if (!stillUsed)
        problems.push(
          toProblem({
            rule: 'unused-lint-ignore',
            severity: 'warning',
            kind: 'question',
            id: q.id,
            field: ['lint-ignore', n],
            message: `lint-ignore for "${i.rule}" silences nothing here; remove it`,
          }),
        );
    });
  }
  return {
    problems,
    silenced,
    stats: {
      questions: questions.length,
      twoChoice: shape.twoChoice,
      keyLongest: shape.keyLongest,
      keyShortest: shape.keyShortest,
      letters: spread.letters,
      nearDuplicates: duplicates.length,
      deckRulesApply: deckRules,
    },
  };
}
