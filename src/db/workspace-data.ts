/**
 * Every row a workspace owns, table by table, for data-deletion requests (`npm run data:delete`) and
 * exports (`npm run data:export`). `WORKSPACE_DATA` names how each table of the schema hangs off a
 * workspace; a test fails when a table of src/db/schema.ts is missing from it, so a new table cannot be
 * forgotten. Deletion runs children first, in one transaction, and counts the rows of each table.
 */
import { and, eq, getTableName, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database, Db } from './client.js';
import { slackInstallations, slackOrgTeams } from './installations.schema.js';
import { readinessQuestions, readinessSnapshots, reviewLog } from './readiness.schema.js';
import { recaps } from './recap.schema.js';
import { questionReports, questionVersions } from './reports.schema.js';
import {
  answers,
  channels,
  deliveries,
  memberScores,
  members,
  posts,
  practicePrompts,
  reviews,
  schedules,
  streaks,
  workspaces,
} from './schema.js';

/** The workspace being deleted or exported: studybot's id and the platform's. */
export interface WorkspaceRef {
  id: number;
  platform: string;
  externalId: string;
}

export interface TableData {
  table: PgTable;
  /** The rows of the workspace; undefined: not workspace data (`why` says so). */
  rows?: (w: WorkspaceRef) => SQL;
  /** The column naming a member: which rows a member export holds. */
  member?: PgColumn;
  why?: string;
}

const membersOf = (w: WorkspaceRef) =>
  sql`(select ${members.id} from ${members} where ${members.workspaceId} = ${w.id})`;
const channelsOf = (w: WorkspaceRef) =>
  sql`(select ${channels.id}::text from ${channels} where ${channels.workspaceId} = ${w.id})`;

/** Children before parents: the order rows are deleted in. */
export const WORKSPACE_DATA: TableData[] = [
  { table: answers, rows: (w) => eq(answers.workspaceId, w.id), member: answers.memberId },
  {
    table: questionReports,
    rows: (w) => eq(questionReports.workspaceId, w.id),
    member: questionReports.memberId,
  },
  { table: reviewLog, rows: (w) => eq(reviewLog.workspaceId, w.id), member: reviewLog.memberId },
  { table: streaks, rows: (w) => sql`${streaks.memberId} in ${membersOf(w)}`, member: streaks.memberId },
  { table: reviews, rows: (w) => sql`${reviews.memberId} in ${membersOf(w)}`, member: reviews.memberId },
  {
    table: practicePrompts,
    rows: (w) => sql`${practicePrompts.memberId} in ${membersOf(w)}`,
    member: practicePrompts.memberId,
  },
  { table: memberScores, rows: (w) => eq(memberScores.workspaceId, w.id), member: memberScores.memberId },
  { table: posts, rows: (w) => eq(posts.workspaceId, w.id) },
  {
    table: schedules,
    rows: (w) => sql`${schedules.channelId}::text in ${channelsOf(w)}`,
  },
  {
    // Keys `team:<channel id>:<deck>` and `priors:<workspace id>:<deck>` (core/readiness/readiness.port.ts).
    table: readinessSnapshots,
    rows: (w) => sql`(split_part(${readinessSnapshots.key}, ':', 1) = 'team'
      and split_part(${readinessSnapshots.key}, ':', 2) in ${channelsOf(w)})
      or (split_part(${readinessSnapshots.key}, ':', 1) = 'priors'
      and split_part(${readinessSnapshots.key}, ':', 2) = ${String(w.id)})`,
  },
  { table: recaps, rows: (w) => sql`${recaps.channelId}::text in ${channelsOf(w)}` },
  { table: channels, rows: (w) => eq(channels.workspaceId, w.id) },
  { table: members, rows: (w) => eq(members.workspaceId, w.id), member: members.id },
  {
    // A workspace install; an org-wide install (E:…) serves many workspaces and is removed by uninstalling.
    table: slackInstallations,
    rows: (w) => and(sql`${w.platform} = 'slack'`, eq(slackInstallations.key, `T:${w.externalId}`)) as SQL,
  },
  {
    table: slackOrgTeams,
    rows: (w) => and(sql`${w.platform} = 'slack'`, eq(slackOrgTeams.teamId, w.externalId)) as SQL,
  },
  { table: workspaces, rows: (w) => eq(workspaces.id, w.id) },
  {
    table: questionVersions,
    why: "the deck's questions as they were loaded (prompt, choices, key): content, with no workspace or person in them",
  },
  {
    table: readinessQuestions,
    why: "each deck's questions with their exam objective and share (readiness weights): content, with no workspace or person in them",
  },
  {
    table: deliveries,
    why: 'delivery ids of the last minutes (redelivery guard), with no workspace or person in them; they expire on their own',
  },
];

/** The workspace with this platform and external id, if studybot knows it. */
export async function findWorkspace(
  db: Db,
  platform: string,
  externalId: string,
): Promise<WorkspaceRef | undefined> {
  const [row] = await db
    .select({ id: workspaces.id, platform: workspaces.platform, externalId: workspaces.externalId })
    .from(workspaces)
    .where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
  return row;
}

/** Deletes every row of the workspace, children first, in one transaction; rows deleted per table. */
export async function deleteWorkspaceData(
  database: Database,
  w: WorkspaceRef,
): Promise<Record<string, number>> {
  return database.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const { table, rows } of WORKSPACE_DATA) {
      if (!rows) continue;
      const deleted = await tx.delete(table).where(rows(w)).returning({ one: sql`1` });
      counts[getTableName(table)] = deleted.length;
    }
    return counts;
  });
}

/** Every row of the workspace, per table (tokens of installations stay sealed). */
export async function exportWorkspaceData(db: Db, w: WorkspaceRef): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { table, rows } of [...WORKSPACE_DATA].reverse()) {
    if (!rows) continue;
    out[getTableName(table)] = await db.select().from(table).where(rows(w));
  }
  return out;
}

/** Every row about one member of the workspace, per table that names members. */
export async function exportMemberData(
  db: Db,
  w: WorkspaceRef,
  userExternalId: string,
): Promise<Record<string, unknown[]> | undefined> {
  const [member] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.workspaceId, w.id), eq(members.externalId, userExternalId)));
  if (!member) return undefined;
  const out: Record<string, unknown[]> = {};
  for (const { table, member: column } of [...WORKSPACE_DATA].reverse()) {
    if (!column) continue;
    out[getTableName(table)] = await db
      .select()
      .from(table)
      .where(inArray(column, [member.id]));
  }
  return out;
}
