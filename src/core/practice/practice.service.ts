import { type Card, createEmptyCard, fsrs, type Grade, Rating } from 'ts-fsrs';
import type { Catalog } from '../content/catalog.js';
import type { Deck } from '../content/content.loader.js';
import { CHOICE_LETTERS, choiceIndex, type Question } from '../content/content.schema.js';
import type { Actor } from '../events.js';
import type { Clock, QuizStore, ReviewRow } from '../ports.js';
import { practiceAction } from '../quiz/actions.js';
import { choiceLines, choiceText, explainHints } from '../quiz/quiz.replies.js';
import { deckFor, shuffledQuestions } from '../quiz/selection.js';
import { errorReply, privateReply, type Reply } from '../replies.js';
import { formatIn, formatLocal } from '../time.js';

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

/** `/quiz`: personal practice by spaced repetition (FSRS): due reviews first, then new questions. */
export function createPracticeService(deps: {
  catalog: Catalog;
  store: QuizStore;
  clock: Clock;
  defaultTimezone: string;
}) {
  const { catalog, store, clock } = deps;

  return {
    async quiz(actor: Actor): Promise<Reply> {
      const { workspace, member } = await store.ensureMember(actor, deps.defaultTimezone);
      const channel = await store.findChannel(workspace.id, actor.channelId);
      const deck = deckFor(catalog, channel?.deckId);
      const now = clock.now();
      for (const review of await store.dueReviews(member.id, deck.meta.id, now, 5)) {
        const q = deck.questionById.get(review.questionId);
        if (!q) continue;
        const prompt = await store.createPracticePrompt(member.id, deck.meta.id, q.id);
        return practiceReply(
          deck,
          q,
          prompt.id,
          `A review: you last saw this ${review.reps === 1 ? 'once' : `${review.reps} times`}.`,
        );
      }
      const seen = await store.reviewedQuestionIds(member.id, deck.meta.id);
      const fresh = shuffledQuestions(deck.questions, `member:${member.id}`).find((q) => !seen.has(q.id));
      if (fresh) {
        const prompt = await store.createPracticePrompt(member.id, deck.meta.id, fresh.id);
        return practiceReply(
          deck,
          fresh,
          prompt.id,
          `A new question (${seen.size + 1} of ${deck.questions.length}).`,
        );
      }
      const next = await store.nextReview(member.id, deck.meta.id);
      return privateReply(
        'info',
        [
          `You are all caught up: you have practised all ${deck.questions.length} questions and none is due.`,
          next
            ? `The next review is due ${formatIn(now, next.due)} (${formatLocal(next.due, workspace.timezone)}).`
            : '',
        ].filter((l) => l !== ''),
      );
    },

    async answer(actor: Actor, promptId: number, choice: string): Promise<Reply> {
      const { workspace, member } = await store.ensureMember(actor, deps.defaultTimezone);
      const prompt = await store.getPracticePrompt(promptId);
      if (!prompt || prompt.memberId !== member.id) {
        return errorReply('That practice question is not yours. Type /quiz for one of your own.');
      }
      const deck = catalog.deck(prompt.deckId);
      const q = deck?.questionById.get(prompt.questionId);
      if (!deck || !q) return errorReply('That question is no longer in the deck. Type /quiz for another.');
      if (choiceIndex(choice) < 0 || choiceIndex(choice) >= q.choices.length) {
        return errorReply(`This question has no choice ${choice}. Nothing was recorded.`);
      }
      const correct = choice === q.answer;
      const at = clock.now();
      const result = await store.answerPractice({
        promptId,
        memberId: member.id,
        choice,
        correct,
        at,
        nextReview: (previous) => nextReviewState(previous, correct, at),
      });
      if (!result) return errorReply('That practice question is not yours. Type /quiz for one of your own.');
      if ('already' in result) {
        return errorReply(
          `You already answered this practice question (${result.already.choice ?? '?'}). Type /quiz for the next one.`,
        );
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
