import { and, asc, eq, sql } from 'drizzle-orm';
import type { CardStep } from '../core/readiness/memory.model.js';
import type { GuessResult, MemoryCard, MemoryPort, ReviewSource } from '../core/readiness/memory.port.js';
import type { Database, Db } from './client.js';
import { reviewLog, reviews } from './schema.js';

/** Advisory lock space of card folds: (FOLD_LOCK, member id) serialises every fold of one member. */
const FOLD_LOCK = 7_331;

const cardKey = (deckId: string, questionId: string) => `${deckId}\u0000${questionId}`;

/** Folds a member's unapplied review-log rows into their cards, oldest first. */
export async function fold(tx: Db, memberId: number, step: CardStep): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${FOLD_LOCK}, ${memberId})`);
  const pending = await tx
    .select()
    .from(reviewLog)
    .where(and(eq(reviewLog.memberId, memberId), eq(reviewLog.applied, false)))
    .orderBy(asc(reviewLog.reviewedAt), asc(reviewLog.id));
  if (pending.length === 0) return 0;
  const current = new Map<string, unknown>();
  for (const deckId of new Set(pending.map((p) => p.deckId))) {
    const questionIds = [...new Set(pending.filter((p) => p.deckId === deckId).map((p) => p.questionId))];
    const rows = await tx
      .select({ questionId: reviews.questionId, card: reviews.card })
      .from(reviews)
      .where(
        and(
          eq(reviews.memberId, memberId),
          eq(reviews.deckId, deckId),
          sql`${reviews.questionId} in (${sql.join(
            questionIds.map((q) => sql`${q}`),
            sql`, `,
          )})`,
        ),
      );
    for (const r of rows) current.set(cardKey(deckId, r.questionId), r.card);
  }
  const touched = new Map<
    string,
    { deckId: string; questionId: string; at: Date; next: ReturnType<CardStep>; firstCorrect: boolean | null }
  >();
  for (const row of pending) {
    const key = cardKey(row.deckId, row.questionId);
    const before = current.get(key);
    const next = step(before, row.rating, row.reviewedAt);
    current.set(key, next.card);
    // A card made in this fold remembers its first answer (the priors' first tries); an older card keeps its own.
    const firstCorrect = before === undefined ? row.correct : (touched.get(key)?.firstCorrect ?? null);
    touched.set(key, {
      deckId: row.deckId,
      questionId: row.questionId,
      at: row.reviewedAt,
      next,
      firstCorrect,
    });
    await tx
      .update(reviewLog)
      .set({ applied: true, elapsedDays: next.elapsedDays, cardBefore: before ?? null })
      .where(eq(reviewLog.id, row.id));
  }
  for (const { deckId, questionId, at, next, firstCorrect } of touched.values()) {
    const values = {
      card: next.card,
      due: next.due,
      reps: next.reps,
      lapses: next.lapses,
      stability: next.stability,
      lastReviewedAt: at,
    };
    await tx
      .insert(reviews)
      .values({ memberId, deckId, questionId, ...values, firstCorrect })
      .onConflictDoUpdate({ target: [reviews.memberId, reviews.deckId, reviews.questionId], set: values });
  }
  return pending.length;
}

/** The review log and the FSRS cards folded from it. */
export function createMemoryStore(database: Database): MemoryPort {
  const { db } = database;
  return {
    async applyPending(memberId, step) {
      // Most reads find nothing to fold: one indexed probe (the partial index on unapplied rows), no transaction.
      const [any] = await db
        .select({ id: reviewLog.id })
        .from(reviewLog)
        .where(and(eq(reviewLog.memberId, memberId), eq(reviewLog.applied, false)))
        .limit(1);
      if (!any) return 0;
      return database.transaction((tx) => fold(tx, memberId, step));
    },

    async membersWithPending(limit) {
      const rows = await db
        .selectDistinct({ memberId: reviewLog.memberId })
        .from(reviewLog)
        .where(eq(reviewLog.applied, false))
        .limit(limit);
      return rows.map((r) => r.memberId);
    },

    async cards(memberId, deckId): Promise<MemoryCard[]> {
      // Not the card JSON, and instants as epoch milliseconds: readiness reads up to a deck's worth of rows
      // per request, and parsing timestamps and JSON was most of its time (docs/performance.md).
      const rows = await database.query<{ q: string; s: number; l: number; d: number; r: number }>(sql`
        select question_id as q, stability as s, reps as r,
          (extract(epoch from coalesce(last_reviewed_at, due)) * 1000)::float8 as l,
          (extract(epoch from due) * 1000)::float8 as d
        from reviews where member_id = ${memberId} and deck_id = ${deckId}`);
      return rows.map((r) => ({
        deckId,
        questionId: r.q,
        stability: Number(r.s),
        lastReview: new Date(Number(r.l)),
        due: new Date(Number(r.d)),
        reps: Number(r.r),
      }));
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
          .where(eq(reviewLog.id, row.id));
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
