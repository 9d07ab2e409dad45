/**
 * A member's readiness (`/readiness`, the App Home): summed by the memory store over every question of the
 * deck in one statement, with the deck's question weights stored once per process and the priors from the
 * readiness service's cache. The formulas are readiness.model.ts's; docs/readiness.md explains the numbers.
 */
import { createHash } from 'node:crypto';
import type { Deck } from '../content/content.loader.js';
import type { CoreDeps } from '../core.deps.js';
import { examInstant } from './exam-day.js';
import { reviewCard } from './memory.model.js';
import { type DeckStructure, deckStructure, type Readiness } from './readiness.model.js';
import { priorsSnapshotKey } from './readiness.port.js';

const DAY_MS = 86_400_000;

/** What /readiness and the App Home show of one member (docs/readiness.md explains each number). */
export interface PersonalReadiness {
  /** The member's cards in the deck: 0 means no history, an empty state rather than zeros. */
  cards: number;
  today: Omit<Readiness, 'items'>;
  /** With an exam date ahead: that day and the expected share right on it if they stop practising. */
  exam: { date: string; at: Date; total: number } | undefined;
  /** Up to three seen questions with the lowest recall a day from now, lowest first. */
  weakest: { questionId: string; recall: number }[];
  /** The mean prior of the questions not seen yet (what they count at). */
  unseenPrior: number;
}

/** The priors of a workspace's deck (0..1 by question id), kept fresh in the database by the caller. */
export type PriorsSource = (workspaceId: number, structure: DeckStructure, now: Date) => Promise<unknown>;

/** Personal readiness over the memory and readiness ports; `priors` makes the priors snapshot fresh. */
export function createPersonalReadiness(
  deps: Pick<CoreDeps, 'memory' | 'readiness' | 'clock'>,
  priors: PriorsSource,
) {
  const { memory, readiness, clock } = deps;
  /** Each deck structure's key, its weights stored once per process (a failed store is tried again). */
  const keys = new WeakMap<DeckStructure, Promise<string>>();

  /** Stores the deck's question weights (objective index, share) under the deck id and their hash. */
  async function storeQuestions(structure: DeckStructure): Promise<string> {
    const questions = structure.objectives.flatMap((o, objective) =>
      o.questionIds.map((questionId) => ({
        questionId,
        objective,
        share: structure.share.get(questionId) ?? 0,
      })),
    );
    const hash = createHash('sha256').update(JSON.stringify(questions)).digest('hex');
    const key = `${structure.deckId}:${hash.slice(0, 16)}`;
    await readiness.putQuestions(key, questions);
    return key;
  }

  function questionsKey(structure: DeckStructure): Promise<string> {
    let key = keys.get(structure);
    if (!key) {
      key = storeQuestions(structure);
      keys.set(structure, key);
      key.catch(() => keys.delete(structure));
    }
    return key;
  }

  /**
   * A member's readiness today and, with an exam date ahead, on the exam day, with their three weakest items
   * (lowest recall a day from now): summed by the memory store over every question of the deck, one round
   * trip once the priors and the deck's weights are known to this process.
   */
  async function personal(
    memberId: number,
    workspace: { id: number; timezone: string },
    deck: Deck,
  ): Promise<PersonalReadiness> {
    const now = clock.now();
    const structure = deckStructure(deck);
    const key = await questionsKey(structure);
    // The priors snapshot is fresh in the database whenever this process's copy is (see priors()).
    await priors(workspace.id, structure, now);
    const sums = await memory.recallSums(
      memberId,
      deck.meta.id,
      reviewCard,
      {
        questionsKey: key,
        priorsKey: priorsSnapshotKey(workspace.id, deck.meta.id),
        chance: structure.chance,
      },
      { now, ahead: new Date(now.getTime() + DAY_MS), zone: workspace.timezone },
    );
    const per = new Map(sums.perObjective.map((o) => [o.objective, o]));
    const objectives = structure.objectives.map((o, index) => ({
      id: o.id,
      title: o.title,
      weight: o.weight,
      questions: o.questionIds.length,
      seen: per.get(index)?.seen ?? 0,
      recall: (per.get(index)?.recallSum ?? 0) / o.questionIds.length,
    }));
    const today = {
      objectives,
      total: sums.total,
      seen: objectives.reduce((n, o) => n + o.seen, 0),
      questions: objectives.reduce((n, o) => n + o.questions, 0),
    };
    return {
      cards: sums.cards,
      today,
      exam: sums.examDate
        ? { date: sums.examDate, at: examInstant(sums.examDate, workspace.timezone), total: sums.examTotal }
        : undefined,
      weakest: sums.weakest,
      unseenPrior: sums.unseenPriorSum / Math.max(1, sums.unseen),
    };
  }

  return personal;
}
