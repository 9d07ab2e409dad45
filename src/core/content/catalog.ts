import { createTermIndex, type TermIndex } from '../explain/term.index.js';
import { type Deck, loadDecks } from './content.loader.js';
import type { Question } from './content.schema.js';

/** All decks, loaded once at start-up and looked up in memory. */
export interface Catalog {
  decks: readonly Deck[];
  deck(id: string): Deck | undefined;
  question(deckId: string, questionId: string): Question | undefined;
  terms: TermIndex;
}

export function createCatalog(decks: readonly Deck[]): Catalog {
  const byId = new Map(decks.map((d) => [d.meta.id, d]));
  return {
    decks,
    deck: (id) => byId.get(id),
    question: (deckId, questionId) => byId.get(deckId)?.questionById.get(questionId),
    terms: createTermIndex(decks),
  };
}

/** Loads every deck under `contentDir` and indexes it; throws a ContentError when any deck is broken. */
export async function loadCatalog(contentDir: string): Promise<Catalog> {
  return createCatalog(await loadDecks(contentDir));
}
