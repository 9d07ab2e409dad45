import { type Deck, loadDecks } from './content.loader.js';
import type { Question } from './content.schema.js';

/** All decks, loaded once at start-up and looked up in memory. */
export interface Catalog {
  decks: readonly Deck[];
  deck(id: string): Deck | undefined;
  /** The deck a channel uses: its own (`deckId`) if it still exists, else the first deck. */
  deckFor(deckId: string | undefined): Deck;
  question(deckId: string, questionId: string): Question | undefined;
}

/** A catalog over already loaded decks; throws when there are none (a channel must always have a deck). */
export function createCatalog(decks: readonly Deck[]): Catalog {
  const byId = new Map(decks.map((d) => [d.meta.id, d]));
  const first = decks[0];
  if (!first) throw new Error('no decks are loaded');
  return {
    decks,
    deck: (id) => byId.get(id),
    deckFor: (deckId) => (deckId === undefined ? undefined : byId.get(deckId)) ?? first,
    question: (deckId, questionId) => byId.get(deckId)?.questionById.get(questionId),
  };
}

/** Loads every deck under `contentDir`; throws a ContentError when any deck is broken. */
export async function loadCatalog(contentDir: string): Promise<Catalog> {
  return createCatalog(await loadDecks(contentDir));
}
