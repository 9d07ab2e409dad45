/**
 * Personal readiness in one statement: a member's recall over a deck's questions, summed in the database,
 * so /readiness reads a few dozen numbers instead of every card (docs/performance.md, "Readiness").
 * The formulas are readiness.model.ts's `sumRecall`; the ports contract checks the two agree.
 */
import { type SQL, sql } from 'drizzle-orm';
import { CURVE } from '../core/readiness/memory.model.js';
import type { RecallInstants, RecallSums, RecallWeights } from '../core/readiness/memory.port.js';
import { WEAKEST_COUNT } from '../core/readiness/readiness.model.js';
import type { Database } from './client.js';

/**
 * FSRS retrievability of the card `c` at `at` (memory.model.ts's `retrievability`), in SQL. Instants are
 * epoch seconds as float8 (date_part), so the arithmetic stays in floating point rather than numeric.
 */
const recallAt = (at: SQL): SQL => sql`case when c.stability > 0 then power(
    1 + ${CURVE.factor}::float8 * greatest(0, (${at} - c.l) / 86400) / c.stability, ${CURVE.decay}::float8)
    else 0 end`;

const seconds = (at: Date): SQL => sql`${at.getTime() / 1000}::float8`;

interface SumsRow {
  /** Whether any review of the member is not yet folded into their cards. */
  p: boolean;
  s: {
    x: string | null;
    cards: number;
    o: { o: number; n: number; a: number; b: number }[] | null;
    t: number | null;
    e: number | null;
    u: number;
    up: number | null;
    w: { i: string; r: number }[] | null;
  };
}

/**
 * The member's recall sums (see RecallSums) and whether a fold is pending, in one round trip returning one
 * JSON value. Without a pending fold the sums are final; with one, the caller folds and asks again.
 */
export async function readRecallSums(
  database: Database,
  memberId: number,
  deckId: string,
  weights: RecallWeights,
  at: RecallInstants,
): Promise<{ pending: boolean; sums: RecallSums }> {
  // The exam instant: 09:00 on the member's exam date in the workspace's zone (readiness.service's
  // examInstant), counted only when it is after now; otherwise the "exam" sums are taken now.
  const [row] = await database.query<SumsRow>(sql`
    with e as (
      select exam_date::text as d, date_part('epoch', (exam_date::date + time '09:00') at time zone ${at.zone}) as t
      from members where id = ${memberId} and exam_date is not null
        and (exam_date::date + time '09:00') at time zone ${at.zone} > ${at.now.toISOString()}::timestamptz
    ),
    pr as (
      -- Expanded once: a lookup per question would read the whole (toasted) snapshot again each time.
      select j.key as i, j.value::float8 as p
      from readiness_snapshots ps, jsonb_each_text(ps.data) j where ps.key = ${weights.priorsKey}
    ),
    q as (
      select w.question_id as i, w.objective as o, w.share as s, coalesce(pr.p, ${weights.chance}::float8) as p
      from readiness_questions w left join pr on pr.i = w.question_id
      where w.structure_key = ${weights.questionsKey}
    ),
    c as (
      select question_id, stability, date_part('epoch', coalesce(last_reviewed_at, due)) as l from reviews
      where member_id = ${memberId} and deck_id = ${deckId}
    ),
    x as (
      select q.i, q.o, q.s, q.p, c.question_id is not null as seen,
        case when c.question_id is null then q.p else ${recallAt(seconds(at.now))} end as rn,
        case when c.question_id is null then q.p
          else ${recallAt(sql`coalesce((select t from e), ${seconds(at.now)})`)} end as re,
        case when c.question_id is null then null else ${recallAt(seconds(at.ahead))} end as ra
      from q left join c on c.question_id = q.i
    )
    select exists (select 1 from review_log where member_id = ${memberId} and not applied) as p,
      json_build_object(
        'x', (select d from e),
        'cards', (select count(*) from c),
        'o', (select json_agg(json_build_object('o', o, 'n', n, 'a', a, 'b', b)) from (
          select o, count(*) filter (where seen) as n, sum(rn) as a, sum(re) as b from x group by o) g),
        't', (select sum(s * rn) from x),
        'e', (select sum(s * re) from x),
        'u', (select count(*) filter (where not seen) from x),
        'up', (select sum(p) filter (where not seen) from x),
        'w', (select json_agg(json_build_object('i', i, 'r', ra)) from (
          select i, ra from x where seen order by ra, i collate "C" limit ${WEAKEST_COUNT}) w)
      ) as s`);
  const s = row?.s;
  return {
    pending: row?.p === true,
    sums: {
      cards: Number(s?.cards ?? 0),
      examDate: s?.x ?? null,
      perObjective: (s?.o ?? []).map((g) => ({
        objective: Number(g.o),
        seen: Number(g.n),
        recallSum: Number(g.a),
        examRecallSum: Number(g.b),
      })),
      total: Number(s?.t ?? 0),
      examTotal: Number(s?.e ?? 0),
      unseen: Number(s?.u ?? 0),
      unseenPriorSum: Number(s?.up ?? 0),
      weakest: (s?.w ?? []).map((w) => ({ questionId: w.i, recall: Number(w.r) })),
    },
  };
}
