import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/core/content/content.loader.js';
import { deckObjectives, questionObjective } from '../../src/core/content/exam.blueprint.js';

const contentDir = fileURLToPath(new URL('../../content', import.meta.url));
const deck = (await loadDecks(contentDir)).find((d) => d.meta.id === 'aws-security');
if (!deck) throw new Error('no aws-security deck');
const exam = deck.meta.exam;

describe('aws-security covers the CLF-C02 domain 2 blueprint', () => {
  it('declares the exam and its four task statements', () => {
    expect(exam?.code).toBe('CLF-C02');
    expect(deckObjectives(deck.meta).map((o) => o.id)).toEqual(['ts-2-1', 'ts-2-2', 'ts-2-3', 'ts-2-4']);
    expect(deck.questions.length).toBeGreaterThanOrEqual(180);
    expect(deck.terms.length).toBeGreaterThanOrEqual(110);
  });

  it.each(deckObjectives(deck.meta).map((o) => [o.id]))('objective %s has questions', (id) => {
    expect(deck.questions.filter((q) => questionObjective(deck.meta, q) === id).length).toBeGreaterThan(0);
  });

  const skills = deckObjectives(deck.meta).flatMap((o) => o.skills.map((s) => [s.id, s.title] as const));
  it.each(skills)('skill %s (%s) has at least one term and two questions', (id) => {
    const terms = deck.terms.filter((t) => t.skills.includes(id)).map((t) => t.id);
    const questions = deck.questions.filter((q) => q.skill === id).map((q) => q.id);
    expect(terms, `no term lists skill ${id}`).not.toEqual([]);
    expect(questions.length, `skill ${id} has ${questions.length} question(s)`).toBeGreaterThanOrEqual(2);
  });

  it('names a source for every term and question', () => {
    const missing = [...deck.terms, ...deck.questions].filter((e) => !e.source).map((e) => e.id);
    expect(missing).toEqual([]);
  });
});
