import { ContentError, type Deck, loadDecks } from './content.loader.js';
import type { Question } from './content.schema.js';

/** All decks, loaded once at start-up and looked up in memory. */
export interface Catalog {
  decks: readonly Deck[];
  deck(id: string): Deck | undefined;
  /** The deck a new channel walks: the only deck, `DEFAULT_DECK`, or else the first by id. */
  defaultDeck: Deck;
  /** The deck a channel uses: its own (`deckId`) if it still exists, else the default deck. */
  deckFor(deckId: string | undefined): Deck;
  question(deckId: string, questionId: string): Question | undefined;
}

/**
 * A catalog over already loaded decks; throws when there are none (a channel must always have a deck) or
 * when `defaultDeckId` names none of them.
 */
export function createCatalog(decks: readonly Deck[], defaultDeckId?: string): Catalog {
  const byId = new Map(decks.map((d) => [d.meta.id, d]));
  const first = defaultDeckId === undefined ? decks[0] : byId.get(defaultDeckId);
  if (!first) {
    if (defaultDeckId === undefined) throw new Error('no decks are loaded');
    const ids = decks.map((d) => d.meta.id).join(', ');
    throw new ContentError([
      { file: 'DEFAULT_DECK', message: `there is no deck "${defaultDeckId}"; the decks are ${ids}` },
    ]);
  }
  return {
    decks,
    defaultDeck: first,
    deck: (id) => byId.get(id),
    deckFor: (deckId) => (deckId === undefined ? undefined : byId.get(deckId)) ?? first,
    question: (deckId, questionId) => byId.get(deckId)?.questionById.get(questionId),
  };
}

/** Loads every deck under `contentDir`; throws a ContentError when any deck is broken or `defaultDeckId` is unknown. */
export async function loadCatalog(contentDir: string, defaultDeckId?: string): Promise<Catalog> {
  return createCatalog(await loadDecks(contentDir), defaultDeckId);
}
