/**
 * The figures of a weekly recap, from the channel's week of answers and its team readiness. Every number a
 * user sees is explained in docs/recap.md.
 */
import type { Deck } from '../content/content.loader.js';
import type { TeamSnapshot } from '../readiness/readiness.service.js';
import { showDisplayName } from '../user-text.js';
import type { AnswerTally, RecapPort } from './recap.port.js';

/** A recap covers the 7 days before it is posted. */
export const WEEK_MS = 7 * 86_400_000;
/** "Last week" is the latest recap posted at least this long before (6 days: a recap moved a day still counts). */
export const LAST_WEEK_MIN_MS = 6 * 86_400_000;
/** …and at most this long before: an older recap is not "last week". */
export const LAST_WEEK_MAX_MS = 13 * 86_400_000;

export interface ObjectiveFigure {
  id: string;
  title: string;
  /** Team readiness on this objective now, 0..1. */
  thisWeek: number;
  /** As the previous recap showed it, 0..1; null without a recap last week. */
  lastWeek: number | null;
}

export interface HardestQuestion {
  questionId: string;
  prompt: string;
  answers: number;
  correct: number;
  /** correct ÷ answers, 0..1. */
  share: number;
  /** The wrong choice picked most often (ties: the earlier letter); absent when nobody was wrong. */
  wrong?: { letter: string; text: string; count: number };
}

/** What a recap shows, stored with it so next week's recap can compare. */
export interface RecapFigures {
  from: string;
  until: string;
  deckId: string;
  participation: { members: number; answers: number };
  top: { name: string; points: number; correct: number; answers: number }[];
  streaks: { name: string; current: number }[];
  readiness: {
    total: number;
    lastTotal: number | null;
    /** Team members (daily answer in the last 30 days) the readiness is over. */
    members: number;
    objectives: ObjectiveFigure[];
  };
  hardest?: HardestQuestion;
  term?: { id: string; term: string };
}

/** The figures a previous recap stored: readiness total and per objective id, if it has them. */
function lastReadiness(data: unknown): { total: number; byId: Map<string, number> } | undefined {
  const r = (data as Partial<RecapFigures> | null)?.readiness;
  if (!r || typeof r.total !== 'number' || !Array.isArray(r.objectives)) return undefined;
  return { total: r.total, byId: new Map(r.objectives.map((o) => [o.id, o.thisWeek])) };
}

/**
 * The week's hardest question: the lowest share of correct answers among the posts of the week (ties: more
 * answers, then the earlier post), with its most chosen wrong answer. Undefined when nobody answered.
 */
export function hardestQuestion(tallies: readonly AnswerTally[], deck: Deck): HardestQuestion | undefined {
  const posts = new Map<number, AnswerTally[]>();
  for (const t of tallies) posts.set(t.postId, [...(posts.get(t.postId) ?? []), t]);
  let best: { postId: number; tallies: AnswerTally[]; answers: number; share: number } | undefined;
  for (const [postId, list] of posts) {
    if (list[0]?.deckId !== deck.meta.id) continue;
    const answers = list.reduce((n, t) => n + t.count, 0);
    const share = list.reduce((n, t) => n + (t.correct ? t.count : 0), 0) / answers;
    const better =
      !best ||
      share < best.share ||
      (share === best.share &&
        (answers > best.answers || (answers === best.answers && postId < best.postId)));
    if (better) best = { postId, tallies: list, answers, share };
  }
  const question = best && deck.questionById.get(best.tallies[0]?.questionId ?? '');
  if (!best || !question) return undefined;
  const wrong = best.tallies
    .filter((t) => !t.correct)
    .sort((a, b) => b.count - a.count || a.choice.localeCompare(b.choice))[0];
  const index = wrong ? wrong.choice.charCodeAt(0) - 65 : -1;
  return {
    questionId: question.id,
    prompt: question.prompt,
    answers: best.answers,
    correct: Math.round(best.share * best.answers),
    share: best.share,
    ...(wrong
      ? { wrong: { letter: wrong.choice, text: question.choices[index] ?? '', count: wrong.count } }
      : {}),
  };
}

/** One term to look up: the first term of the hardest question, else of the week's first question asked. */
function termToExplain(deck: Deck, questionId: string | undefined): RecapFigures['term'] {
  const question = questionId ? deck.questionById.get(questionId) : undefined;
  const term = question?.terms.map((id) => deck.termById.get(id)).find((t) => t !== undefined);
  return term ? { id: term.id, term: term.term } : undefined;
}

/** Computes a channel's recap figures for the 7 days before `now`, from the stores and its team snapshot. */
export async function recapFigures(input: {
  recaps: RecapPort;
  channel: { id: number; postSeq: number };
  deck: Deck;
  team: TeamSnapshot;
  now: Date;
}): Promise<RecapFigures> {
  const { recaps, channel, deck, team, now } = input;
  const since = new Date(now.getTime() - WEEK_MS);
  const [participation, top, streaks, tallies, previous] = await Promise.all([
    recaps.participation(channel.id, since, now),
    recaps.topScorers(channel.id, since, now, 3),
    // A streak is alive while it reaches the latest post or the one before (today's may still be open).
    recaps.streakLeaders(channel.id, Math.max(1, channel.postSeq - 1), 3),
    recaps.answerTallies(channel.id, since, now),
    recaps.previousRecap(channel.id, new Date(now.getTime() - LAST_WEEK_MIN_MS)),
  ]);
  const last =
    previous && now.getTime() - previous.postedAt.getTime() <= LAST_WEEK_MAX_MS
      ? lastReadiness(previous.data)
      : undefined;
  const hardest = hardestQuestion(tallies, deck);
  const term = termToExplain(deck, hardest?.questionId ?? tallies[0]?.questionId);
  return {
    from: since.toISOString(),
    until: now.toISOString(),
    deckId: deck.meta.id,
    participation,
    top: top.map((s) => ({
      name: showDisplayName(s.displayName),
      points: s.points,
      correct: s.correct,
      answers: s.answers,
    })),
    streaks: streaks.map((s) => ({ name: showDisplayName(s.displayName), current: s.current })),
    readiness: {
      total: team.total,
      lastTotal: last?.total ?? null,
      members: team.members,
      objectives: team.objectives.map((o) => ({
        id: o.id,
        title: o.title,
        thisWeek: o.recall,
        lastWeek: last?.byId.get(o.id) ?? null,
      })),
    },
    ...(hardest ? { hardest } : {}),
    ...(term ? { term } : {}),
  };
}
