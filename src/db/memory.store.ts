import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { CardStep } from '../core/readiness/memory.model.js';
import type { GuessResult, MemoryCard, MemoryPort, ReviewSource } from '../core/readiness/memory.port.js';
import type { Database, Db } from './client.js';
import { readRecallSums } from './recall-sums.query.js';
import { reviewLog, reviews } from './schema.js';

/** Advisory lock space of card folds: (FOLD_LOCK, member id) serialises every fold of one member. */
const FOLD_LOCK = 7_331;
/** Rows per statement when a fold writes back (well under PostgreSQL's 65,535 parameters). */
const FOLD_CHUNK = 1_000;

const cardKey = (memberId: number, deckId: string, questionId: string) =>
  `${memberId}\u0000${deckId}\u0000${questionId}`;

/** A log row a fold applied: its key, the days since the card's previous review, and the card before. */
interface AppliedRow {
  memberId: number;
  source: string;
  sourceId: number;
  elapsedDays: number | null;
  before: unknown;
}

/** A card a fold changed: its new state, the instant of its last review and its first answer's outcome. */
interface TouchedCard {
  memberId: number;
  deckId: string;
  questionId: string;
  at: Date;
  next: ReturnType<CardStep>;
  firstCorrect: boolean | null;
}

/** Folds a member's unapplied review-log rows into their cards, oldest first. */
export const fold = (tx: Db, memberId: number, step: CardStep): Promise<number> =>
  foldMembers(tx, [memberId], step);

/**
 * Folds the unapplied review-log rows of several members into their cards, each member's oldest first, in
 * a fixed number of statements whatever the number of members (locks, log rows, cards, write-back). Takes
 * each member's fold lock in id order, so overlapping folds wait for each other and cannot deadlock.
 */
export async function foldMembers(tx: Db, memberIds: readonly number[], step: CardStep): Promise<number> {
  const ids = [...new Set(memberIds)].sort((a, b) => a - b);
  if (ids.length === 0) return 0;
  const idList = sql.join(
    ids.map((id) => sql`${id}::int`),
    sql`, `,
  );
  await tx.execute(
    sql`select pg_advisory_xact_lock(${FOLD_LOCK}, id) from (select unnest(array[${idList}]) as id) l`,
  );
  const pending = await tx
    .select()
    .from(reviewLog)
    .where(and(inArray(reviewLog.memberId, ids), eq(reviewLog.applied, false)))
    .orderBy(
      asc(reviewLog.memberId),
      asc(reviewLog.reviewedAt),
      asc(reviewLog.source),
      asc(reviewLog.sourceId),
    );
  if (pending.length === 0) return 0;
  const current = new Map<string, unknown>();
  // The cards these reviews touch (a superset: the members' cards of the same questions, in any deck).
  const questionIds = [...new Set(pending.map((p) => p.questionId))];
  const rows = await tx
    .select({
      memberId: reviews.memberId,
      deckId: reviews.deckId,
      questionId: reviews.questionId,
      card: reviews.card,
    })
    .from(reviews)
    .where(and(inArray(reviews.memberId, ids), inArray(reviews.questionId, questionIds)));
  for (const r of rows) current.set(cardKey(r.memberId, r.deckId, r.questionId), r.card);
  const touched = new Map<string, TouchedCard>();
  const applied: AppliedRow[] = [];
  for (const row of pending) {
    const key = cardKey(row.memberId, row.deckId, row.questionId);
    const before = current.get(key);
    const next = step(before, row.rating, row.reviewedAt);
    current.set(key, next.card);
    // A card made in this fold remembers its first answer (the priors' first tries); an older card keeps its own.
    const firstCorrect = before === undefined ? row.correct : (touched.get(key)?.firstCorrect ?? null);
    touched.set(key, {
      memberId: row.memberId,
      deckId: row.deckId,
      questionId: row.questionId,
      at: row.reviewedAt,
      next,
      firstCorrect,
    });
    applied.push({
      memberId: row.memberId,
      source: row.source,
      sourceId: row.sourceId,
      elapsedDays: next.elapsedDays,
      before,
    });
  }
  await writeBack(tx, applied, touched.values());
  return pending.length;
}

