import { explainAction } from '../actions.js';
import type { CommandHandler } from '../commands/command.types.js';
import type { Catalog } from '../content/catalog.js';
import { refusal } from '../refusals.js';
import { privateReply, quoteUserText, type Reply } from '../replies.js';
import { browseReply, exampleTerms } from './browse.js';
import type { Glossary } from './glossary.js';
import type { TermRef } from './term.index.js';

export const MAX_TERM_LENGTH = 200;

/**
 * Renders one glossary term: summary, details, related terms, where it comes from, and "See also": other
 * terms that matched what the user typed (`seeAlso`, from the lookup), if any.
 */
export function explainTerm(
  { deck, term }: TermRef,
  catalog: Catalog,
  seeAlso: readonly TermRef[] = [],
): Reply {
  const related = term.related
    .map((id) => catalog.deck(deck.meta.id)?.termById.get(id))
    .filter((t) => t !== undefined)
    .map((t) => `${t.term} (/explain ${t.id})`);
  const also = seeAlso
    .filter((r) => r.term.id !== term.id && !term.related.includes(r.term.id))
    .map((r) => `${r.term.term} (/explain ${r.term.id})`);
  const section = deck.meta.sections.find((s) => s.id === term.section);
  return privateReply('explain', [term.summary, term.details], {
    title: term.term,
    fields: [
      ...(term.aliases.length > 0 ? [{ label: 'Also known as', value: term.aliases.join(', ') }] : []),
      ...(related.length > 0 ? [{ label: 'Related', value: related.join(', ') }] : []),
      ...(also.length > 0 ? [{ label: 'See also', value: also.join(', ') }] : []),
      { label: 'Topic', value: deck.topicTitle(term.topic), short: true },
      { label: 'Deck', value: `${deck.meta.title} (${deck.meta.id})`, short: true },
    ],
    ...(section ? { footer: `From the notes: ${section.heading}` } : {}),
  });
}

/** How `/explain` is used: the registry's usage sentence for it. */
export const EXPLAIN_USAGE = '/explain <term>, or /explain list to browse the terms of every deck.';

/**
 * `/explain <term>`: names, aliases, question forms ("what is an scp") and words from explanations; "did you
 * mean" for typos and ambiguous words, clear refusals for bad input.
 */
export function explainCommand(text: string, glossary: Glossary, usage = EXPLAIN_USAGE): Reply {
  const { catalog, terms } = glossary;
  const query = text.trim();
  const list = /^(list|browse)(?:\s+([0-9]{1,4}))?$/i.exec(query);
  if (query === '' || list) return browseReply(catalog, Number(list?.[2] ?? 1), usage);
  if (query.length > MAX_TERM_LENGTH) {
    return refusal('ARGUMENT_TOO_LONG', {
      length: query.length,
      max: MAX_TERM_LENGTH,
      what: 'a term',
      usage,
    });
  }
  const result = terms.lookup(query);
  if (result.kind === 'found') return explainTerm(result.ref, catalog, result.seeAlso);
  const quoted = quoteUserText(query);
  if (result.kind === 'suggestions') {
    const suggestions = result.suggestions.map((s) => s.term.term).join(', ');
    return {
      ...refusal('TERM_DID_YOU_MEAN', { query: quoted, suggestions }),
      kind: 'suggestions',
      buttons: result.suggestions.map((s) => ({ actionId: explainAction(s.term.id), label: s.term.term })),
    };
  }
  return refusal('TERM_UNKNOWN', { query: quoted, example: exampleTerms(catalog, 1)[0] ?? 'list' });
}

/** The registry's handler for `/explain`. */
export const explainHandler =
  ({ glossary }: { glossary: Glossary }): CommandHandler =>
  async ({ text, usage }) => [explainCommand(text, glossary, usage)];

/** The `explain:<termId>` button under a suggestion. */
export function explainById(termId: string, catalog: Catalog): Reply | undefined {
  for (const deck of catalog.decks) {
    const term = deck.termById.get(termId);
    if (term) return explainTerm({ deck, term }, catalog);
  }
  return undefined;
}
