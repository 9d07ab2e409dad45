/**
 * Readiness: the expected share of an exam's questions a member (or a team) would get right, per exam
 * objective, from the FSRS cards (src/core/readiness/memory.model.ts). Every formula a user sees is
 * explained in docs/readiness.md.
 */
import type { Deck } from '../content/content.loader.js';
import { deckObjectives, questionObjective } from '../content/exam.blueprint.js';
import { retrievability } from './memory.model.js';
import type { ObjectiveQuestion, RecallSums } from './memory.port.js';

/** Pseudo-answers at chance level that every deck's first-try rate starts from (additive smoothing). */
export const CHANCE_WEIGHT = 10;
/** Pseudo-answers at the deck's rate that every question's first-try rate starts from. */
export const DECK_WEIGHT = 3;
/** Readiness a member must reach to count as "at target" (and /quiz's exam mode aims for). */
export const DEFAULT_TARGET = 0.8;

/** A deck's objectives with their questions: built once per deck. */
export interface DeckStructure {
  deckId: string;
  objectives: { id: string; title: string; weight: number; questionIds: string[] }[];
  /** Each question's share of the whole exam: objective weight ÷ Σ weights ÷ questions in the objective. */
  share: Map<string, number>;
  objectiveOf: Map<string, string>;
  /** 1 ÷ number of choices, averaged over the deck: the rate of pure guessing. */
  chance: number;
}

const structures = new WeakMap<Deck, DeckStructure>();

/** The deck's objectives (its exam blueprint, or its topics as equal objectives) and each question's share. */
export function deckStructure(deck: Deck): DeckStructure {
  const cached = structures.get(deck);
  if (cached) return cached;
  const objectives = deckObjectives(deck.meta).map((o) => ({
    id: o.id,
    title: o.title,
    weight: o.weight,
    questionIds: [] as string[],
  }));
  const byId = new Map(objectives.map((o) => [o.id, o]));
  const objectiveOf = new Map<string, string>();
  for (const q of deck.questions) {
    const id = questionObjective(deck.meta, q);
    byId.get(id)?.questionIds.push(q.id);
    objectiveOf.set(q.id, id);
  }
  const used = objectives.filter((o) => o.questionIds.length > 0);
  const total = used.reduce((sum, o) => sum + o.weight, 0) || 1;
  const share = new Map<string, number>();
  for (const o of used) for (const q of o.questionIds) share.set(q, o.weight / total / o.questionIds.length);
  const chance =
    deck.questions.reduce((sum, q) => sum + 1 / Math.max(1, q.choices.length), 0) /
    Math.max(1, deck.questions.length);
  const structure = { deckId: deck.meta.id, objectives: used, share, objectiveOf, chance };
  structures.set(deck, structure);
  return structure;
}

/** First tries of each question in a workspace: how many members answered it once, and how many were right. */
export interface FirstTries {
  questionId: string;
  tries: number;
  right: number;
}

/**
 * The prior of each question: the recall we assume for a question someone has not answered yet, from the
 * team's first tries. Deck rate = (right + CHANCE_WEIGHT·chance) ÷ (tries + CHANCE_WEIGHT); question rate =
 * (its right + DECK_WEIGHT·deck rate) ÷ (its tries + DECK_WEIGHT). With no answers at all, it is chance.
 */
export function questionPriors(
  structure: DeckStructure,
  firstTries: readonly FirstTries[],
): Map<string, number> {
  const tries = firstTries.reduce((s, f) => s + f.tries, 0);
  const right = firstTries.reduce((s, f) => s + f.right, 0);
  const deckRate = (right + CHANCE_WEIGHT * structure.chance) / (tries + CHANCE_WEIGHT);
  const own = new Map(firstTries.map((f) => [f.questionId, f]));
  const priors = new Map<string, number>();
  for (const q of structure.share.keys()) {
    const f = own.get(q);
    priors.set(q, ((f?.right ?? 0) + DECK_WEIGHT * deckRate) / ((f?.tries ?? 0) + DECK_WEIGHT));
  }
  return priors;
}

