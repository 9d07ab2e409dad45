import { CHOICE_LETTERS, type ChoiceLetter, type LintRule, type Question } from './content.schema.js';
import type { ItemFinding, ItemStats } from './item-rules.types.js';

/**
 * How far a letter's count may stray from an even spread: 2 standard deviations of the binomial count
 * (n questions, p = 1/k), at least 1 — about a 95% band for keys placed at random (see docs/content-format.md).
 */
export const LETTER_SPREAD_SIGMAS = 2;

/** Allowed count band for one letter among `n` questions with `k` choices: expected ± max(1, 2σ). */
export function letterBand(n: number, k: number): { expected: number; tolerance: number } {
  const p = 1 / k;
  const expected = n * p;
  return { expected, tolerance: Math.max(1, LETTER_SPREAD_SIGMAS * Math.sqrt(n * p * (1 - p))) };
}

/**
 * Counts right answers per letter for each number of choices and, when `deckRules` is on, warns about
 * any group of at least k questions (k choices) where a letter's count leaves the band of `letterBand`.
 * Questions that silence `key-letter-spread` are left out of the counts.
 */
export function letterSpreadRule(
  deckId: string,
  questions: readonly Question[],
  ignored: (q: Question, rule: LintRule) => boolean,
  deckRules: boolean,
): { findings: ItemFinding[]; letters: ItemStats['letters'] } {
  const groups = new Map<number, Partial<Record<ChoiceLetter, number>>>();
  const totals = new Map<number, number>();
  for (const q of questions) {
    if (ignored(q, 'key-letter-spread')) continue;
    const k = q.choices.length;
    const counts = groups.get(k) ?? {};
    counts[q.answer] = (counts[q.answer] ?? 0) + 1;
    groups.set(k, counts);
    totals.set(k, (totals.get(k) ?? 0) + 1);
  }
  const letters = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([choices, counts]) => ({ choices, counts, total: totals.get(choices) ?? 0 }));
  const findings: ItemFinding[] = [];
  if (!deckRules) return { findings, letters };
  for (const { choices: k, counts, total: n } of letters) {
    if (n < k) continue;
    const { expected, tolerance } = letterBand(n, k);
    const used = CHOICE_LETTERS.slice(0, k);
    const off = used.filter((l) => Math.abs((counts[l] ?? 0) - expected) > tolerance);
    if (off.length === 0) continue;
    findings.push({
      rule: 'key-letter-spread',
      severity: 'warning',
      kind: 'deck',
      id: deckId,
      message:
        `among the ${n} questions with ${k} choices the keys are ${used.map((l) => `${l} ${counts[l] ?? 0}`).join(', ')}; ` +
        `each letter should be the key of ${expected.toFixed(1)} ± ${tolerance.toFixed(1)} ` +
        `(${off.map((l) => `${l} too ${(counts[l] ?? 0) > expected ? 'often' : 'rarely'}`).join(', ')})`,
    });
  }
  return { findings, letters };
}
