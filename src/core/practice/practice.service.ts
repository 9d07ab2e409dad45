import { practiceAction } from '../actions.js';
import type { Actor } from '../actor.js';
import type { Deck } from '../content/content.loader.js';
import { CHOICE_LETTERS, choiceIndex, choiceRange, type Question } from '../content/content.schema.js';
import { questionVersion } from '../content/question-version.js';
import type { CoreDeps } from '../core.deps.js';
import { choiceLines, choiceText, explainHints, guessButton, reportButton } from '../quiz/quiz.replies.js';
import { shuffledQuestions } from '../quiz/selection.js';
import { DESIRED_RETENTION, ratingFor, retrievability, reviewCard } from '../readiness/memory.model.js';
import type { MemoryCard } from '../readiness/memory.port.js';
import { foldReviews, type ReadinessService } from '../readiness/readiness.service.js';
import { refusal } from '../refusals.js';
import { privateReply, type Reply } from '../replies.js';
import { formatIn, formatLocal } from '../time.js';

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

/**
 * A right answer to a question the member still remembered (FSRS retrievability ≥ 90% at this moment, e.g.
 * answered again the same day) teaches FSRS almost nothing: its stability grows with e^(w10·(1 − R)) − 1,
 * about 0 when R is near 1. Says so, so /readiness's unchanged figure does not look like a fault.
 */
function freshNote(correct: boolean, before: MemoryCard | undefined, at: Date): string[] {
  if (!correct || !before) return [];
  const recall = retrievability(before.stability, before.lastReview, at);
  if (recall < DESIRED_RETENTION) return [];
  const since = formatIn(before.lastReview, at);
  const ago = since === 'now' ? 'moments ago' : `${since.replace(/^in /, '')} ago`;
  return [
    `You answered this ${ago}, while your predicted recall was still ${Math.round(100 * recall)}%: a review that early teaches the memory model little, so your figures in /readiness barely move. They grow when you answer again after it has had time to fade.`,
  ];
}

export type PracticeDeps = Pick<
  CoreDeps,
  'catalog' | 'members' | 'channels' | 'practice' | 'memory' | 'log' | 'clock' | 'settings'
>;

/**
 * `/quiz`: personal practice by spaced repetition (FSRS). With an exam date ahead and readiness below the
 * target, the question most likely forgotten by the exam day (weighted by its objective) comes first; then
 * due reviews, then new questions.
 */
export function createPracticeService(deps: PracticeDeps, readiness: ReadinessService) {
  /** A member's card of one question with every review folded in; undefined without one or on a failure. */
  async function cardOf(
    memberId: number,
    deckId: string,
    questionId: string,
  ): Promise<MemoryCard | undefined> {
    try {
      const cards = await deps.memory.foldedCards(memberId, deckId, reviewCard);
      return cards.find((c) => c.questionId === questionId);
    } catch (error) {
      deps.log.warn({ err: error, memberId }, 'reading a card before a practice answer failed');
      return undefined;
    }
  }

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
      // A topic the member names wins over exam mode, which ranks the whole deck.
      const exam = focus?.topic ? undefined : await readiness.examPick(member.id, workspace, deck);
      const examQuestion = exam && deck.questionById.get(exam.questionId);
      if (exam && examQuestion) {
        const prompt = await practice.createPracticePrompt(
          member.id,
          deck.meta.id,
          examQuestion.id,
          questionVersion(examQuestion),
        );
        return practiceReply(
          deck,
          examQuestion,
          prompt.id,
          `Exam mode (readiness on ${exam.date}: ${Math.round(100 * exam.total)}%, target 80%): ${
            exam.seen
              ? `on that day you would recall this one with about ${Math.round(100 * exam.recall)}% probability.`
              : `a question you have not seen, counted at the team's first-try rate (${Math.round(100 * exam.recall)}%).`
          }`,
        );
      }
      for (const review of await practice.dueReviews(member.id, deck.meta.id, now, focus?.topic ? 200 : 5)) {
        const q = deck.questionById.get(review.questionId);
        if (!q || q.retired || !inFocus(q)) continue;
        const prompt = await practice.createPracticePrompt(member.id, deck.meta.id, q.id, questionVersion(q));
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
        const prompt = await practice.createPracticePrompt(
          member.id,
          deck.meta.id,
          fresh.id,
          questionVersion(fresh),
        );
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

    /** A named question as practice now (the "Practise" buttons of /readiness). */
    async drill(actor: Actor, deckId: string, questionId: string): Promise<Reply> {
      const { member } = await members.ensureMember(actor, settings.defaultTimezone);
      const deck = catalog.deck(deckId);
      const q = deck?.questionById.get(questionId);
      if (!deck || !q || q.retired) return refusal('PRACTICE_QUESTION_GONE');
      const prompt = await practice.createPracticePrompt(member.id, deck.meta.id, q.id, questionVersion(q));
      return practiceReply(deck, q, prompt.id, 'One of your weakest items, from /readiness.');
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
      // A right answer's card as it was, to say when the answer came too soon to teach FSRS much.
      const before = correct ? await cardOf(member.id, deck.meta.id, q.id) : undefined;
      const result = await practice.answerPractice({
        promptId,
        memberId: member.id,
        workspaceId: workspace.id,
        choice,
        correct,
        rating: ratingFor(correct),
        at,
      });
      if (!result) return refusal('PRACTICE_NOT_YOURS');
      if ('already' in result) {
        return refusal('PRACTICE_ALREADY_ANSWERED', { choice: result.already.choice ?? '?' });
      }
      await foldReviews(deps, member.id);
      const card = (await deps.memory.cards(member.id, deck.meta.id)).find((c) => c.questionId === q.id);
      const hints = explainHints(catalog, deck, q);
      return privateReply(
        'feedback',
        [
          correct
            ? `${choice}. ${choiceText(q, choice)} is right.`
            : `You answered ${choice}; the answer is ${q.answer}. ${choiceText(q, q.answer)}.`,
          q.explanation,
          ...freshNote(correct, before, at),
          card
            ? `It comes back ${formatIn(at, card.due)} (${formatLocal(card.due, workspace.timezone)}). Type /quiz for another.`
            : 'Type /quiz for another.',
        ],
        {
          title: correct ? 'Correct!' : 'Not quite.',
          buttons: [guessButton('practice', promptId), reportButton('practice', promptId)],
          ...(hints ? { footer: `Related: ${hints}` } : {}),
        },
      );
    },
  };
}

export type PracticeService = ReturnType<typeof createPracticeService>;
