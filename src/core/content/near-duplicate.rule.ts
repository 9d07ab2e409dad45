import { diceCoefficient } from 'dice-coefficient';
import type { Question } from './content.schema.js';
import { contentStems } from './item.words.js';
import type { ItemFinding } from './item-rules.types.js';

/**
 * Prompts at least this similar are flagged: Sørensen–Dice coefficient (the `dice-coefficient` package,
 * 2·|A∩B| / (|A|+|B|)) over the multisets of the prompts' content-word stems.
 */
export const NEAR_DUPLICATE_DICE = 0.6;

/** …and share at least this many content words: short templated prompts ("Which statement about X is
 * correct?") reach a high coefficient from two common words alone. */
export const NEAR_DUPLICATE_MIN_SHARED = 4;

/** Number of content words two stem lists have in common (as multisets). */
function sharedCount(a: readonly string[], b: readonly string[]): number {
  const left = new Map<string, number>();
  for (const w of a) left.set(w, (left.get(w) ?? 0) + 1);
  let n = 0;
  for (const w of b) {
    const c = left.get(w) ?? 0;
    if (c > 0) {
      n++;
      left.set(w, c - 1);
    }
  }
  return n;
}

/** Dice similarity (0–1) of two prompts' content words. */
export function promptSimilarity(a: string, b: string): number {
  const left = contentStems(a);
  const right = contentStems(b);
  if (left.length === 0 || right.length === 0) return 0;
  return diceCoefficient(left, right);
}

/** Flags each prompt that is a near-duplicate of an earlier one, naming the earlier question. */
export function nearDuplicateRule(questions: readonly Question[]): ItemFinding[] {
  const stems = questions.map((q) => contentStems(q.prompt));
  const findings: ItemFinding[] = [];
  questions.forEach((q, i) => {
    for (let j = 0; j < i; j++) {
      const a = stems[i];
      const b = stems[j];
      const earlier = questions[j];
      if (!a || !b || !earlier || a.length === 0 || b.length === 0) continue;
      const score = diceCoefficient(a, b);
      if (score < NEAR_DUPLICATE_DICE || sharedCount(a, b) < NEAR_DUPLICATE_MIN_SHARED) continue;
      findings.push({
        rule: 'near-duplicate-prompt',
        severity: 'warning',
        kind: 'question',
        id: q.id,
        field: ['prompt'],
        message: `the prompt is ${Math.round(score * 100)}% similar to question "${earlier.id}"'s; test something else or merge them`,
      });
      break;
    }
  });
  return findings;
}
