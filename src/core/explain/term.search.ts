import MiniSearch, { type SearchResult } from 'minisearch';
import { normalizeKey } from '../text.js';
import type { TermRef } from './term.index.js';

/** Words that say nothing about which term is meant, dropped from documents and queries alike. */
const STOP = new Set(
  'a an and are as at be by do doe for from how in is it it of on or the this that to what when which who why with aws amazon'.split(
    ' ',
  ),
);

/** Field boosts: a match in a term's name counts 6×, in an alias 4×, in its summary or details 1×. */
export const FIELD_BOOST = { name: 6, aliases: 4, text: 1 } as const;

/** One token of a document or query as indexed: folded like lookup keys (case, accents, plurals). */
export function processToken(token: string): string | null {
  const key = normalizeKey(token);
  return key === '' || STOP.has(key) || key.includes(' ') ? null : key;
}

interface TermDoc {
  id: number;
  name: string;
  aliases: string;
  text: string;
}

/** A scored full-text hit. */
export interface TermHit {
  ref: TermRef;
  score: number;
  /** Every query word matched exactly (no typo, no prefix) in this term. */
  exact: boolean;
}

/**
 * Full-text search over terms with MiniSearch (BM25 ranking): names, aliases and explanation text, with
 * field boosts, prefix matching for words of 3+ letters and typo tolerance for words of 4+ letters.
 */
export function createTermSearch(refs: readonly TermRef[]) {
  const search = new MiniSearch<TermDoc>({
    fields: ['name', 'aliases', 'text'],
    processTerm: processToken,
    searchOptions: { processTerm: processToken },
  });
  search.addAll(
    refs.map((ref, id) => ({
      id,
      name: `${ref.term.term} ${ref.term.id.replace(/-/g, ' ')}`,
      aliases: ref.term.aliases.join(' | '),
      text: `${ref.term.summary} ${ref.term.details}`,
    })),
  );
  const toHit =
    (words: Set<string>) =>
    (r: SearchResult): TermHit | undefined => {
      const ref = refs[r.id as number];
      if (!ref) return undefined;
      const matched = new Set(r.terms);
      return { ref, score: r.score, exact: [...words].every((w) => matched.has(w)) };
    };
  return {
    /** Hits for `query`, best first; `strict` allows no typos and no prefixes and needs every word. */
    hits(query: string, strict: boolean, limit = 8): TermHit[] {
      const words = new Set(
        query
          .split(/[^\p{L}\p{N}]+/u)
          .slice(0, 12)
          .map((w) => processToken(w))
          .filter((w): w is string => w !== null && w.length <= 40),
      );
      if (words.size === 0) return [];
      const results = search.search([...words].join(' '), {
        boost: FIELD_BOOST,
        combineWith: strict ? 'AND' : 'OR',
        prefix: strict ? false : (term) => term.length >= 3,
        fuzzy: strict
          ? false
          : (term) => (term.length > 16 ? false : term.length >= 8 ? 2 : term.length >= 4 ? 1 : false),
        weights: { fuzzy: 0.4, prefix: 0.6 },
      });
      return results
        .slice(0, limit)
        .map(toHit(words))
        .filter((h): h is TermHit => h !== undefined);
    },
  };
}
