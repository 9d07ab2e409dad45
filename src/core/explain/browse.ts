import { browseAction } from '../actions.js';
import type { Catalog } from '../content/catalog.js';
import { privateReply, type Reply } from '../replies.js';

/**
 * Characters of term lines per page: well inside Slack's 3,000 per text block and Discord's 4,096 per embed
 * description, with room for the title and the header line.
 */
export const BROWSE_PAGE_CHARS = 1_800;

/** One line per topic of each deck: `Deck title (id) · Topic: term-id, term-id, …`. */
function browseLines(catalog: Catalog): string[] {
  const lines: string[] = [];
  for (const deck of catalog.decks) {
    for (const topic of deck.meta.topics) {
      const ids = deck.terms.filter((t) => t.topic === topic.id).map((t) => t.id);
      if (ids.length === 0) continue;
      const head = `${deck.meta.title} (${deck.meta.id}) · ${topic.title}: `;
      // A topic longer than a page is split over lines (and so pages) of its own.
      let current: string[] = [];
      for (const id of ids) {
        if ((head + [...current, id].join(', ')).length > BROWSE_PAGE_CHARS && current.length > 0) {
          lines.push(head + current.join(', '));
          current = [];
        }
        current.push(id);
      }
      lines.push(head + current.join(', '));
    }
  }
  return lines;
}

/** The browse lines cut into pages of at most BROWSE_PAGE_CHARS characters. */
export function browsePages(catalog: Catalog): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  let size = 0;
  for (const line of browseLines(catalog)) {
    if (size + line.length + 1 > BROWSE_PAGE_CHARS && page.length > 0) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(line);
    size += line.length + 1;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/**
 * `/explain` with no term, or `/explain list [page]`: the topics of each deck with their terms, one page at a
 * time, with buttons to the previous and next page. A page past the end shows the last one.
 */
export function browseReply(catalog: Catalog, requested: number, usage: string): Reply {
  const pages = browsePages(catalog);
  const count = Math.max(1, pages.length);
  const page = Math.min(Math.max(1, requested), count);
  const buttons = [
    ...(page > 1 ? [{ actionId: browseAction(page - 1), label: `Page ${page - 1}` }] : []),
    ...(page < count ? [{ actionId: browseAction(page + 1), label: `Page ${page + 1}` }] : []),
  ];
  return privateReply('explain', [`Usage: ${usage}`, ...(pages[page - 1] ?? ['No terms are loaded.'])], {
    title: `Terms by deck and topic (page ${page} of ${count})`,
    ...(buttons.length > 0 ? { buttons } : {}),
    footer: `${catalog.decks.length} deck(s), ${catalog.decks.reduce((n, d) => n + d.terms.length, 0)} terms. /explain <term id> explains one.`,
  });
}

/** Up to `count` short term ids of the default deck, to suggest in hints (`/explain scp`). */
export function exampleTerms(catalog: Catalog, count = 2): string[] {
  const terms =
    catalog.defaultDeck.terms.length > 0 ? catalog.defaultDeck.terms : catalog.decks.flatMap((d) => d.terms);
  const short = terms.filter((t) => t.id.length <= 6);
  return [...short, ...terms.filter((t) => t.id.length > 6)].slice(0, count).map((t) => t.id);
}
