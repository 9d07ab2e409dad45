import { type Card, createEmptyCard, fsrs, type Grade, Rating } from 'ts-fsrs';
import { practiceAction } from '../actions.js';
import type { Actor } from '../actor.js';
import type { Deck } from '../content/content.loader.js';
import { CHOICE_LETTERS, choiceIndex, choiceRange, type Question } from '../content/content.schema.js';
import type { CoreDeps } from '../core.deps.js';
import { choiceLines, choiceText, explainHints } from '../quiz/quiz.replies.js';
import { shuffledQuestions } from '../quiz/selection.js';
import { refusal } from '../refusals.js';
import { privateReply, type Reply } from '../replies.js';
import { formatIn, formatLocal } from '../time.js';
import type { ReviewRow } from './practice.port.js';

/**
 * Day-level intervals (no minute-long learning steps, which make no sense in a chat) and no fuzz, so a
 * review's next date is predictable and testable.
 */
const scheduler = fsrs({ enable_short_term: false, enable_fuzz: false });

/** An answer is rated by correctness only: right → Good, wrong → Again. */
const gradeFor = (correct: boolean): Grade => (correct ? Rating.Good : Rating.Again);

/** The next review state after answering, from the stored FSRS card (or a new one). */
export function nextReviewState(
  previous: ReviewRow | undefined,
  correct: boolean,
  at: Date,
): Omit<ReviewRow, 'deckId' | 'questionId'> {
  const card: Card = previous ? reviveCard(previous.card) : createEmptyCard(at);
  const { card: next } = scheduler.next(card, at, gradeFor(correct));
  return { card: next, due: next.due, reps: next.reps, lapses: next.lapses };
}

function reviveCard(stored: unknown): Card {
  const c = stored as Card & { due: string | Date; last_review?: string | Date };
  return { ...c, due: new Date(c.due), ...(c.last_review ? { last_review: new Date(c.last_review) } : {}) };
}

function practiceReply(deck: Deck, q: Question, promptId: number, note: string): Reply {
  return privateReply('practice', [q.prompt, ...choiceLines(q)], {
    title: `Practice · ${deck.topicTitle(q.topic)}`,
    buttons: q.choices.map((_, i) => ({
      actionId: practiceAction(promptId, CHOICE_LETTERS[i] ?? 'A'),
      label: CHOICE_LETTERS[i] ?? 'A',
    })),
    footer: `${note} Practice never changes the leaderboard.`,
  });
}

export type PracticeDeps = Pick<
  CoreDeps,
  'catalog' | 'members' | 'channels' | 'practice' | 'clock' | 'settings'
>;

/** `/quiz`: personal practice by spaced repetition (FSRS): due reviews first, then new questions. */
export function createPracticeService(deps: PracticeDeps) {
  const { catalog, members, channels, practice, clock, settings } = deps;

  return {
    /** A practice question from the channel's deck, or from `focus` (a deck id or a topic id) when given. */
    async quiz(actor: Actor, focus?: { deck: Deck; topic?: string }): Promise<Reply> {
      const { workspace, member } = await members.ensureMember(actor, settings.defaultTimezone);
      const channel = focus ? undefined : await channels.findChannel(workspace.id, actor.channelId);
      const deck = focus?.deck ?? catalog.deckFor(channel?.deckId);
      const inFocus = (q: Question) => focus?.topic === undefined || q.topic === focus.topic;
      const questions = deck.questions.filter(inFocus);
      const now = clock.now();
      for (const review of await practice.dueReviews(member.id, deck.meta.id, now, focus?.topic ? 200 : 5)) {
        const q = deck.questionById.get(review.questionId);
        if (!q || !inFocus(q)) continue;
        const prompt = await practice.createPracticePrompt(member.id, deck.meta.id, q.id);
        return practiceReply(
          deck,
          q,
          prompt.id,
          `A review: you last saw this ${review.reps === 1 ? 'once' : `${review.reps} times`}.`,
        );
      }
      const seen = await practice.reviewedQuestionIds(member.id, deck.meta.id);
      const fresh = shuffledQuestions(questions, `member:${member.id}`).find((q) => !seen.has(q.id));
      if (fresh) {
        const prompt = await practice.createPracticePrompt(member.id, deck.meta.id, fresh.id);
        return practiceReply(
          deck,
          fresh,
          prompt.id,
          `A new question (${questions.filter((q) => seen.has(q.id)).length + 1} of ${questions.length}${focus?.topic ? ` in ${deck.topicTitle(focus.topic)}` : ''}).`,
        );
      }
      const next = await practice.nextReview(member.id, deck.meta.id);
      return privateReply(
        'info',
        [
          `You are all caught up: you have practised all ${questions.length} questions${focus?.topic ? ` of ${deck.topicTitle(focus.topic)}` : ''} and none is due.`,
          next
            ? `The next review is due ${formatIn(now, next.due)} (${formatLocal(next.due, workspace.timezone)}).`
            : '',
        ].filter((l) => l !== ''),
      );
    },

    async answer(actor: Actor, promptId: number, choice: string): Promise<Reply> {
      const { workspace, member } = await members.ensureMember(actor, settings.defaultTimezone);
      const prompt = await practice.getPracticePrompt(promptId);
      if (!prompt || prompt.memberId !== member.id) return refusal('PRACTICE_NOT_YOURS');
      const deck = catalog.deck(prompt.deckId);
      const q = deck?.questionById.get(prompt.questionId);
      if (!deck || !q) return refusal('PRACTICE_QUESTION_GONE');
      if (choiceIndex(choice) < 0 || choiceIndex(choice) >= q.choices.length) {
        return refusal('CHOICE_INVALID', { letters: choiceRange(q.choices.length) });
      }
      const correct = choice === q.answer;
      const at = clock.now();
      const result = await practice.answerPractice({
        promptId,
        memberId: member.id,
        choice,
        correct,
        at,
        nextReview: (previous) => nextReviewState(previous, correct, at),
      });
      if (!result) return refusal('PRACTICE_NOT_YOURS');
      if ('already' in result) {
        return refusal('PRACTICE_ALREADY_ANSWERED', { choice: result.already.choice ?? '?' });
      }
      const hints = explainHints(catalog, deck, q);
      return privateReply(
        'feedback',
        [
          correct
            ? `${choice}. ${choiceText(q, choice)} is right.`
            : `You answered ${choice}; the answer is ${q.answer}. ${choiceText(q, q.answer)}.`,
          q.explanation,
          `It comes back ${formatIn(at, result.review.due)} (${formatLocal(result.review.due, workspace.timezone)}). Type /quiz for another.`,
        ],
        {
          title: correct ? 'Correct!' : 'Not quite.',
          ...(hints ? { footer: `Related: ${hints}` } : {}),
        },
      );
    },
  };
}

export type PracticeService = ReturnType<typeof createPracticeService>;
