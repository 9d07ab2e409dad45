import { explainAction } from '../actions.js';
import { refusal } from '../refusals.js';
import { privateReply, type Reply } from '../replies.js';
import { cleanUserText } from '../user-text.js';
import { exampleTerms } from './browse.js';
import type { Glossary } from './glossary.js';

/** At most this many terms are explained from one message (the rest are named, with a hint). */
export const MAX_TERMS_IN_TEXT = 5;
/** Characters of a message read for terms: Slack and Discord messages are at most 40 000 and 4 000. */
const MAX_TEXT = 4_000;

/**
 * "Explain terms in this message" (a Slack message shortcut, a Discord message context menu, the console's
 * `/explain-text`): every glossary term the message names, each with its summary and a button for the
 * full explanation, privately. The message is user text: it goes through the one rule (cleanUserText) and
 * is never quoted back. No terms → `TEXT_NO_TERMS`, with an example to try.
 */
export function explainText(text: string, glossary: Glossary): Reply {
  const clean = cleanUserText(text, MAX_TEXT);
  const found = glossary.terms.findInText(clean, MAX_TERMS_IN_TEXT + 1);
  if (found.length === 0)
    return refusal('TEXT_NO_TERMS', { example: exampleTerms(glossary.catalog, 1)[0] ?? 'list' });
  const shown = found.slice(0, MAX_TERMS_IN_TEXT);
  const more = found.length > MAX_TERMS_IN_TEXT;
  return privateReply(
    'explain',
    [
      `${shown.length === 1 ? 'One term' : `${shown.length} terms`} from the study notes in this message${more ? ' (the first five)' : ''}:`,
    ],
    {
      title: 'Terms in this message',
      fields: shown.map(({ deck, term }) => ({
        label: `${term.term} (${deck.meta.id})`,
        value: term.summary,
      })),
      buttons: shown.map(({ term }) => ({ actionId: explainAction(term.id), label: `More: ${term.term}` })),
      footer: 'Only you can see this. /explain <term> looks up any other term.',
    },
  );
}
