import Fuse from 'fuse.js';
import type { Deck } from '../content/content.loader.js';
import type { Term } from '../content/content.schema.js';
import { normalizeKey } from '../text.js';

export interface TermRef {
  deck: Deck;
  term: Term;
}

export type TermLookup =
  | { kind: 'found'; ref: TermRef }
  | { kind: 'suggestions'; suggestions: TermRef[] }
  | { kind: 'unknown' };

interface KeyEntry {
  key: string;
  ref: TermRef;
}

/** Lookups over every term of every deck: exact and alias matches from a map, typos through Fuse.js. */
export interface TermIndex {
  lookup(query: string): TermLookup;
  /** Up to `limit` terms for an autocomplete box, best first; an empty query lists terms alphabetically. */
  complete(query: string, limit?: number): TermRef[];
  readonly size: number;
}

export function createTermIndex(decks: readonly Deck[]): TermIndex {
  const exact = new Map<string, TermRef>();
  const entries: KeyEntry[] = [];
  const all: TermRef[] = [];
  for (const deck of decks) {
    for (const term of deck.terms) {
      const ref = { deck, term };
      all.push(ref);
      for (const raw of [term.id, term.term, ...term.aliases]) {
        const key = normalizeKey(raw);
        if (key === '' || exact.has(key)) continue;
        exact.set(key, ref);
        entries.push({ key, ref });
      }
    }
  }
  all.sort((a, b) => a.term.term.localeCompare(b.term.term));
  // Bitap over short keys: a threshold of 0.4 catches one or two slips in a short word ("scpp", "guardduty")
  // without offering unrelated terms for long nonsense.
  const fuse = new Fuse(entries, { keys: ['key'], includeScore: true, threshold: 0.4, ignoreLocation: true });

  const fuzzy = (key: string, limit: number): TermRef[] => {
    const seen = new Set<Term>();
    const out: TermRef[] = [];
    for (const hit of fuse.search(key, { limit: limit * 4 })) {
      if (seen.has(hit.item.ref.term)) continue;
      seen.add(hit.item.ref.term);
      out.push(hit.item.ref);
      if (out.length >= limit) break;
    }
    return out;
  };

  return {
    size: all.length,
    lookup(query) {
      const key = normalizeKey(query);
      if (key === '') return { kind: 'unknown' };
      const hit = exact.get(key);
      if (hit) return { kind: 'found', ref: hit };
      const suggestions = fuzzy(key, 3);
      return suggestions.length > 0 ? { kind: 'suggestions', suggestions } : { kind: 'unknown' };
    },
    complete(query, limit = 25) {
      const key = normalizeKey(query);
      if (key === '') return all.slice(0, limit);
      const out: TermRef[] = [];
      const seen = new Set<Term>();
      const add = (ref: TermRef) => {
        if (out.length < limit && !seen.has(ref.term)) {
          seen.add(ref.term);
          out.push(ref);
        }
      };
      for (const e of entries) if (e.key.startsWith(key)) add(e.ref);
      for (const ref of fuzzy(key, limit)) add(ref);
      return out;
    },
  };
}
