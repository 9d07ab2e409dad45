import { asc, eq, sql } from 'drizzle-orm';
import type { ReportReason, ReportRow, ReportsPort } from '../core/reports/reports.port.js';
import type { Database } from './client.js';
import { questionReports } from './schema.js';

type Row = typeof questionReports.$inferSelect;

const toReport = (r: Row): ReportRow => ({
  id: r.id,
  workspaceId: r.workspaceId,
  memberId: r.memberId,
  deckId: r.deckId,
  questionId: r.questionId,
  questionVersion: r.questionVersion,
  reason: r.reason as ReportReason,
  text: r.text,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** Question reports: one row per member and question, replaced by a second report (one statement). */
export function createReportsStore(database: Database): ReportsPort {
  const { db } = database;
  return {
    async saveReport(input) {
      const at = input.at.toISOString();
      // `xmax = 0` holds for a row this statement inserted, not for one it updated (PostgreSQL's MVCC).
      const [row] = await database.query<{ id: number; inserted: boolean }>(sql`
        insert into question_reports (workspace_id, member_id, deck_id, question_id, question_version, reason, text, created_at, updated_at)
        values (${input.workspaceId}, ${input.memberId}, ${input.deckId}, ${input.questionId}, ${input.questionVersion},
          ${input.reason}, ${input.text}, ${at}::timestamptz, ${at}::timestamptz)
        on conflict (member_id, deck_id, question_id) do update set
          question_version = excluded.question_version, reason = excluded.reason, text = excluded.text,
          updated_at = excluded.updated_at
        returning id, (xmax = 0) as inserted`);
      if (!row) throw new Error('report upsert returned nothing');
      const [saved] = await db.select().from(questionReports).where(eq(questionReports.id, row.id));
      if (!saved) throw new Error(`report ${row.id} vanished`);
      return { kind: row.inserted ? 'created' : 'updated', report: toReport(saved) };
    },
    async listReports(workspaceId) {
      const rows = await db
        .select()
        .from(questionReports)
        .where(workspaceId === undefined ? undefined : eq(questionReports.workspaceId, workspaceId))
        .orderBy(asc(questionReports.createdAt), asc(questionReports.id));
      return rows.map(toReport);
    },
  };
}
