import { and, asc, eq, sql } from 'drizzle-orm';
import { ratingFor } from '../core/readiness/memory.model.js';
import type {
  QuestionVersionsPort,
  RegradedAnswer,
  RescoreInput,
  RescorePort,
  RescoreResult,
} from '../core/reports/rescore.port.js';
import { periodBoards } from '../core/scores/periods.js';
import { pointsFor } from '../core/scores/scoring.js';
import type { Database, Db } from './client.js';
import { fold } from './memory.store.js';
import { questionVersions } from './schema.js';

/** Stored question versions: written at start-up for every loaded question, read by content:rescore. */
export function createQuestionVersionsStore(database: Database): QuestionVersionsPort {
  const { db } = database;
  return {
    async remember(rows) {
      if (rows.length === 0) return 0;
      const inserted = await db
        .insert(questionVersions)
        .values(rows.map((r) => ({ ...r, choices: [...r.choices] })))
        .onConflictDoNothing()
        .returning({ version: questionVersions.version });
      return inserted.length;
    },
    async versionsOf(deckId, questionId) {
      const rows = await db
        .select()
        .from(questionVersions)
        .where(and(eq(questionVersions.deckId, deckId), eq(questionVersions.questionId, questionId)))
        .orderBy(asc(questionVersions.firstSeenAt), asc(questionVersions.version));
      return rows.map(({ firstSeenAt: _f, ...r }) => r);
    },
  };
}

interface DailyRow {
  post_id: number;
  member_id: number;
  workspace_id: number;
  channel_id: number;
  seq: number;
  choice: string;
  correct: boolean;
  points: number;
  answered_at: Date | string;
  timezone: string;
}

/** Posts or prompts of the affected versions: `version in (…)`, or unknown when asked. */
function versionFilter(column: string, input: RescoreInput) {
  const col = sql.raw(column);
  const list =
    input.versions.length > 0
      ? sql`${col} in (${sql.join(
          input.versions.map((v) => sql`${v}`),
          sql`, `,
        )})`
      : sql`false`;
  return input.includeUnversioned ? sql`(${list} or ${col} is null)` : list;
}

/** The member's streak in the channel when they answered post number `seq`: consecutive posts answered. */
async function streakAt(tx: Db, memberId: number, channelId: number, seq: number): Promise<number> {
  const rows = (await tx.execute(sql`
    select p.seq from answers a join posts p on p.id = a.post_id
    where a.member_id = ${memberId} and p.channel_id = ${channelId} and p.seq <= ${seq}`)) as unknown as
    | { rows: { seq: number }[] }
    | { seq: number }[];
  const list = Array.isArray(rows) ? rows : rows.rows;
  const answered = new Set(list.map((r) => Number(r.seq)));
  let streak = 0;
  while (answered.has(seq - streak)) streak += 1;
  return streak;
}

async function regradeDaily(tx: Db, input: RescoreInput): Promise<RegradedAnswer[]> {
  const result = (await tx.execute(sql`
    select a.post_id, a.member_id, a.workspace_id, a.channel_id, p.seq, a.choice, a.correct, a.points,
      a.answered_at, w.timezone
    from answers a join posts p on p.id = a.post_id join workspaces w on w.id = a.workspace_id
    where p.deck_id = ${input.deckId} and p.question_id = ${input.questionId}
      and ${versionFilter('p.question_version', input)}
      and a.correct <> (a.choice = ${input.key})
    order by a.answered_at, a.post_id, a.member_id
    for update of a`)) as unknown as { rows: DailyRow[] } | DailyRow[];
  const rows = Array.isArray(result) ? result : result.rows;
  const changed: RegradedAnswer[] = [];
  for (const r of rows) {
    const correct = r.choice === input.key;
    const points = pointsFor(correct, await streakAt(tx, r.member_id, r.channel_id, Number(r.seq)));
    const delta = points - Number(r.points);
    const at = new Date(r.answered_at);
    const boards = ['all', ...periodBoards(at, r.timezone), `channel:${r.channel_id}`];
    await tx.execute(sql`
      update answers set correct = ${correct}::boolean, points = ${points}::int
      where post_id = ${r.post_id} and member_id = ${r.member_id}`);
    await tx.execute(sql`
      update member_scores set points = points + ${delta}::int, correct = correct + ${correct ? 1 : -1}::int
      where workspace_id = ${r.workspace_id} and member_id = ${r.member_id}
        and board in (${sql.join(
          boards.map((b) => sql`${b}`),
          sql`, `,
        )})`);
    changed.push({
      postId: r.post_id,
      memberId: r.member_id,
      choice: r.choice,
      correct,
      pointsBefore: Number(r.points),
      pointsAfter: points,
    });
  }
  return changed;
}

/** Re-grading in one transaction (see RescorePort). */
export function createRescoreStore(database: Database): RescorePort {
  return {
    rescore(input): Promise<RescoreResult> {
      return database.transaction(async (tx) => {
        const daily = await regradeDaily(tx, input);
        const practice = (await tx.execute(sql`
          update practice_prompts set correct = (choice = ${input.key})
          where deck_id = ${input.deckId} and question_id = ${input.questionId}
            and answered_at is not null and correct <> (choice = ${input.key})
            and ${versionFilter('question_version', input)}
          returning id`)) as unknown as { rows: unknown[] } | unknown[];
        const practiceCount = (Array.isArray(practice) ? practice : practice.rows).length;
        // Re-rate the log rows of the affected posts and prompts: right is Good (Hard when a guess), wrong Again.
        const good = ratingFor(true);
        const hard = ratingFor(true, true);
        const again = ratingFor(false);
        const logged = (await tx.execute(sql`
          update review_log rl set correct = (rl.choice = ${input.key}),
            rating = case when rl.choice = ${input.key} then (case when rl.guessed then ${hard}::int else ${good}::int end) else ${again}::int end
          where rl.deck_id = ${input.deckId} and rl.question_id = ${input.questionId}
            and rl.correct <> (rl.choice = ${input.key})
            and (
              (rl.source = 'daily' and rl.source_id in (select id from posts where ${versionFilter('question_version', input)}))
              or (rl.source = 'practice' and rl.source_id in (select id from practice_prompts where ${versionFilter('question_version', input)}))
            )
          returning rl.member_id`)) as unknown as { rows: { member_id: number }[] } | { member_id: number }[];
        const loggedRows = Array.isArray(logged) ? logged : logged.rows;
        const members = [...new Set(loggedRows.map((r) => Number(r.member_id)))];
        for (const memberId of members) {
          // The card is rebuilt from the member's whole history of this question, with the new ratings.
          await tx.execute(sql`
            update review_log set applied = false
            where member_id = ${memberId} and deck_id = ${input.deckId} and question_id = ${input.questionId}`);
          await tx.execute(sql`
            delete from reviews
            where member_id = ${memberId} and deck_id = ${input.deckId} and question_id = ${input.questionId}`);
          await fold(tx, memberId, input.step);
        }
        return { daily, practice: practiceCount, reviews: loggedRows.length, members: members.length };
      });
    },
  };
}
