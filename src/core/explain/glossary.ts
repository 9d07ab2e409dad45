import type { Catalog } from '../content/catalog.js';
import { createTermIndex, type TermIndex } from './term.index.js';

/** The decks and the search index over their terms: what /explain and autocomplete look terms up in. */
export interface Glossary {
  catalog: Catalog;
  terms: TermIndex;
}

/** Indexes every term of every deck of the catalog, once (the index is built in memory at start-up). */
export function createGlossary(catalog: Catalog): Glossary {
  return { catalog, terms: createTermIndex(catalog.decks) };
}
