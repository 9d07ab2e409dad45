import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  Leaderboard,
  LeaderboardRow,
  MemberTotals,
  ScoresPort,
  StreakRow,
  TopicStat,
} from '../core/scores/scores.port.js';
import type { Database } from './client.js';
import { answers, channels, memberScores, posts, streaks } from './schema.js';

interface BoardRow {
  kind: 'top' | 'me';
  rank: number | null;
  member_id: number;
  display_name: string;
  points: number;
  correct: number;
  answered: number;
  ahead: number | null;
}

/** Leaderboards and personal stats: reads over the running totals kept by the answer statement. */
export function createScoresStore(database: Database): ScoresPort {
  const { db } = database;

  return {
    /**
     * The top `limit` of a board and, when the caller is further down, the caller's rank: one prepared
     * statement. The top is the first entries of the partial rank index (visible rows in rank order); the
     * caller's rank counts the visible entries ahead of them. Ranking order: points, then correct answers,
     * then whoever reached the score first, then member id, so equal scores rank the same way every time.
     */
    async leaderboard(
      workspaceId: number,
      board: string,
      memberId: number,
      limit: number,
    ): Promise<Leaderboard> {
      const rows = await database.query<BoardRow>(sql`
        with top as (
          select member_id, points, correct, answered,
            row_number() over (order by points desc, correct desc, reached_at asc, member_id asc)::int as rank
          from (
            select member_id, points, correct, answered, reached_at from member_scores
            where workspace_id = ${workspaceId} and board = ${board} and not hidden
            order by points desc, correct desc, reached_at asc, member_id asc
            limit ${limit}
          ) t
        ),
        me as (
          select member_id, points, correct, answered, reached_at from member_scores
          where workspace_id = ${workspaceId} and board = ${board} and member_id = ${memberId} and not hidden
            and not exists (select 1 from top where top.member_id = ${memberId})
        )
        select 'top' as kind, top.rank, top.member_id, m.display_name, top.points, top.correct, top.answered, null::int as ahead
        from top join members m on m.id = top.member_id
        union all
        select 'me', null, me.member_id, m.display_name, me.points, me.correct, me.answered,
          (select count(*)::int from member_scores s
           where s.workspace_id = ${workspaceId} and s.board = ${board} and not s.hidden
             -- a range on the index's first sort key, so only entries at or above the caller are read
             and s.points >= me.points
             and (s.points > me.points
               or (s.points = me.points and s.correct > me.correct)
               or (s.points = me.points and s.correct = me.correct and s.reached_at < me.reached_at)
               or (s.points = me.points and s.correct = me.correct and s.reached_at = me.reached_at and s.member_id < me.member_id)))
        from me join members m on m.id = me.member_id`);
      const toRow = (r: BoardRow, rank: number): LeaderboardRow => ({
        rank,
        memberId: Number(r.member_id),
        displayName: r.display_name,
        points: Number(r.points),
        correct: Number(r.correct),
        answered: Number(r.answered),
      });
      const top = rows
        .filter((r) => r.kind === 'top')
        .map((r) => toRow(r, Number(r.rank)))
        .sort((x, y) => x.rank - y.rank);
      const mine = rows.find((r) => r.kind === 'me');
      const me = mine ? toRow(mine, Number(mine.ahead ?? 0) + 1) : undefined;
      return { top, me, total: Math.max(me?.rank ?? 0, top.length) };
    },

    async memberTotals(workspaceId: number, memberId: number, board = 'all'): Promise<MemberTotals> {
      const [row] = await db
        .select({
          points: memberScores.points,
          correct: memberScores.correct,
          answered: memberScores.answered,
        })
        .from(memberScores)
        .where(
          and(
            eq(memberScores.workspaceId, workspaceId),
            eq(memberScores.board, board),
            eq(memberScores.memberId, memberId),
          ),
        );
      return row ?? { points: 0, correct: 0, answered: 0 };
    },

    async streaks(memberId: number): Promise<StreakRow[]> {
      return db
        .select({
          channelId: streaks.channelId,
          lastSeq: streaks.lastSeq,
          current: streaks.current,
          best: streaks.best,
        })
        .from(streaks)
        .where(eq(streaks.memberId, memberId));
    },

    async channelSeqs(channelIds: number[]): Promise<Map<number, { seq: number; open: boolean }>> {
      if (channelIds.length === 0) return new Map();
      const rows = await db
        .select({ id: channels.id, postSeq: channels.postSeq, status: posts.status })
        .from(channels)
        .leftJoin(posts, and(eq(posts.channelId, channels.id), eq(posts.seq, channels.postSeq)))
        .where(inArray(channels.id, channelIds));
      return new Map(rows.map((r) => [r.id, { seq: r.postSeq, open: r.status === 'open' }]));
    },

    async topicStats(memberId: number): Promise<TopicStat[]> {
      const rows = await db
        .select({
          topic: answers.topic,
          answered: sql<number>`count(*)::int`,
          correct: sql<number>`(count(*) filter (where ${answers.correct}))::int`,
        })
        .from(answers)
        .where(eq(answers.memberId, memberId))
        .groupBy(answers.topic)
        .orderBy(asc(answers.topic));
      return rows.map((r) => ({ topic: r.topic, answered: Number(r.answered), correct: Number(r.correct) }));
    },

    async wrongQuestionIds(
      memberId: number,
      topic: string,
    ): Promise<{ deckId: string; questionId: string }[]> {
      return db
        .select({ deckId: posts.deckId, questionId: posts.questionId })
        .from(answers)
        .innerJoin(posts, eq(posts.id, answers.postId))
        .where(and(eq(answers.memberId, memberId), eq(answers.topic, topic), eq(answers.correct, false)))
        .orderBy(desc(answers.answeredAt))
        .limit(20);
    },
  };
}
