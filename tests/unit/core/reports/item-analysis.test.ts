import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../../../../src/core/content/catalog.js';
import type { Deck } from '../../../../src/core/content/content.loader.js';
import { questionVersion } from '../../../../src/core/content/question-version.js';
import { analyseDeck, pointBiserial } from '../../../../src/core/reports/item-analysis.js';
import type { FirstTry } from '../../../../src/core/reports/item-answers.port.js';
import { fixtureContent } from '../../../support/paths.js';

let catalog: Catalog;
let deck: Deck;
beforeAll(async () => {
  catalog = await loadCatalog(fixtureContent);
  deck = catalog.decks[0] as Deck;
});

/** A first try at today's version of `questionId`: right (the key) or wrong (the first other letter). */
function attempt(memberId: number, questionId: string, right: boolean, version?: string | null): FirstTry {
  const q = deck.questionById.get(questionId);
  if (!q) throw new Error(questionId);
  const wrong = q.answer === 'A' ? 'B' : 'A';
  return {
    memberId,
    deckId: deck.meta.id,
    questionId,
    questionVersion: version === undefined ? questionVersion(q) : version,
    choice: right ? q.answer : wrong,
    correct: right,
  };
}

describe('item analysis', () => {
  // Four members, three items: q-scp right by 1,2,3; q-policy by 1,2; q-org by 1 only.
  const grid: [string, boolean[]][] = [
    ['q-scp', [true, true, true, false]],
    ['q-policy', [true, true, false, false]],
    ['q-org', [true, false, false, false]],
  ];
  const tries = () => grid.flatMap(([id, rights]) => rights.map((r, i) => attempt(i + 1, id, r)));

  it('matches a hand computation of difficulty, choice shares and point-biserial discrimination', () => {
    const stats = analyseDeck(deck, tries(), new Map([['q-scp', 2]]));
    const scp = stats.find((s) => s.questionId === 'q-scp');
    // p = 3/4. Rest scores (share right on the other two items): 1, 0.5, 0, 0. M1 = 0.5, M0 = 0,
    // population sd = √0.171875 = 0.414578, √(pq) = √0.1875 = 0.433013: r = 0.5 / 0.414578 × 0.433013.
    expect(scp?.difficulty).toBe(0.75);
    expect(scp?.discrimination).toBeCloseTo(0.522233, 5);
    expect(scp?.reports).toBe(2);
    const key = scp?.question.answer;
    expect(scp?.choices.find((c) => c.letter === key)).toMatchObject({ count: 3, share: 0.75, key: true });
    expect(scp?.choices.reduce((n, c) => n + c.count, 0)).toBe(4);
    // q-policy: p = 1/2; rest scores 1, 0.5, 0.5, 0; M1 = 0.75, M0 = 0.25, sd = √0.125: r = 0.5/0.353553 × 0.5.
    const policy = stats.find((s) => s.questionId === 'q-policy');
    expect(policy?.difficulty).toBe(0.5);
    expect(policy?.discrimination).toBeCloseTo(Math.SQRT1_2, 10);
    // Too few tries (4 < 5) for flags.
    expect(stats.flatMap((s) => s.flags)).toEqual([]);
  });

  it('flags too easy, too hard, negative discrimination and distractors nobody picks (from 5 tries)', () => {
    const easy = [1, 2, 3, 4, 5].map((m) => attempt(m, 'q-sg', true));
    const hard = [1, 2, 3, 4, 5].map((m) => attempt(m, 'q-guardduty', false));
    // q-org is right only for the members who do worst elsewhere: negative discrimination.
    const others = [1, 2, 3, 4, 5].flatMap((m) => [
      attempt(m, 'q-scp', m <= 3),
      attempt(m, 'q-policy', m <= 2),
    ]);
    const org = [1, 2, 3, 4, 5].map((m) => attempt(m, 'q-org', m >= 4));
    const stats = analyseDeck(deck, [...easy, ...hard, ...others, ...org], new Map());
    const flags = (id: string) => stats.find((s) => s.questionId === id)?.flags;
    expect(flags('q-sg')).toEqual(['too-easy', 'unused-distractor']);
    expect(flags('q-guardduty')).toContain('too-hard');
    expect(flags('q-org')).toContain('negative-discrimination');
    expect(stats.find((s) => s.questionId === 'q-org')?.discrimination).toBeLessThan(0);
  });

  it("leaves out answers to an older version, and counts answers from before versions as today's", () => {
    const stats = analyseDeck(
      deck,
      [attempt(1, 'q-scp', true, 'an-old-version'), attempt(2, 'q-scp', false, null)],
      new Map(),
    );
    expect(stats.find((s) => s.questionId === 'q-scp')).toMatchObject({ tries: 1, difficulty: 0 });
  });

  it('has no discrimination when everyone is right, or no rest scores vary', () => {
    expect(
      pointBiserial([
        { right: true, score: 1 },
        { right: true, score: 0 },
      ]),
    ).toBeNull();
    expect(
      pointBiserial([
        { right: true, score: 0.5 },
        { right: false, score: 0.5 },
      ]),
    ).toBeNull();
  });
});
