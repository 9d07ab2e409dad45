import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/core/content/content.loader.js';
import { CHOICE_LETTERS } from '../../src/core/content/content.schema.js';
import { createTermIndex } from '../../src/core/explain/term.index.js';

// The real content folder, found from this file so the test does not depend on the working directory.
const contentDir = fileURLToPath(new URL('../../content', import.meta.url));
const decks = await loadDecks(contentDir);
const found = decks.find((d) => d.meta.id === 'aws-security');
if (!found) throw new Error(`no aws-security deck in ${contentDir}`);
const deck = found;

describe('aws-security deck', () => {
  it('loads with at least 45 glossary terms and 100 questions', () => {
    expect(deck.terms.length).toBeGreaterThanOrEqual(45);
    expect(deck.questions.length).toBeGreaterThanOrEqual(100);
  });

  describe('covers every section of the notes', () => {
    it.each(deck.meta.sections.map((s) => [s.id, s.heading]))(
      'section "%s" (%s) has a term and a question',
      (sectionId) => {
        const terms = deck.terms.filter((t) => t.section === sectionId).map((t) => t.id);
        const questions = deck.questions.filter((q) => q.section === sectionId).map((q) => q.id);
        expect(terms, `no term names section "${sectionId}"`).not.toEqual([]);
        expect(questions, `no question names section "${sectionId}"`).not.toEqual([]);
      },
    );
  });

  it.each(deck.meta.topics.map((t) => [t.id]))('topic "%s" has at least two questions', (topicId) => {
    const questions = deck.questions.filter((q) => q.topic === topicId);
    expect(questions.length, `topic "${topicId}" has too few questions`).toBeGreaterThanOrEqual(2);
  });

  describe('/explain finds every term by its id, its name and each alias', () => {
    const index = createTermIndex(decks);
    it.each(deck.terms.map((t) => [t.id, t]))('%s', (_id, term) => {
      const misses: string[] = [];
      for (const name of [term.id, term.term, ...term.aliases]) {
        const result = index.lookup(name);
        const hit =
          result.kind === 'found' &&
          result.ref.deck.meta.id === deck.meta.id &&
          result.ref.term.id === term.id;
        if (!hit) {
          const got = result.kind === 'found' ? `term "${result.ref.term.id}"` : result.kind;
          misses.push(`"${name}" gave ${got}`);
        }
      }
      expect(misses).toEqual([]);
    });
  });

  it('has no "all of the above" or "none of the above" choices', () => {
    const offending = deck.questions.flatMap((q) =>
      q.choices.filter((c) => /\b(all|none) of the above\b/i.test(c)).map((c) => `${q.id}: ${c}`),
    );
    expect(offending).toEqual([]);
  });

  it('spreads the right answers over the letters (none above 40%)', () => {
    const total = deck.questions.length;
    const counts = new Map<string, number>();
    for (const q of deck.questions) counts.set(q.answer, (counts.get(q.answer) ?? 0) + 1);
    for (const letter of CHOICE_LETTERS) {
      const share = (counts.get(letter) ?? 0) / total;
      expect(
        share,
        `${letter} is the answer of ${counts.get(letter)} of ${total} questions`,
      ).toBeLessThanOrEqual(0.4);
    }
    // Every one of A-D is used, so the spread is real and not, say, all A and B.
    for (const letter of ['A', 'B', 'C', 'D']) expect(counts.get(letter) ?? 0).toBeGreaterThan(0);
  });
});
