import { choiceIndex, type LintRule, type Question } from './content.schema.js';
import type { ItemFinding, Share } from './item-rules.types.js';

/** The key should be the longest choice in 20–35% of the questions that have one longest choice (and the
 * same for the shortest): near chance for 3–5 choices, so neither "pick it" nor "avoid it" pays. */
export const KEY_LENGTH_SHARE = { min: 0.2, max: 0.35 } as const;

const ALL_NONE = /\b(all|none|both|neither) of the (above|below|others|preceding)\b/i;

/** Index of the one choice strictly longer (or, with `shortest`, shorter) than every other, if any. */
export function uniqueExtreme(choices: readonly string[], shortest = false): number | undefined {
  const lengths = choices.map((c) => c.trim().length * (shortest ? -1 : 1));
  const max = Math.max(...lengths);
  const at = lengths.indexOf(max);
  return lengths.lastIndexOf(max) === at ? at : undefined;
}

const percent = (s: Share) => (s.of === 0 ? 0 : Math.round((100 * s.count) / s.of));

function shareFinding(rule: 'key-longest' | 'key-shortest', deckId: string, share: Share): ItemFinding[] {
  const ratio = share.of === 0 ? 0 : share.count / share.of;
  if (share.of === 0 || (ratio >= KEY_LENGTH_SHARE.min && ratio <= KEY_LENGTH_SHARE.max)) return [];
  const word = rule === 'key-longest' ? 'longest' : 'shortest';
  const advice =
    ratio < KEY_LENGTH_SHARE.min ? `make the key the ${word} choice` : `make a distractor the ${word}`;
  return [
    {
      rule,
      severity: 'warning',
      kind: 'deck',
      id: deckId,
      message:
        `the key is the ${word} choice in ${percent(share)}% (${share.count} of ${share.of}) of the questions ` +
        `with one ${word} choice; keep it within ${KEY_LENGTH_SHARE.min * 100}–${KEY_LENGTH_SHARE.max * 100}% ` +
        `(${advice} in more questions), so that guessing by length does not pay`,
    },
  ];
}

/**
 * Rules on the shape of the choices: no "all/none of the above" (an error), no two-choice question, and,
 * when `deckRules` is on, the key's share of longest and shortest choices. Questions that silence
 * `key-longest`/`key-shortest` are left out of that share.
 */
export function choiceShapeRules(
  deckId: string,
  questions: readonly Question[],
  ignored: (q: Question, rule: LintRule) => boolean,
  deckRules: boolean,
): { findings: ItemFinding[]; twoChoice: number; keyLongest: Share; keyShortest: Share } {
  const findings: ItemFinding[] = [];
  const keyLongest: Share = { count: 0, of: 0 };
  const keyShortest: Share = { count: 0, of: 0 };
  let twoChoice = 0;
  for (const q of questions) {
    q.choices.forEach((c, i) => {
      if (ALL_NONE.test(c))
        findings.push({
          rule: 'all-none-of-the-above',
          severity: 'error',
          kind: 'question',
          id: q.id,
          field: ['choices', i],
          message: `"${c}" points at other choices; name the answer itself`,
        });
    });
    if (q.choices.length === 2) {
      twoChoice++;
      findings.push({
        rule: 'two-choice',
        severity: 'warning',
        kind: 'question',
        id: q.id,
        field: ['choices'],
        message: 'only two choices: a guess is right half the time; add plausible distractors',
      });
    }
    const key = choiceIndex(q.answer);
    for (const [share, shortest, rule] of [
      [keyLongest, false, 'key-longest'],
      [keyShortest, true, 'key-shortest'],
    ] as const) {
      const extreme = uniqueExtreme(q.choices, shortest);
      if (extreme === undefined || ignored(q, rule)) continue;
      share.of++;
      if (extreme === key) share.count++;
    }
  }
  if (deckRules)
    findings.push(
      ...shareFinding('key-longest', deckId, keyLongest),
      ...shareFinding('key-shortest', deckId, keyShortest),
    );
  return { findings, twoChoice, keyLongest, keyShortest };
}
