import type { Deck } from '../content/content.loader.js';
import { CHOICE_LETTERS, type Question } from '../content/content.schema.js';
import { questionVersion } from '../content/question-version.js';
import type { FirstTry } from './item-answers.port.js';

/**
 * Classical item analysis (docs/item-analysis.md). Difficulty index p: the share of first tries that are
 * right. Discrimination: the point-biserial correlation between being right on the item and the member's
 * rest score (their share right on the deck's other items), r = (M1 − M0) / s · √(p(1 − p)), with s the
 * population standard deviation of the rest scores (Crocker & Algina, Introduction to Classical and Modern
 * Test Theory, 1986, ch. 14; the corrected item–total correlation). Answers to older versions are left out.
 */

/** Below this share right a question is flagged too hard; above `EASY`, too easy; about 0.7 is the aim. */
export const TARGET = { HARD: 0.2, EASY: 0.95, AIM: 0.7 } as const;
/** Flags are raised from this many first tries on; fewer say little. */
export const MIN_TRIES_FOR_FLAGS = 5;

export type ItemFlag = 'too-hard' | 'too-easy' | 'negative-discrimination' | 'unused-distractor';

export interface ItemStats {
  deckId: string;
  questionId: string;
  question: Question;
  /** First tries at today's version. */
  tries: number;
  /** Share right (0–1), or null with no tries. */
  difficulty: number | null;
  /** Each choice's share of the first tries (0–1), in letter order. */
  choices: { letter: string; count: number; share: number; key: boolean }[];
  /** Point-biserial r (−1…1), or null when it cannot be computed (everyone right or wrong, no rest scores). */
  discrimination: number | null;
  reports: number;
  flags: ItemFlag[];
  /** Wrong choices nobody picked (flagged when there are enough tries). */
  unusedDistractors: string[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Point-biserial correlation of `right` (0/1) with `score`; null when undefined (no variance). */
export function pointBiserial(pairs: { right: boolean; score: number }[]): number | null {
  if (pairs.length < 2) return null;
  const ones = pairs.filter((p) => p.right).map((p) => p.score);
  const zeros = pairs.filter((p) => !p.right).map((p) => p.score);
  if (ones.length === 0 || zeros.length === 0) return null;
  const all = pairs.map((p) => p.score);
  const m = mean(all);
  const sd = Math.sqrt(mean(all.map((x) => (x - m) ** 2)));
  if (sd === 0) return null;
  const p = ones.length / pairs.length;
  return ((mean(ones) - mean(zeros)) / sd) * Math.sqrt(p * (1 - p));
}

/**
 * Item statistics of every question of `deck` (retired ones too) from members' first tries; `reports`
 * counts open reports per question id. Questions without tries come out with `tries` 0.
 */
export function analyseDeck(
  deck: Deck,
  tries: readonly FirstTry[],
  reports: ReadonlyMap<string, number>,
): ItemStats[] {
  const current = tries.filter((t) => {
    if (t.deckId !== deck.meta.id) return false;
    const q = deck.questionById.get(t.questionId);
    return q !== undefined && (t.questionVersion === null || t.questionVersion === questionVersion(q));
  });
  // Each member's right and total answers over the deck, to take the item out for rest scores.
  const perMember = new Map<number, { right: number; total: number }>();
  for (const t of current) {
    const m = perMember.get(t.memberId) ?? { right: 0, total: 0 };
    m.right += t.correct ? 1 : 0;
    m.total += 1;
    perMember.set(t.memberId, m);
  }
  const byQuestion = new Map<string, FirstTry[]>();
  for (const t of current) byQuestion.set(t.questionId, [...(byQuestion.get(t.questionId) ?? []), t]);
  return [...deck.questions, ...deck.retired].map((question) => {
    const mine = byQuestion.get(question.id) ?? [];
    const right = mine.filter((t) => t.correct).length;
    const letters = CHOICE_LETTERS.slice(0, question.choices.length);
    const choices = letters.map((letter) => {
      const count = mine.filter((t) => t.choice === letter).length;
      return { letter, count, share: mine.length ? count / mine.length : 0, key: letter === question.answer };
    });
    const pairs = mine.flatMap((t) => {
      const m = perMember.get(t.memberId);
      if (!m || m.total < 2) return [];
      return [{ right: t.correct, score: (m.right - (t.correct ? 1 : 0)) / (m.total - 1) }];
    });
    const difficulty = mine.length ? right / mine.length : null;
    const discrimination = pointBiserial(pairs);
    const unusedDistractors = choices.filter((c) => !c.key && c.count === 0).map((c) => c.letter);
    const flags: ItemFlag[] = [];
    if (mine.length >= MIN_TRIES_FOR_FLAGS && difficulty !== null) {
      if (difficulty < TARGET.HARD) flags.push('too-hard');
      if (difficulty > TARGET.EASY) flags.push('too-easy');
      if (discrimination !== null && discrimination < 0) flags.push('negative-discrimination');
      if (unusedDistractors.length > 0) flags.push('unused-distractor');
    }
    return {
      deckId: deck.meta.id,
      questionId: question.id,
      question,
      tries: mine.length,
      difficulty,
      choices,
      discrimination,
      reports: reports.get(question.id) ?? 0,
      flags,
      unusedDistractors,
    };
  });
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** One line per question with tries: `id: 72% right (n=25), r=0.41, A 8% B 72%* C 12% D 8%; 1 report; flags`. */
export function itemLine(s: ItemStats): string {
  const shares = s.choices.map((c) => `${c.letter} ${pct(c.share)}${c.key ? '*' : ''}`).join(' ');
  const r = s.discrimination === null ? 'r n/a' : `r=${s.discrimination.toFixed(2)}`;
  const reports = s.reports > 0 ? `; ${s.reports} report${s.reports === 1 ? '' : 's'}` : '';
  const flags = s.flags.length > 0 ? `; flags: ${s.flags.join(', ')}` : '';
  return `${s.questionId}: ${s.difficulty === null ? 'no answers' : `${pct(s.difficulty)} right`} (n=${s.tries}), ${r}, ${shares}${reports}${flags}`;
}
