import { answerAction, guessAction, reportAction } from '../actions.js';
import type { Catalog } from '../content/catalog.js';
import type { Deck } from '../content/content.loader.js';
import { CHOICE_LETTERS, choiceIndex, type Question } from '../content/content.schema.js';
import type { Reply } from '../replies.js';
import { showDisplayName } from '../user-text.js';
import type { RevealStats } from './posts.port.js';

/** The choices as `A. text` lines, in the deck's order. */
export const choiceLines = (q: Question): string[] => q.choices.map((c, i) => `${CHOICE_LETTERS[i]}. ${c}`);

export const choiceText = (q: Question, letter: string): string => q.choices[choiceIndex(letter)] ?? '';

/** "/explain scp, /explain iam" for the question's linked terms. */
export function explainHints(catalog: Catalog, deck: Deck, q: Question): string {
  return q.terms
    .map((id) => catalog.deck(deck.meta.id)?.termById.get(id))
    .filter((t) => t !== undefined)
    .map((t) => `/explain ${t.id}`)
    .join(', ');
}

/** The daily question as posted in the channel, with one button per choice. */
export function questionReply(deck: Deck, q: Question, postId: number, windowHours: number): Reply {
  return {
    kind: 'question',
    visibility: 'channel',
    title: `Question of the day · ${deck.topicTitle(q.topic)}`,
    lines: [q.prompt, ...choiceLines(q)],
    buttons: q.choices.map((_, i) => ({
      actionId: answerAction(postId, CHOICE_LETTERS[i] ?? 'A'),
      label: CHOICE_LETTERS[i] ?? 'A',
    })),
    footer: `Answer with a button: only you see whether you were right. The answer is revealed when the next question opens, or within ${windowHours} h.`,
  };
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

function statsLine(stats: RevealStats): string {
  if (stats.answered === 0) return 'Nobody answered this one.';
  const people = `${stats.answered} ${stats.answered === 1 ? 'person' : 'people'} answered, ${percent(stats.correct, stats.answered)}% correctly.`;
  return stats.firstCorrect
    ? `${people} First right: ${showDisplayName(stats.firstCorrect.displayName)}.`
    : people;
}

/** The posted question after it closed: buttons gone, the answer shown. */
export function closedQuestionReply(deck: Deck, q: Question, stats: RevealStats): Reply {
  return {
    kind: 'question',
    visibility: 'channel',
    title: `Question of the day · ${deck.topicTitle(q.topic)} (closed)`,
    lines: [q.prompt, ...choiceLines(q), `Answer: ${q.answer}. ${choiceText(q, q.answer)}`],
    footer: statsLine(stats),
  };
}

/** The reveal, posted under the question: the answer, why, and how the team did. */
export function revealReply(
  catalog: Catalog,
  deck: Deck,
  q: Question,
  stats: RevealStats,
  postId: number,
): Reply {
  const hints = explainHints(catalog, deck, q);
  return {
    kind: 'reveal',
    visibility: 'channel',
    title: `The answer: ${q.answer}. ${choiceText(q, q.answer)}`,
    lines: [q.explanation],
    fields: [
      { label: 'Answered', value: String(stats.answered), short: true },
      { label: 'Correct', value: `${percent(stats.correct, stats.answered)}%`, short: true },
      {
        label: 'First right',
        value: stats.firstCorrect ? showDisplayName(stats.firstCorrect.displayName) : 'nobody',
        short: true,
      },
    ],
    buttons: [reportButton('daily', postId)],
    ...(hints ? { footer: `Learn more: ${hints}` } : {}),
  };
}

/** "I guessed", offered under every verdict: a right guess counts as Hard, a wrong one is no misconception. */
export const guessButton = (source: 'daily' | 'practice', id: number) => ({
  actionId: guessAction(source, id),
  label: 'I guessed',
});
/** "Report" under every verdict and reveal: opens the report form (reason, short text) for the question. */
export const reportButton = (source: 'daily' | 'practice', id: number) => ({
  actionId: reportAction(source, id),
  label: 'Report',
});
/** `3 questions answered in a row (best 5)`: what a streak counts, named as such. */
export const answerStreak = (streak: number, best: number): string =>
  `${streak} question${streak === 1 ? '' : 's'} answered in a row (best ${best})`;

/** What the member sees privately right after answering. */
export function feedbackReply(
  catalog: Catalog,
  deck: Deck,
  q: Question,
  choice: string,
  result: { points: number; streak: number; bestStreak: number; postId: number },
): Reply {
  const correct = choice === q.answer;
  const hints = explainHints(catalog, deck, q);
  return {
    kind: 'feedback',
    visibility: 'only-user',
    title: correct ? `Correct! +${result.points} points` : 'Not quite.',
    lines: [
      correct
        ? `${choice}. ${choiceText(q, choice)} is right.`
        : `You answered ${choice}. ${choiceText(q, choice)}; the answer is ${q.answer}. ${choiceText(q, q.answer)}.`,
      q.explanation,
    ],
    // The title carries the points; the streak counts questions answered in a row, right or wrong.
    fields: [{ label: 'Answer streak', value: answerStreak(result.streak, result.bestStreak), short: true }],
    buttons: [guessButton('daily', result.postId), reportButton('daily', result.postId)],
    ...(hints ? { footer: `Related: ${hints}` } : {}),
  };
}
