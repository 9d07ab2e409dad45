import type { CommandHandler } from '../commands/command.types.js';
import type { Catalog } from '../content/catalog.js';
import type { Deck } from '../content/content.loader.js';
import { refusal } from '../refusals.js';
import { quoteUserText } from '../replies.js';
import type { PracticeService } from './practice.service.js';

/** A deck id, or a topic id (of the first deck that has it), as typed after /quiz; undefined if neither. */
export function practiceFocus(catalog: Catalog, word: string): { deck: Deck; topic?: string } | undefined {
  const id = word.trim().toLowerCase();
  const deck = catalog.deck(id);
  if (deck) return { deck };
  const withTopic = catalog.decks.find((d) => d.meta.topics.some((t) => t.id === id));
  return withTopic ? { deck: withTopic, topic: id } : undefined;
}

/** Decks and topics for /quiz's autocomplete and refusals: `git-basics`, `aws-security · iam`. */
export function focusChoices(catalog: Catalog): { name: string; value: string }[] {
  return catalog.decks.flatMap((d) => [
    { name: `${d.meta.title} (deck ${d.meta.id})`, value: d.meta.id },
    ...d.meta.topics.map((t) => ({ name: `${t.title} (topic in ${d.meta.id})`, value: t.id })),
  ]);
}

/**
 * `/quiz [deck or topic]`: the member's next practice question (a due review first, then a new question),
 * from this channel's deck, or from the deck or topic named.
 */
export const quizHandler =
  ({
    practiceService,
    catalog,
  }: {
    practiceService: Pick<PracticeService, 'quiz'>;
    catalog: Catalog;
  }): CommandHandler =>
  async ({ actor, text }) => {
    if (text.trim() === '') return [await practiceService.quiz(actor)];
    const focus = practiceFocus(catalog, text);
    if (!focus) {
      return [
        refusal('FOCUS_UNKNOWN', {
          word: quoteUserText(text, 40),
          decks: catalog.decks.map((d) => d.meta.id).join(', '),
        }),
      ];
    }
    return [await practiceService.quiz(actor, focus)];
  };
