import { createHash } from 'node:crypto';
import type { Catalog } from '../content/catalog.js';
import type { Deck } from '../content/content.loader.js';
import type { Question } from '../content/content.schema.js';
import { deckStructure } from '../readiness/readiness.model.js';
import type { QuestionChooser } from './claims.port.js';

/**
 * A deterministic shuffle: questions sorted by a hash of (seed, question id). The same seed gives the
 * same order after a restart; another channel (or cycle) gives another order; a question added to the
 * deck later simply takes its hashed place.
 */
export function shuffledQuestions(questions: readonly Question[], seed: string): Question[] {
  const key = (q: Question) => createHash('sha256').update(`${seed}\u0000${q.id}`).digest('hex');
  return questions
    .map((q) => ({ q, k: key(q) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((e) => e.q);
}

/**
 * Questions by need, most needed first: share of the exam × (1 − the team's predicted recall), the shuffled
 * order breaking ties. A stable sort, so the order is the shuffle wherever the need is equal.
 */
function byNeed(deck: Deck, shuffled: Question[], recall: ReadonlyMap<string, number>): Question[] {
  const { share, chance } = deckStructure(deck);
  const need = (q: Question) => (share.get(q.id) ?? 0) * (1 - (recall.get(q.id) ?? chance));
  return [...shuffled].sort((a, b) => need(b) - need(a));
}

/**
 * The next question of a channel: the first of its shuffled order not yet posted in this cycle; when the
 * deck is exhausted, a new cycle in a new order (never opening with the question that just closed one).
 * With `recall` (an adaptive channel), the order is by need (`byNeed`): never a repeat within a cycle.
 */
export function channelChooser(catalog: Catalog, recall?: ReadonlyMap<string, number>): QuestionChooser {
  return ({ channel, usedInCycle, lastQuestionId }) => {
    const deck = catalog.deckFor(channel.deckId);
    const cycle = deck.meta.id === channel.deckId ? channel.cycle : 0;
    const shuffled = (c: number) => shuffledQuestions(deck.questions, `channel:${channel.id}:cycle:${c}`);
    const order = recall ? (c: number) => byNeed(deck, shuffled(c), recall) : shuffled;
    const used = deck.meta.id === channel.deckId ? usedInCycle : new Set<string>();
    const next = order(cycle).find((q) => !used.has(q.id));
    if (next) return { deckId: deck.meta.id, questionId: next.id, cycle };
    const fresh = order(cycle + 1);
    const first = fresh.find((q) => q.id !== lastQuestionId) ?? fresh[0];
    if (!first) throw new Error(`deck ${deck.meta.id} has no questions`);
    return { deckId: deck.meta.id, questionId: first.id, cycle: cycle + 1 };
  };
}
