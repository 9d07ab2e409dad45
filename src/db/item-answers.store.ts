import { sql } from 'drizzle-orm';
import type { FirstTry, ItemAnswersPort } from '../core/reports/item-answers.port.js';
import type { Database } from './client.js';

interface Row {
  member_id: number;
  deck_id: string;
  question_id: string;
  question_version: string | null;
  choice: string;
  correct: boolean;
}

/** First tries for item analysis: daily answers and answered /quiz prompts, the earliest per member and version. */
export function createItemAnswersStore(database: Database): ItemAnswersPort {
  return {
    async firstTries(workspaceId): Promise<FirstTry[]> {
      const daily = workspaceId === undefined ? sql`true` : sql`a.workspace_id = ${workspaceId}`;
      const practice = workspaceId === undefined ? sql`true` : sql`m.workspace_id = ${workspaceId}`;
      const rows = await database.query<Row>(sql`
        with tries as (
          select a.member_id, p.deck_id, p.question_id, p.question_version, a.choice, a.correct, a.answered_at as at, 0 as src, a.post_id as id
          from answers a join posts p on p.id = a.post_id
          where ${daily}
          union all
          select pp.member_id, pp.deck_id, pp.question_id, pp.question_version, pp.choice, pp.correct, pp.answered_at, 1, pp.id
          from practice_prompts pp join members m on m.id = pp.member_id
          where pp.answered_at is not null and pp.choice is not null and pp.correct is not null and ${practice}
        )
        select distinct on (member_id, deck_id, question_id, question_version)
          member_id, deck_id, question_id, question_version, choice, correct
        from tries
        order by member_id, deck_id, question_id, question_version, at, src, id`);
      return rows.map((r) => ({
        memberId: Number(r.member_id),
        deckId: r.deck_id,
        questionId: r.question_id,
        questionVersion: r.question_version,
        choice: r.choice,
        correct: r.correct,
      }));
    },
  };
}
