/** Readiness storage: first tries, team aggregates, snapshots and exam dates (src/db/readiness.store.ts). */
import type { ObjectiveQuestion } from './memory.port.js';
import type { FirstTries } from './readiness.model.js';

/** A question's share of the exam and its prior, as the team query weighs it. */
export interface WeightedQuestion {
  questionId: string;
  share: number;
  prior: number;
}

/** Sums over the team's cards: per question (cards, Σ recall) and per member (Σ share × (recall − prior)). */
export interface TeamRecall {
  members: number;
  perQuestion: { questionId: string; cards: number; recallSum: number }[];
  perMember: { memberId: number; delta: number }[];
}

export interface Misconception {
  questionId: string;
  choice: string;
  count: number;
}

/** A channel whose team figures are missing or out of date. */
export interface ReadinessScope {
  channelId: number;
  workspaceId: number;
  deckId: string;
}

/** Key of a channel's team snapshot; the store finds stale ones by the same key. */
export const teamSnapshotKey = (channelId: number, deckId: string) => `team:${channelId}:${deckId}`;
/** Key of a workspace's first-try priors for a deck. */
export const priorsSnapshotKey = (workspaceId: number, deckId: string) => `priors:${workspaceId}:${deckId}`;

export interface ReadinessPort {
  /** First tries per question of a deck in a workspace (each member's first review of each question). */
  firstTries(workspaceId: number, deckId: string): Promise<FirstTries[]>;
  getSnapshot(key: string): Promise<{ computedAt: Date; data: unknown } | undefined>;
  putSnapshot(key: string, computedAt: Date, data: unknown): Promise<void>;
  /**
   * The team of a channel (members with a daily answer there since `since`) and its recall at `at`:
   * FSRS retrievability of every card of the deck, summed per question and per member.
   */
  teamRecall(
    channelId: number,
    since: Date,
    deckId: string,
    at: Date,
    questions: readonly WeightedQuestion[],
  ): Promise<TeamRecall>;
  /** Members who answered in the channel since `since`, and how many answers they gave. */
  participation(channelId: number, since: Date): Promise<{ members: number; answers: number }>;
  /** Wrong answers not marked as guesses since `since`, by question and choice, most frequent first. */
  misconceptions(channelId: number, deckId: string, since: Date, limit: number): Promise<Misconception[]>;
  /**
   * Channels whose team snapshot is missing or older than `changedBefore` with answers since, or older than
   * `refreshBefore` with answers in the last 30 days; at most `limit`.
   */
  staleScopes(now: Date, changedBefore: Date, refreshBefore: Date, limit: number): Promise<ReadinessScope[]>;
  /**
   * Stores a deck's question weights under `key` (ObjectiveQuestion without the prior); a key already stored
   * is left as it is, since its rows are fixed by the key's hash.
   */
  putQuestions(key: string, questions: readonly Omit<ObjectiveQuestion, 'prior'>[]): Promise<void>;
  examDate(memberId: number): Promise<string | null>;
  setExamDate(memberId: number, date: string | null): Promise<void>;
}
