import { and, eq, sql } from 'drizzle-orm';
import { CURVE } from '../core/readiness/memory.model.js';
import type { ReadinessPort, TeamRecall } from '../core/readiness/readiness.port.js';
import type { Database } from './client.js';
import { members, readinessQuestions, readinessSnapshots } from './schema.js';

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const DAY_MS = 86_400_000;

/** First tries, team aggregates over the FSRS cards, snapshots and exam dates. */
export function createReadinessStore(database: Database): ReadinessPort {
  const { db } = database;
  return {
    async firstTries(workspaceId, deckId) {
      const rows = await database.query<{ question_id: string; tries: number; right: number }>(sql`
        select r.question_id, count(*)::int as tries, count(*) filter (where r.first_correct)::int as right
        from reviews r join members m on m.id = r.member_id
        where m.workspace_id = ${workspaceId} and r.deck_id = ${deckId} and r.first_correct is not null
        group by r.question_id`);
      return rows.map((r) => ({ questionId: r.question_id, tries: Number(r.tries), right: Number(r.right) }));
    },

    async getSnapshot(key) {
      const [row] = await db.select().from(readinessSnapshots).where(eq(readinessSnapshots.key, key));
      return row ? { computedAt: row.computedAt, data: row.data } : undefined;
    },

    async putSnapshot(key, computedAt, data) {
      await db
        .insert(readinessSnapshots)
        .values({ key, computedAt, data })
        .onConflictDoUpdate({ target: readinessSnapshots.key, set: { computedAt, data } });
    },

    async putQuestions(key, questions) {
      for (let i = 0; i < questions.length; i += 1_000) {
        await db
          .insert(readinessQuestions)
          .values(questions.slice(i, i + 1_000).map((q) => ({ structureKey: key, ...q })))
          .onConflictDoNothing();
      }
    },

    async teamRecall(channelId, since, deckId, at, questions): Promise<TeamRecall> {
      const rows = await database.query<{ kind: string; key: string; n: number; value: number | null }>(sql`
        with team as (
          select distinct member_id from review_log where channel_id = ${channelId} and reviewed_at > ${iso(since)}
        ),
        q as (select * from json_to_recordset(${JSON.stringify(questions)}::json) as q("questionId" text, share float8, prior float8)),
        r as (
          select r.member_id, r.question_id, q.share, q.prior,
            case when r.stability > 0 then power(
              1 + ${CURVE.factor}::float8 * greatest(0, extract(epoch from (${iso(at)} - coalesce(r.last_reviewed_at, r.due))) / 86400) / r.stability,
              ${CURVE.decay}::float8)
            else 0 end as recall
          from reviews r join team t on t.member_id = r.member_id join q on q."questionId" = r.question_id
          where r.deck_id = ${deckId}
        )
        select 'q' as kind, question_id as key, count(*)::int as n, sum(recall) as value from r group by question_id
        union all
        select 'm', member_id::text, count(*)::int, sum(share * (recall - prior)) from r group by member_id
        union all
        select 't', '', (select count(*)::int from team), 0`);
      const result: TeamRecall = { members: 0, perQuestion: [], perMember: [] };
      for (const row of rows) {
        if (row.kind === 't') result.members = Number(row.n);
        else if (row.kind === 'q')
          result.perQuestion.push({
            questionId: row.key,
            cards: Number(row.n),
            recallSum: Number(row.value ?? 0),
          });
        else result.perMember.push({ memberId: Number(row.key), delta: Number(row.value ?? 0) });
      }
      return result;
    },

    async participation(channelId, since) {
      const [row] = await database.query<{ members: number; answers: number }>(sql`
        select count(distinct member_id)::int as members, count(*)::int as answers
        from review_log where channel_id = ${channelId} and reviewed_at >= ${iso(since)}`);
      return { members: Number(row?.members ?? 0), answers: Number(row?.answers ?? 0) };
    },

    async misconceptions(channelId, deckId, since, limit) {
      const rows = await database.query<{ question_id: string; choice: string; n: number }>(sql`
        select question_id, choice, count(*)::int as n from review_log
        where channel_id = ${channelId} and deck_id = ${deckId} and not correct and not guessed
          and reviewed_at > ${iso(since)}
        group by question_id, choice order by n desc, question_id, choice limit ${limit}`);
      return rows.map((r) => ({ questionId: r.question_id, choice: r.choice, count: Number(r.n) }));
    },

    async staleScopes(now, changedBefore, refreshBefore, limit) {
      const active = new Date(now.getTime() - 30 * DAY_MS);
      const rows = await database.query<{ channel_id: number; workspace_id: number; deck_id: string }>(sql`
        select c.id as channel_id, c.workspace_id, c.deck_id from channels c
        left join readiness_snapshots s on s.key = 'team:' || c.id || ':' || c.deck_id
        where (s.computed_at is null or s.computed_at < ${iso(changedBefore)})
          and exists (
            select 1 from review_log l where l.channel_id = c.id and l.reviewed_at > case
              when s.computed_at is null or s.computed_at < ${iso(refreshBefore)} then ${iso(active)}
              else s.computed_at end)
        order by c.id limit ${limit}`);
      return rows.map((r) => ({
        channelId: Number(r.channel_id),
        workspaceId: Number(r.workspace_id),
        deckId: r.deck_id,
      }));
    },

    async examDate(memberId) {
      const [row] = await db
        .select({ examDate: members.examDate })
        .from(members)
        .where(eq(members.id, memberId));
      return row?.examDate ?? null;
    },

    async setExamDate(memberId, date) {
      await db
        .update(members)
        .set({ examDate: date })
        .where(and(eq(members.id, memberId)));
    },
  };
}
