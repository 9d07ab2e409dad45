import { distance } from 'fastest-levenshtein';
import type { Deck } from '../content/content.loader.js';
import type { Term } from '../content/content.schema.js';
import { normalizeKey } from '../text.js';
import { queryForms, stripVendor } from './query.folding.js';
import { createTermSearch, type TermHit } from './term.search.js';

export interface TermRef {
  deck: Deck;
  term: Term;
}

export type TermLookup =
  | {
      kind: 'found';
      ref: TermRef;
      /** Other terms that match what was typed, best first (never the found term itself). */
      seeAlso: TermRef[];
    }
  | { kind: 'suggestions'; suggestions: TermRef[] }
  | { kind: 'unknown' };

interface KeyEntry {
  key: string;
  ref: TermRef;
}

/** Lookups over every term of every deck: exact names first, then full-text search, then typos. */
export interface TermIndex {
  lookup(query: string): TermLookup;
  /** Up to `limit` terms for an autocomplete box, best first; an empty query lists terms alphabetically. */
  complete(query: string, limit?: number): TermRef[];
  /**
   * Every term whose id, name or alias appears in `text` as whole words (after the same folding as lookups:
   * case, accents, punctuation, plurals), in the order they first appear; a longer name wins over a
   * shorter one inside it. At most `limit` terms.
   */
  findInText(text: string, limit?: number): TermRef[];
  readonly size: number;
}

/** Typos a key of this length may carry and still be suggested: 1 for short words, up to 3 for long names. */
const allowedEdits = (length: number) => (length <= 4 ? 1 : length <= 8 ? 2 : 3);

/** A full-text winner opens directly only when it beats the runner-up by this factor. */
const CLEAR_WIN = 1.5;
/** "See also" lists other hits scoring at least this share of the winner's score. */
const SEE_ALSO_SHARE = 0.3;
const SEE_ALSO_MAX = 3;

/**
 * Builds the index: exact keys (id, name, aliases, and their forms without "AWS"/"Amazon") in a map,
 * MiniSearch over names, aliases and explanations for everything else, edit distance for typos.
 */
export function createTermIndex(decks: readonly Deck[]): TermIndex {
  const exact = new Map<string, TermRef>();
  const folded = new Map<string, TermRef | null>();
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
        const bare = normalizeKey(stripVendor(raw));
        // A vendor-free form is a fallback key; two terms sharing one make it ambiguous (null).
        if (bare !== key && bare !== '')
          folded.set(bare, folded.has(bare) && folded.get(bare) !== ref ? null : ref);
      }
    }
  }
  all.sort((a, b) => a.term.term.localeCompare(b.term.term));
  /** Exact keys (and unambiguous vendor-free forms) by their first word, longest first, for scanning text. */
  const byFirstWord = new Map<string, { words: string[]; ref: TermRef }[]>();
  const scanKeys = [
    ...entries,
    ...[...folded].flatMap(([key, ref]) => (ref && !exact.has(key) ? [{ key, ref }] : [])),
  ];
  for (const { key, ref } of scanKeys) {
    const words = key.split(' ');
    const first = words[0] ?? '';
    const list = byFirstWord.get(first) ?? [];
    list.push({ words, ref });
    byFirstWord.set(first, list);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  const search = createTermSearch(all);

  /** Keys within a few edits of the query, or starting with it (Myers' bit-parallel Levenshtein). */
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
    return unique(
      scored.map((s) => s.ref),
      limit,
    );
  };

  const exactHit = (query: string): TermRef | undefined => {
    for (const form of queryForms(query)) {
      const key = normalizeKey(form);
      const hit = exact.get(key) ?? folded.get(key) ?? undefined;
      if (hit) return hit;
    }
    return undefined;
  };

  const seeAlsoFor = (ref: TermRef, hits: TermHit[]): TermRef[] => {
    const top = hits.find((h) => h.ref !== ref)?.score ?? 0;
    const best = Math.max(hits[0]?.score ?? 0, top);
    return hits
      .filter((h) => h.ref !== ref && h.score >= best * SEE_ALSO_SHARE)
      .slice(0, SEE_ALSO_MAX)
      .map((h) => h.ref);
  };

  return {
    size: all.length,
    findInText(text, limit = 10) {
      const words = normalizeKey(text).split(' ');
      const found: TermRef[] = [];
      for (let i = 0; i < words.length && found.length < limit; i++) {
        const candidates = byFirstWord.get(words[i] ?? '') ?? [];
        const hit = candidates.find((c) => c.words.every((w, j) => words[i + j] === w));
        if (!hit) continue;
        if (!found.includes(hit.ref)) found.push(hit.ref);
        i += hit.words.length - 1;
      }
      return found;
    },
    lookup(query) {
      const forms = queryForms(query);
      const asked = forms[forms.length - 1] ?? '';
      if (normalizeKey(asked) === '') return { kind: 'unknown' };
      const direct = exactHit(query);
      if (direct)
        return { kind: 'found', ref: direct, seeAlso: seeAlsoFor(direct, search.hits(asked, true)) };
      const strict = search.hits(asked, true);
      const [first, second] = strict;
      if (first?.exact && (!second || first.score >= second.score * CLEAR_WIN))
        return { kind: 'found', ref: first.ref, seeAlso: seeAlsoFor(first.ref, strict) };
      const loose = search.hits(asked, false, 3).map((h) => h.ref);
      const suggestions = unique([...loose, ...nearest(normalizeKey(asked), 3)], 3);
      return suggestions.length > 0 ? { kind: 'suggestions', suggestions } : { kind: 'unknown' };
    },
    complete(query, limit = 25) {
      const asked = queryForms(query).at(-1) ?? '';
      const key = normalizeKey(asked);
      if (key === '') return all.slice(0, limit);
      const direct = exactHit(query);
      // Prefix matches on any word of a name ("duty" finds GuardDuty only via its words, "guard" directly).
      const prefixed = entries
        .filter((e) => e.key.startsWith(key) || e.key.split(' ').some((w) => w.startsWith(key)))
        .sort((a, b) => a.key.length - b.key.length)
        .map((e) => e.ref);
      const text = search.hits(asked, false, limit).map((h) => h.ref);
      return unique([...(direct ? [direct] : []), ...prefixed, ...text, ...nearest(key, limit)], limit);
    },
  };
}

/** The first `limit` distinct terms of `refs`, in order. */
function unique(refs: readonly TermRef[], limit: number): TermRef[] {
  const seen = new Set<Term>();
  const out: TermRef[] = [];
  for (const ref of refs) {
    if (seen.has(ref.term)) continue;
    seen.add(ref.term);
    out.push(ref);
    if (out.length >= limit) break;
  }
  return out;
}