export interface ObjectiveReadiness {
  id: string;
  title: string;
  weight: number;
  questions: number;
  /** Questions seen (at least one answer). */
  seen: number;
  /** Mean predicted recall over the objective's questions, unseen ones at their prior (0..1). */
  recall: number;
}

export interface QuestionRecall {
  questionId: string;
  recall: number;
  seen: boolean;
}

export interface Readiness {
  objectives: ObjectiveReadiness[];
  /** Σ over objectives of weight × recall ÷ Σ weights: the expected share of exam questions right. */
  total: number;
  seen: number;
  questions: number;
  items: QuestionRecall[];
}

/** A card as readiness needs it: stability in days and the last review. */
export interface RecallCard {
  stability: number;
  lastReview: Date;
}

/** Per-question recall (FSRS retrievability at `at`, or the prior when unseen) rolled up per objective. */
export function memberReadiness(
  structure: DeckStructure,
  cards: ReadonlyMap<string, RecallCard>,
  priors: ReadonlyMap<string, number>,
  at: Date,
): Readiness {
  return rollUp(structure, (q) => {
    const card = cards.get(q);
    return card
      ? { recall: retrievability(card.stability, card.lastReview, at), seen: true }
      : { recall: priors.get(q) ?? structure.chance, seen: false };
  });
}

/** Rolls per-question recall up into objectives and the weighted total. */
export function rollUp(
  structure: DeckStructure,
  recallOf: (questionId: string) => { recall: number; seen: boolean },
): Readiness {
  const items: QuestionRecall[] = [];
  let total = 0;
  const objectives = structure.objectives.map((o) => {
    let sum = 0;
    let seen = 0;
    for (const q of o.questionIds) {
      const r = recallOf(q);
      items.push({ questionId: q, recall: r.recall, seen: r.seen });
      sum += r.recall;
      if (r.seen) seen++;
      total += r.recall * (structure.share.get(q) ?? 0);
    }
    return {
      id: o.id,
      title: o.title,
      weight: o.weight,
      questions: o.questionIds.length,
      seen,
      recall: sum / o.questionIds.length,
    };
  });
  const seen = objectives.reduce((s, o) => s + o.seen, 0);
  return { objectives, total, seen, questions: items.length, items };
}

/** How many weakest items /readiness names. */
export const WEAKEST_COUNT = 3;

/**
 * The recall sums of one member from their cards at `now`, `exam` (the exam instant, or now) and `ahead`,
 * by the formulas above: the reference that the memory
 * store's single SQL statement (src/db/memory.store.ts) computes in the database, and that the ports
 * contract compares it with. `cards` by question id; retrievability as memory.model.ts defines it.
 */
export function sumRecall(
  cards: ReadonlyMap<string, RecallCard>,
  questions: readonly ObjectiveQuestion[],
  at: { now: Date; exam: Date; ahead: Date },
): Omit<RecallSums, 'cards' | 'examDate'> {
  const per = new Map<number, RecallSums['perObjective'][number]>();
  const sums = { total: 0, examTotal: 0, unseen: 0, unseenPriorSum: 0 };
  const ranked: { questionId: string; recall: number }[] = [];
  for (const q of questions) {
    const o = per.get(q.objective) ?? { objective: q.objective, seen: 0, recallSum: 0, examRecallSum: 0 };
    per.set(q.objective, o);
    const card = cards.get(q.questionId);
    const now = card ? retrievability(card.stability, card.lastReview, at.now) : q.prior;
    const exam = card ? retrievability(card.stability, card.lastReview, at.exam) : q.prior;
    if (card) {
      o.seen++;
      ranked.push({
        questionId: q.questionId,
        recall: retrievability(card.stability, card.lastReview, at.ahead),
      });
    } else {
      sums.unseen++;
      sums.unseenPriorSum += q.prior;
    }
    o.recallSum += now;
    o.examRecallSum += exam;
    sums.total += q.share * now;
    sums.examTotal += q.share * exam;
  }
  const weakest = ranked
    .sort(
      (a, b) =>
        a.recall - b.recall || (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0),
    )
    .slice(0, WEAKEST_COUNT);
  return { perObjective: [...per.values()], ...sums, weakest };
}
