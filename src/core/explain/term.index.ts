import { distance } from 'fastest-levenshtein';
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

/** Lookups over every term of every deck: exact and alias matches from a map, typos by edit distance. */
export interface TermIndex {
  lookup(query: string): TermLookup;
  /** Up to `limit` terms for an autocomplete box, best first; an empty query lists terms alphabetically. */
  complete(query: string, limit?: number): TermRef[];
  readonly size: number;
}

/** Typos a key of this length may carry and still be suggested: 1 for short words, up to 3 for long names. */
const allowedEdits = (length: number) => (length <= 4 ? 1 : length <= 8 ? 2 : 3);

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

  /**
   * Terms whose name or alias is within a few edits of the query (Myers' bit-parallel Levenshtein from
   * fastest-levenshtein), or that start with it; nearest first. Keys whose length alone rules them out are
   * skipped, so a long nonsense query costs almost nothing.
   */
  const nearest = (key: string, limit: number): TermRef[] => {
    const max = allowedEdits(key.length);
    const scored: { ref: TermRef; score: number }[] = [];
    for (const e of entries) {
      let score: number | undefined;
      if (key.length >= 3 && e.key.startsWith(key)) score = 0.5 + (e.key.length - key.length) / 100;
      if (Math.abs(e.key.length - key.length) <= max) {
        const d = distance(key, e.key);
        if (d <= max && (score === undefined || d < score)) score = d;
      }
      if (score !== undefined) scored.push({ ref: e.ref, score });
    }
    scored.sort((a, b) => a.score - b.score || a.ref.term.term.localeCompare(b.ref.term.term));
    const seen = new Set<Term>();
    const out: TermRef[] = [];
    for (const s of scored) {
      if (seen.has(s.ref.term)) continue;
      seen.add(s.ref.term);
      out.push(s.ref);
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
      const suggestions = nearest(key, 3);
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
      const exactHit = exact.get(key);
      if (exactHit) add(exactHit);
      // Prefix matches on any word of a name ("duty" finds GuardDuty only via its words, "guard" directly).
      const prefixed = entries
        .filter((e) => e.key.startsWith(key) || e.key.split(' ').some((w) => w.startsWith(key)))
        .sort((a, b) => a.key.length - b.key.length);
      for (const e of prefixed) add(e.ref);
      for (const ref of nearest(key, limit)) add(ref);
      return out;
    },
  };
}
