import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { RecapPort } from '../core/recap/recap.port.js';
import type { Database } from './client.js';
import { recaps } from './schema.js';

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Recap claims and the week's figures, each one statement. */
export function createRecapStore(database: Database): RecapPort {
  const { db } = database;
  return {
    async claimRecap({ channelId, slot, now, leaseUntil }) {
      const [inserted] = await db
        .insert(recaps)
        .values({ channelId, slot, leaseUntil, claimedAt: now })
        .onConflictDoNothing()
        .returning({ id: recaps.id });
      if (inserted) return { kind: 'claimed', id: inserted.id };
      // A claim whose process died (its lease ran out) is taken over by exactly one replica.
      const [taken] = await db
        .update(recaps)
        .set({ leaseUntil, claimedAt: now })
        .where(
          and(
            eq(recaps.channelId, channelId),
            eq(recaps.slot, slot),
            eq(recaps.status, 'claimed'),
            sql`${recaps.leaseUntil} < ${iso(now)}`,
          ),
        )
        .returning({ id: recaps.id });
      return taken ? { kind: 'claimed', id: taken.id } : { kind: 'taken' };
    },

    async finishRecap(id, outcome) {
      await db
        .update(recaps)
        .set({
          status: outcome.status,
          leaseUntil: null,
          postedAt: outcome.status === 'posted' ? outcome.at : null,
          data: outcome.data ?? null,
          imagePosted: outcome.imagePosted ?? null,
          messageRef: outcome.messageRef ?? null,
          lastError: outcome.error ?? null,
        })
        .where(eq(recaps.id, id));
    },

    async previousRecap(channelId, before) {
      const [row] = await db
        .select({ postedAt: recaps.postedAt, data: recaps.data })
        .from(recaps)
        .where(
          and(eq(recaps.channelId, channelId), eq(recaps.status, 'posted'), lte(recaps.postedAt, before)),
        )
        .orderBy(desc(recaps.postedAt))
        .limit(1);
      return row?.postedAt ? { postedAt: row.postedAt, data: row.data } : undefined;
    },

    async topScorers(channelId, since, until, limit) {
      const rows = await database.query<{
        member_id: number;
        display_name: string;
        points: number;
        correct: number;
        answers: number;
      }>(sql`
        select m.id as member_id, m.display_name, sum(a.points)::int as points,
          count(*) filter (where a.correct)::int as correct, count(*)::int as answers
        from answers a join members m on m.id = a.member_id
        where a.channel_id = ${channelId} and a.answered_at >= ${iso(since)} and a.answered_at < ${iso(until)}
          and not m.leaderboard_opt_out
        group by m.id, m.display_name
        order by points desc, correct desc, max(a.answered_at) asc, m.id asc
        limit ${limit}`);
      return rows.map((r) => ({
        memberId: Number(r.member_id),
        displayName: r.display_name,
        points: Number(r.points),
        correct: Number(r.correct),
        answers: Number(r.answers),
      }));
    },

    async streakLeaders(channelId, minSeq, limit) {
      const rows = await database.query<{ display_name: string; current: number; best: number }>(sql`
        select m.display_name, s.current, s.best
        from streaks s join members m on m.id = s.member_id
        where s.channel_id = ${channelId} and s.last_seq >= ${minSeq} and s.current >= 2
          and not m.leaderboard_opt_out
        order by s.current desc, s.last_answered_at asc, m.id asc
        limit ${limit}`);
      return rows.map((r) => ({
        displayName: r.display_name,
        current: Number(r.current),
        best: Number(r.best),
      }));
    },

    async answerTallies(channelId, since, until) {
      const rows = await database.query<{
        post_id: number;
        deck_id: string;
        question_id: string;
        choice: string;
        correct: boolean;
        n: number;
      }>(sql`
        select p.id as post_id, p.deck_id, p.question_id, a.choice, a.correct, count(*)::int as n
        from posts p join answers a on a.post_id = p.id
        where p.channel_id = ${channelId} and p.posted_at >= ${iso(since)} and p.posted_at < ${iso(until)}
        group by p.id, p.deck_id, p.question_id, a.choice, a.correct
        order by p.id, a.choice`);
      return rows.map((r) => ({
        postId: Number(r.post_id),
        deckId: r.deck_id,
        questionId: r.question_id,
        choice: r.choice,
        correct: Boolean(r.correct),
        count: Number(r.n),
      }));
    },

    async participation(channelId, since, until) {
      const [row] = await database.query<{ members: number; answers: number }>(sql`
        select count(distinct member_id)::int as members, count(*)::int as answers
        from answers
        where channel_id = ${channelId} and answered_at >= ${iso(since)} and answered_at < ${iso(until)}`);
      return { members: Number(row?.members ?? 0), answers: Number(row?.answers ?? 0) };
    },
  };
}
