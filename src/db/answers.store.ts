import { fillPlaceholders, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { AnswerInput, AnswerResult, AnswersPort } from '../core/quiz/answers.port.js';
import { BASE_POINTS, STREAK_BONUS_CAP, STREAK_BONUS_PER_POST } from '../core/scores/scoring.js';
import type { Database } from './client.js';

interface AnswerRow {
  /** 1 when the delivery was remembered now (or none was given), 0 for a redelivery. */
  fresh: number;
  open: number;
  inserted: number;
  points: number | null;
  streak: number | null;
  best: number | null;
  existing: string | null;
}

/**
 * Recording an answer is ONE statement: PostgreSQL runs a statement atomically, so the answer, the
 * member's streak and every board's totals are written together or not at all, without BEGIN/COMMIT.
 * That is one round trip per click (the throughput goal needs it) and it never touches postgres.js's
 * `sql.begin`, whose BEGIN can land on an unreserved connection under load (porsager/postgres #823, #1189).
 *
 * - `d` remembers the click's delivery (as src/db/deliveries.store.ts does): a delivery already accepted
 *   inserts nothing, so `p` finds no post and nothing below is written (`redelivered`).
 * - `p` locks the post FOR SHARE only while it is open: closing it (an UPDATE) waits for answers in
 *   flight, and an answer that arrives after the close finds no open post.
 * - `m` locks the member FOR SHARE: an opt-out (UPDATE members, then member_scores) waits for it, and it
 *   reads the opt-out as committed, so new board rows get the right `hidden`.
 * - `prev` locks the member's streak in the channel FOR UPDATE and reads its latest committed value.
 * - `rl` logs the answer as an FSRS review (folded into the member's card right after, src/db/memory.store.ts).
 * - `ins` inserts the answer; the primary key (post, member) turns a second answer into no row at all,
 *   and the streak and totals below are written only from rows `ins` returned.
 */
/** The answer's values as named placeholders, filled per answer by `answerQuery`. */
const input = {
  postId: sql.placeholder('postId'),
  memberId: sql.placeholder('memberId'),
  correct: sql.placeholder('correct'),
  topic: sql.placeholder('topic'),
  choice: sql.placeholder('choice'),
  deckId: sql.placeholder('deckId'),
  questionId: sql.placeholder('questionId'),
  rating: sql.placeholder('rating'),
  /** The click's delivery (platform, id, expiry as ISO text), or all null: no delivery to remember. */
  deliveryPlatform: sql.placeholder('deliveryPlatform'),
  deliveryId: sql.placeholder('deliveryId'),
  deliveryExpires: sql.placeholder('deliveryExpires'),
};

// Raw SQL gets no column mapping, so the instant travels as ISO text with an explicit cast.
const at = sql`${sql.placeholder('at')}::timestamptz`;

/** The `d` CTE: the click's delivery remembered (src/db/deliveries.store.ts's rule), or nothing without one. */
const rememberDelivery = sql`d as (
      insert into deliveries (platform, delivery_id, expires_at)
      select ${input.deliveryPlatform}::text, ${input.deliveryId}::text, ${input.deliveryExpires}::timestamptz
      where ${input.deliveryId}::text is not null
      on conflict (platform, delivery_id) do update set expires_at = excluded.expires_at
        where deliveries.expires_at <= ${at}
      returning 1
    )`;

function answerStatement(boardCount: number): SQL {
  const boardValues = sql.join(
    [sql`('all')`, ...Array.from({ length: boardCount }, (_, i) => sql`(${sql.placeholder(`board${i}`)})`)],
    sql`, `,
  );
  return sql`
    with ${rememberDelivery},
    p as (
      select id, workspace_id, channel_id, seq from posts
      where id = ${input.postId} and status = 'open' and seq is not null
        and (closes_at is null or closes_at > ${at})
        and (${input.deliveryId}::text is null or exists (select 1 from d))
      for share
    ),
    m as (select id, leaderboard_opt_out from members where id = ${input.memberId} for share),
    prev as (
      select s.last_seq, s.current, s.best from streaks s join p on s.channel_id = p.channel_id
      where s.member_id = ${input.memberId}
      for update of s
    ),
    calc as (
      select p.id as post_id, p.workspace_id, p.channel_id, p.seq,
        case when prev.last_seq = p.seq - 1 then prev.current + 1
             when prev.last_seq >= p.seq then prev.current
             else 1 end as streak,
        coalesce(prev.best, 0) as prev_best
      from p left join prev on true
    ),
    pts as (
      select calc.*, greatest(calc.prev_best, calc.streak) as best,
        case when ${input.correct}::boolean
          then ${BASE_POINTS} + least(greatest(calc.streak - 1, 0) * ${STREAK_BONUS_PER_POST}, ${STREAK_BONUS_CAP})
          else 0 end as points
      from calc
    ),
    ins as (
      insert into answers (post_id, member_id, workspace_id, channel_id, topic, choice, correct, points, answered_at)
      select post_id, ${input.memberId}, workspace_id, channel_id, ${input.topic}, ${input.choice}, ${input.correct}, points, ${at}
      from pts
      on conflict do nothing
      returning post_id, points
    ),
    st as (
      insert into streaks (member_id, channel_id, last_seq, current, best, last_answered_at)
      select ${input.memberId}, pts.channel_id, pts.seq, pts.streak, pts.best, ${at} from pts join ins on true
      on conflict (member_id, channel_id) do update set
        last_seq = greatest(streaks.last_seq, excluded.last_seq),
        current = excluded.current,
        best = greatest(streaks.best, excluded.best),
        last_answered_at = excluded.last_answered_at
      returning current, best
    ),
    rl as (
      insert into review_log (member_id, workspace_id, channel_id, deck_id, question_id, source, source_id, choice, correct, rating, reviewed_at)
      select ${input.memberId}, pts.workspace_id, pts.channel_id, ${input.deckId}, ${input.questionId}, 'daily', pts.post_id,
        ${input.choice}, ${input.correct}, ${input.rating}, ${at}
      from pts join ins on true
      returning 1
    ),
    sc as (
      insert into member_scores (workspace_id, board, member_id, points, correct, answered, reached_at, hidden)
      select pts.workspace_id, b.board, ${input.memberId}, ins.points, case when ${input.correct}::boolean then 1 else 0 end, 1,
        ${at}, m.leaderboard_opt_out
      from pts join ins on true cross join m
      cross join (values ${boardValues}, ('channel:' || (select channel_id from p))) as b(board)
      on conflict (workspace_id, board, member_id) do update set
        points = member_scores.points + excluded.points,
        correct = member_scores.correct + excluded.correct,
        answered = member_scores.answered + 1,
        -- Ties go to whoever reached the score first, so only a gain moves this.
        reached_at = case when excluded.points > 0 then excluded.reached_at else member_scores.reached_at end
      returning 1
    )
    select
      case when ${input.deliveryId}::text is null then 1 else (select count(*)::int from d) end as fresh,
      (select count(*)::int from p) as open,
      (select count(*)::int from ins) as inserted,
      (select count(*)::int from rl) as logged,
      (select points from ins) as points,
      (select current from st) as streak,
      (select best from st) as best,
      (select choice from answers where post_id = ${input.postId} and member_id = ${input.memberId}) as existing`;
}

const dialect = new PgDialect();
/** The statement's text per number of period boards (two: week and month), each built once. */
const built = new Map<number, ReturnType<PgDialect['sqlToQuery']>>();
const queryFor = (boardCount: number) => {
  let query = built.get(boardCount);
  if (!query) {
    query = dialect.sqlToQuery(answerStatement(boardCount));
    built.set(boardCount, query);
  }
  return query;
};

/**
 * The answer statement's text for a week and a month board (the bot's case), built once: drizzle's SQL
 * tree is not rebuilt and re-serialised per click. `npm run bench`'s reference server runs this same text.
 */
export const ANSWER_QUERY = queryFor(2);

/** The text and parameters of the answer statement for one answer (`periodBoards`: src/core/scores/periods.ts). */
export function answerQuery(input: AnswerInput): { sql: string; params: unknown[] } {
  const query = queryFor(input.periodBoards.length);
  const values: Record<string, unknown> = {
    postId: input.postId,
    memberId: input.memberId,
    correct: input.correct,
    topic: input.topic,
    choice: input.choice,
    deckId: input.deckId,
    questionId: input.questionId,
    rating: input.rating,
    at: input.at.toISOString(),
    deliveryPlatform: input.delivery?.platform ?? null,
    deliveryId: input.delivery?.id ?? null,
    deliveryExpires: input.delivery?.expiresAt.toISOString() ?? null,
  };
  input.periodBoards.forEach((board, i) => {
    values[`board${i}`] = board;
  });
  return { sql: query.sql, params: fillPlaceholders(query.params, values) };
}

/** Answers to the daily question, each recorded by `ANSWER_QUERY` in one round trip. */
export function createAnswersStore(database: Database): AnswersPort {
  return {
    async recordAnswer(input: AnswerInput): Promise<AnswerResult> {
      const query = answerQuery(input);
      const [row] = await database.queryText<AnswerRow>(query.sql, query.params);
      if (row?.fresh === 0) return { kind: 'redelivered' };
      if (!row || row.open === 0) return { kind: 'closed' };
      if (row.inserted === 0) {
        // The first answer may have committed after this statement's snapshot; read it now.
        const existing =
          row.existing ??
          (
            await database.query<{ choice: string }>(
              sql`select choice from answers where post_id = ${input.postId} and member_id = ${input.memberId}`,
            )
          )[0]?.choice;
        return { kind: 'duplicate', choice: existing ?? '?' };
      }
      const streak = Number(row.streak ?? 1);
      return {
        kind: 'recorded',
        points: Number(row.points ?? 0),
        streak,
        bestStreak: Number(row.best ?? streak),
      };
    },
  };
}
