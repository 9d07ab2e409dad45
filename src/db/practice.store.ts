import { and, asc, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type {
  PracticeAnswerInput,
  PracticeAnswerResult,
  PracticePort,
  PracticePromptRow,
  ReviewRow,
} from '../core/practice/practice.port.js';
import type { Database } from './client.js';
import { practicePrompts, reviewLog, reviews } from './schema.js';

const toReview = (r: typeof reviews.$inferSelect): ReviewRow => ({
  deckId: r.deckId,
  questionId: r.questionId,
  card: r.card,
  due: r.due,
  reps: r.reps,
  lapses: r.lapses,
});

const toPrompt = (r: typeof practicePrompts.$inferSelect): PracticePromptRow => ({
  id: r.id,
  memberId: r.memberId,
  deckId: r.deckId,
  questionId: r.questionId,
  questionVersion: r.questionVersion,
  answeredAt: r.answeredAt,
  choice: r.choice,
});

/** Personal practice: spaced-repetition review state and the practice questions shown by /quiz. */
export function createPracticeStore(database: Database): PracticePort {
  const { db } = database;
  return {
    async dueReviews(memberId: number, deckId: string, now: Date, limit: number): Promise<ReviewRow[]> {
      const rows = await db
        .select()
        .from(reviews)
        .where(and(eq(reviews.memberId, memberId), eq(reviews.deckId, deckId), lte(reviews.due, now)))
        .orderBy(asc(reviews.due), asc(reviews.questionId))
        .limit(limit);
      return rows.map(toReview);
    },
    async reviewedQuestionIds(memberId: number, deckId: string): Promise<Set<string>> {
      const rows = await db
        .select({ questionId: reviews.questionId })
        .from(reviews)
        .where(and(eq(reviews.memberId, memberId), eq(reviews.deckId, deckId)));
      return new Set(rows.map((r) => r.questionId));
    },
    async nextReview(memberId: number, deckId: string): Promise<ReviewRow | undefined> {
      const [row] = await db
        .select()
        .from(reviews)
        .where(and(eq(reviews.memberId, memberId), eq(reviews.deckId, deckId)))
        .orderBy(asc(reviews.due))
        .limit(1);
      return row ? toReview(row) : undefined;
    },
    async createPracticePrompt(
      memberId: number,
      deckId: string,
      questionId: string,
      questionVersion: string,
    ): Promise<PracticePromptRow> {
      const [row] = await db
        .insert(practicePrompts)
        .values({ memberId, deckId, questionId, questionVersion })
        .returning();
      if (!row) throw new Error('practice prompt insert returned nothing');
      return toPrompt(row);
    },
    async getPracticePrompt(promptId: number): Promise<PracticePromptRow | undefined> {
      const [row] = await db.select().from(practicePrompts).where(eq(practicePrompts.id, promptId));
      return row ? toPrompt(row) : undefined;
    },
    async practiceSummary(memberId: number, now: Date) {
      const [answers] = await db
        .select({
          answered: sql<number>`count(*)::int`,
          correct: sql<number>`count(*) filter (where ${practicePrompts.correct})::int`,
        })
        .from(practicePrompts)
        .where(and(eq(practicePrompts.memberId, memberId), isNotNull(practicePrompts.answeredAt)));
      const [due] = await db
        .select({ due: sql<number>`count(*)::int` })
        .from(reviews)
        .where(and(eq(reviews.memberId, memberId), lte(reviews.due, now)));
      return { answered: answers?.answered ?? 0, correct: answers?.correct ?? 0, due: due?.due ?? 0 };
    },
    async pendingPrompt(memberId: number): Promise<PracticePromptRow | undefined> {
      const [row] = await db
        .select()
        .from(practicePrompts)
        .where(eq(practicePrompts.memberId, memberId))
        .orderBy(desc(practicePrompts.createdAt), desc(practicePrompts.id))
        .limit(1);
      return row && row.answeredAt === null ? toPrompt(row) : undefined;
    },
    async answerPractice(input: PracticeAnswerInput): Promise<PracticeAnswerResult> {
      return database.transaction(async (tx) => {
        const [prompt] = await tx
          .update(practicePrompts)
          .set({ answeredAt: input.at, choice: input.choice, correct: input.correct })
          .where(
            and(
              eq(practicePrompts.id, input.promptId),
              eq(practicePrompts.memberId, input.memberId),
              isNull(practicePrompts.answeredAt),
            ),
          )
          .returning();
        if (!prompt) {
          const [row] = await tx
            .select()
            .from(practicePrompts)
            .where(and(eq(practicePrompts.id, input.promptId), eq(practicePrompts.memberId, input.memberId)));
          return row ? { already: toPrompt(row) } : undefined;
        }
        await tx.insert(reviewLog).values({
          memberId: input.memberId,
          workspaceId: input.workspaceId,
          channelId: null,
          deckId: prompt.deckId,
          questionId: prompt.questionId,
          source: 'practice',
          sourceId: prompt.id,
          choice: input.choice,
          correct: input.correct,
          rating: input.rating,
          reviewedAt: input.at,
        });
        return { prompt: toPrompt(prompt) };
      });
    },
  };
}