/** The review log and the FSRS cards folded from it. */
export function createMemoryStore(database: Database): MemoryPort {
  const { db } = database;

  /**
   * The member's cards in one deck and whether any of their reviews is unapplied, in one statement and one
   * row: the cards as a JSON array of [question, stability, reps, last review ms, due ms]. Readiness reads
   * up to a deck's worth of cards per request; one JSON value parses far faster than hundreds of rows of
   * typed columns (and the card JSON and timestamps are not read at all; docs/performance.md).
   */
  async function readCards(memberId: number, deckId: string) {
    const [row] = await database.query<{ p: boolean; c: [string, number, number, number, number][] }>(sql`
      select exists (select 1 from review_log where member_id = ${memberId} and not applied) as p,
        coalesce((select json_agg(json_build_array(question_id, stability, reps,
            extract(epoch from coalesce(last_reviewed_at, due)) * 1000, extract(epoch from due) * 1000))
          from reviews where member_id = ${memberId} and deck_id = ${deckId}), '[]'::json) as c`);
    const cards: MemoryCard[] = (row?.c ?? []).map(([questionId, stability, reps, last, due]) => ({
      deckId,
      questionId,
      stability: Number(stability),
      lastReview: new Date(Number(last)),
      due: new Date(Number(due)),
      reps: Number(reps),
    }));
    return { pending: row?.p === true, cards };
  }

  return {
    async applyPending(memberId, step) {
      // Most reads find nothing to fold: one indexed probe (the partial index on unapplied rows), no transaction.
      const [any] = await db
        .select({ one: sql`1` })
        .from(reviewLog)
        .where(and(eq(reviewLog.memberId, memberId), eq(reviewLog.applied, false)))
        .limit(1);
      if (!any) return 0;
      return database.transaction((tx) => fold(tx, memberId, step));
    },

    applyPendingOf: (memberIds, step) =>
      memberIds.length === 0
        ? Promise.resolve(0)
        : database.transaction((tx) => foldMembers(tx, memberIds, step)),

    async membersWithPending(limit) {
      const rows = await db
        .selectDistinct({ memberId: reviewLog.memberId })
        .from(reviewLog)
        .where(eq(reviewLog.applied, false))
        .limit(limit);
      return rows.map((r) => r.memberId);
    },

    cards: (memberId, deckId) => readCards(memberId, deckId).then((r) => r.cards),

    async foldedCards(memberId, deckId, step) {
      const read = await readCards(memberId, deckId);
      if (!read.pending) return read.cards;
      await database.transaction((tx) => fold(tx, memberId, step));
      return (await readCards(memberId, deckId)).cards;
    },

    async recallSums(memberId, deckId, step, weights, at) {
      const read = await readRecallSums(database, memberId, deckId, weights, at);
      if (!read.pending) return read.sums;
      await database.transaction((tx) => fold(tx, memberId, step));
      return (await readRecallSums(database, memberId, deckId, weights, at)).sums;
    },

    markGuess(
      source: ReviewSource,
      sourceId: number,
      memberId: number,
      rating: number,
    ): Promise<GuessResult> {
      return database.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${FOLD_LOCK}, ${memberId})`);
        const [row] = await tx
          .select()
          .from(reviewLog)
          .where(
            and(
              eq(reviewLog.source, source),
              eq(reviewLog.sourceId, sourceId),
              eq(reviewLog.memberId, memberId),
            ),
          );
        if (!row) return { kind: 'missing' };
        if (row.guessed) return { kind: 'already', correct: row.correct };
        await tx
          .update(reviewLog)
          .set({ guessed: true, rating: row.correct ? rating : row.rating })
          .where(
            and(
              eq(reviewLog.memberId, memberId),
              eq(reviewLog.source, source),
              eq(reviewLog.sourceId, sourceId),
            ),
          );
        if (row.correct) {
          // The card is rebuilt from its whole history with the new rating at the next fold.
          const sameCard = and(
            eq(reviewLog.memberId, memberId),
            eq(reviewLog.deckId, row.deckId),
            eq(reviewLog.questionId, row.questionId),
          );
          await tx.update(reviewLog).set({ applied: false }).where(sameCard);
          await tx
            .delete(reviews)
            .where(
              and(
                eq(reviews.memberId, memberId),
                eq(reviews.deckId, row.deckId),
                eq(reviews.questionId, row.questionId),
              ),
            );
        }
        return { kind: 'marked', correct: row.correct, deckId: row.deckId, questionId: row.questionId };
      });
    },
  };
}

/** Writes a fold back: its log rows marked applied (with elapsed days and the card before), its cards upserted. */
async function writeBack(
  tx: Db,
  applied: readonly AppliedRow[],
  touched: Iterable<TouchedCard>,
): Promise<void> {
  for (let i = 0; i < applied.length; i += FOLD_CHUNK) {
    const rows = applied
      .slice(i, i + FOLD_CHUNK)
      .map(
        (a) =>
          sql`(${a.memberId}::int, ${a.source}, ${a.sourceId}::int, ${a.elapsedDays}::float8, ${
            a.before === undefined ? null : JSON.stringify(a.before)
          }::jsonb)`,
      );
    await tx.execute(sql`
      update review_log l set applied = true, elapsed_days = v.e, card_before = v.c
      from (values ${sql.join(rows, sql`, `)}) v(m, s, i, e, c)
      where l.member_id = v.m and l.source = v.s and l.source_id = v.i`);
  }
  const cards = [...touched].map(({ memberId, deckId, questionId, at, next, firstCorrect }) => ({
    memberId,
    deckId,
    questionId,
    card: next.card,
    due: next.due,
    reps: next.reps,
    lapses: next.lapses,
    stability: next.stability,
    lastReviewedAt: at,
    firstCorrect,
  }));
  for (let i = 0; i < cards.length; i += FOLD_CHUNK) {
    await tx
      .insert(reviews)
      .values(cards.slice(i, i + FOLD_CHUNK))
      .onConflictDoUpdate({
        target: [reviews.memberId, reviews.deckId, reviews.questionId],
        set: {
          card: sql`excluded.card`,
          due: sql`excluded.due`,
          reps: sql`excluded.reps`,
          lapses: sql`excluded.lapses`,
          stability: sql`excluded.stability`,
          lastReviewedAt: sql`excluded.last_reviewed_at`,
        },
      });
  }
}
