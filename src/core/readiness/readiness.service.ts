import { DateTime } from 'luxon';
import type { Deck } from '../content/content.loader.js';
import type { CoreDeps } from '../core.deps.js';
import { examInstant } from './exam-day.js';
import { reviewCard } from './memory.model.js';
import { createPersonalReadiness } from './personal-readiness.service.js';
import {
  DEFAULT_TARGET,
  type DeckStructure,
  deckStructure,
  memberReadiness,
  questionPriors,
  type Readiness,
  type RecallCard,
  rollUp,
} from './readiness.model.js';
import {
  type Misconception,
  priorsSnapshotKey,
  type ReadinessScope,
  teamSnapshotKey,
} from './readiness.port.js';

export { daysUntil, examInstant, inDays } from './exam-day.js';
export type { PersonalReadiness } from './personal-readiness.service.js';

export type ReadinessDeps = Pick<CoreDeps, 'catalog' | 'members' | 'memory' | 'readiness' | 'clock' | 'log'>;

const DAY_MS = 86_400_000;
/** The team of a channel: everyone with a daily answer there in this many days. */
export const TEAM_DAYS = 30;
/** A team snapshot with new answers is recomputed when older than this; any snapshot after REFRESH_MS. */
export const CHANGED_MS = 60_000;
export const REFRESH_MS = 6 * 3_600_000;
/** Members whose daily answers the scheduler folds into their cards per tick (every minute). */
const FOLD_BATCH = 2_000;
/** Members folded together, in one transaction (each takes an advisory lock in it). */
const FOLD_MEMBERS = 200;
/** Priors are recomputed at most this often per workspace and deck. */
const PRIORS_MS = 10 * 60_000;

/** What a team snapshot keeps: computed once per refresh, read by /readiness team and adaptive posts. */
export interface TeamSnapshot {
  members: number;
  atTarget: number;
  total: number;
  objectives: Readiness['objectives'];
  /** Team recall per question (0..1), unseen answers at the prior. */
  recall: Record<string, number>;
  /** Members who answered here since Monday 00:00 in the team's zone, and their answers. */
  week: { members: number; answers: number };
  /** Wrong answers not marked as guesses in the last TEAM_DAYS, by question and choice. */
  misconceptions: Misconception[];
}

/** Exam mode leaves out questions answered this recently, so a wrong answer is not asked again at once. */
export const EXAM_MODE_REST_MS = 12 * 3_600_000;

/** Folds a member's answers not yet in their cards; a failure is logged and retried by the scheduler's pass. */
export async function foldReviews(deps: Pick<CoreDeps, 'memory' | 'log'>, memberId: number): Promise<void> {
  try {
    await deps.memory.applyPending(memberId, reviewCard);
  } catch (error) {
    deps.log.warn({ err: error, memberId }, 'folding reviews failed; the scheduler retries');
  }
}

/** Readiness for members and teams, the scheduler's refresh pass, and the recall adaptive posts pick by. */
export function createReadinessService(deps: ReadinessDeps) {
  const { memory, readiness, clock } = deps;

  const fold = (memberId: number) => foldReviews(deps, memberId);
  /** Folds several members at once; a failed batch is folded member by member, so no one holds up the rest. */
  async function foldMany(memberIds: number[]): Promise<void> {
    try {
      await memory.applyPendingOf(memberIds, reviewCard);
    } catch (error) {
      deps.log.warn({ err: error, members: memberIds.length }, 'folding reviews failed; folding one by one');
      for (const memberId of memberIds) await fold(memberId);
    }
  }
  /** A member's readiness today and on their exam day (personal-readiness.service.ts). */
  const personal = createPersonalReadiness({ memory, readiness, clock }, priors);
  /** Priors this process has read or computed, by snapshot key: every /readiness reads them. */
  const priorsCache = new Map<string, { at: number; priors: Map<string, number> }>();

  /**
   * Each question's prior in a workspace, 0..1 by question id: from this process's cache, else the stored
   * snapshot, recomputed when older than PRIORS_MS (so at most PRIORS_MS old in the snapshot, and at most
   * twice that in a replica's cache).
   */
  async function priors(
    workspaceId: number,
    structure: DeckStructure,
    now: Date,
  ): Promise<Map<string, number>> {
    const key = priorsSnapshotKey(workspaceId, structure.deckId);
    const fresh = (at: number) => now.getTime() - at < PRIORS_MS;
    const held = priorsCache.get(key);
    if (held && fresh(held.at)) return held.priors;
    const stored = await readiness.getSnapshot(key);
    let entry: { at: number; priors: Map<string, number> };
    if (stored && fresh(stored.computedAt.getTime())) {
      entry = {
        at: now.getTime(),
        priors: new Map(Object.entries(stored.data as Record<string, number>)),
      };
    } else {
      const computed = questionPriors(structure, await readiness.firstTries(workspaceId, structure.deckId));
      await readiness.putSnapshot(key, now, Object.fromEntries(computed));
      entry = { at: now.getTime(), priors: computed };
    }
    priorsCache.set(key, entry);
    return entry.priors;
  }

  /** The member's cards with every review folded in; a failed fold is logged and the cards read as they are. */
  async function cardsFolded(memberId: number, deckId: string) {
    try {
      return await memory.foldedCards(memberId, deckId, reviewCard);
    } catch (error) {
      deps.log.warn({ err: error, memberId }, 'folding reviews failed; the scheduler retries');
      return memory.cards(memberId, deckId);
    }
  }

  /** A member's recall per question on the exam day, from all their cards (the exam mode of /quiz). */
  async function examItems(memberId: number, workspace: { id: number; timezone: string }, deck: Deck) {
    const now = clock.now();
    const examDate = await readiness.examDate(memberId);
    const examAt = examDate ? examInstant(examDate, workspace.timezone) : undefined;
    if (!examDate || !examAt || examAt <= now) return undefined;
    const structure = deckStructure(deck);
    const [cards, prior] = await Promise.all([
      cardsFolded(memberId, deck.meta.id),
      priors(workspace.id, structure, now),
    ]);
    const byQuestion = new Map<string, RecallCard>(cards.map((c) => [c.questionId, c]));
    return {
      date: examDate,
      cards,
      structure,
      readiness: memberReadiness(structure, byQuestion, prior, examAt),
    };
  }

  /** Recomputes a channel's team figures and stores them as its snapshot. */
  async function refreshTeam(scope: ReadinessScope, deck: Deck, now: Date): Promise<TeamSnapshot> {
    const structure = deckStructure(deck);
    const prior = await priors(scope.workspaceId, structure, now);
    const questions = [...structure.share].map(([questionId, share]) => ({
      questionId,
      share,
      prior: prior.get(questionId) ?? structure.chance,
    }));
    const since = new Date(now.getTime() - TEAM_DAYS * DAY_MS);
    const zone = (await deps.members.getWorkspace(scope.workspaceId))?.timezone ?? 'UTC';
    const weekStart = DateTime.fromJSDate(now, { zone }).startOf('week').toJSDate();
    const [team, week, misconceptions] = await Promise.all([
      readiness.teamRecall(scope.channelId, since, deck.meta.id, now, questions),
      readiness.participation(scope.channelId, weekStart),
      readiness.misconceptions(scope.channelId, deck.meta.id, since, 30),
    ]);
    const sums = new Map(team.perQuestion.map((q) => [q.questionId, q]));
    const n = Math.max(1, team.members);
    const recall: Record<string, number> = {};
    const rolled = rollUp(structure, (q) => {
      const s = sums.get(q);
      const p = prior.get(q) ?? structure.chance;
      const r = ((s?.recallSum ?? 0) + (n - (s?.cards ?? 0)) * p) / n;
      recall[q] = r;
      return { recall: r, seen: (s?.cards ?? 0) > 0 };
    });
    const baseline = questions.reduce((sum, q) => sum + q.share * q.prior, 0);
    const deltas = new Map(team.perMember.map((m) => [m.memberId, m.delta]));
    const above = [...deltas.values()].filter((d) => baseline + d >= DEFAULT_TARGET).length;
    const atTarget = above + (baseline >= DEFAULT_TARGET ? team.members - deltas.size : 0);
    const snapshot: TeamSnapshot = {
      members: team.members,
      atTarget,
      total: rolled.total,
      objectives: rolled.objectives,
      recall,
      week,
      misconceptions,
    };
    await readiness.putSnapshot(teamSnapshotKey(scope.channelId, deck.meta.id), now, snapshot);
    return snapshot;
  }

  /** The channel's team snapshot, computed now when there is none yet or it had no members. */
  async function team(
    scope: ReadinessScope,
    deck: Deck,
  ): Promise<{ snapshot: TeamSnapshot; computedAt: Date }> {
    const stored = await readiness.getSnapshot(teamSnapshotKey(scope.channelId, deck.meta.id));
    // A snapshot of an empty team (asked for before anyone answered) is computed again: the first answer
    // should show at once, not after the scheduler's next pass; an empty team costs nothing to compute.
    if (stored && (stored.data as TeamSnapshot).members > 0)
      return { snapshot: stored.data as TeamSnapshot, computedAt: stored.computedAt };
    const now = clock.now();
    return { snapshot: await refreshTeam(scope, deck, now), computedAt: now };
  }

  return {
    fold,
    personal,
    team,
    refreshTeam,
    priors,

    /**
     * Exam mode of /quiz: with an exam date ahead and predicted readiness on that day below DEFAULT_TARGET,
     * the question with the largest share × (1 − recall on the exam day), leaving out questions answered in
     * the last EXAM_MODE_REST_MS. Undefined when there is no exam date or the target is reached.
     */
    async examPick(memberId: number, workspace: { id: number; timezone: string }, deck: Deck) {
      const exam = await examItems(memberId, workspace, deck);
      if (!exam || exam.readiness.total >= DEFAULT_TARGET) return undefined;
      const rested = clock.now().getTime() - EXAM_MODE_REST_MS;
      const recent = new Set(
        exam.cards.filter((c) => c.lastReview.getTime() > rested).map((c) => c.questionId),
      );
      let best: { questionId: string; recall: number; seen: boolean; score: number } | undefined;
      for (const item of exam.readiness.items) {
        if (recent.has(item.questionId)) continue;
        const score = (exam.structure.share.get(item.questionId) ?? 0) * (1 - item.recall);
        if (!best || score > best.score) best = { ...item, score };
      }
      return best && { ...best, date: exam.date, total: exam.readiness.total };
    },

    /**
     * Team recall per question for adaptive posts: the channel's snapshot, or the priors when the team has
     * none yet. Keyed by question id, 0..1.
     */
    async teamRecallMap(scope: ReadinessScope, deck: Deck): Promise<Map<string, number>> {
      const stored = await readiness.getSnapshot(teamSnapshotKey(scope.channelId, deck.meta.id));
      if (stored) return new Map(Object.entries((stored.data as TeamSnapshot).recall));
      return priors(scope.workspaceId, deckStructure(deck), clock.now());
    },

    /**
     * The scheduler's pass: folds reviews a crash left unapplied, then recomputes the team snapshots that
     * are missing, have new answers (after CHANGED_MS) or are older than REFRESH_MS. Returns how many.
     */
    async refresh(limit = 20): Promise<{ folded: number; teams: number }> {
      const pending = await memory.membersWithPending(FOLD_BATCH);
      for (let i = 0; i < pending.length; i += FOLD_MEMBERS)
        await foldMany(pending.slice(i, i + FOLD_MEMBERS));
      const now = clock.now();
      const scopes = await readiness.staleScopes(
        now,
        new Date(now.getTime() - CHANGED_MS),
        new Date(now.getTime() - REFRESH_MS),
        limit,
      );
      let teams = 0;
      for (const scope of scopes) {
        const deck = deps.catalog.deck(scope.deckId);
        if (!deck) continue;
        await refreshTeam(scope, deck, now);
        teams++;
      }
      return { folded: pending.length, teams };
    },
  };
}

export type ReadinessService = ReturnType<typeof createReadinessService>;
