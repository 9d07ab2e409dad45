import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../core/actor.js';
import { cleanDisplayName, cleanUserText } from '../core/user-text.js';
import type { MemberRow, MembersPort, WorkspaceRow } from '../core/workspace/members.port.js';
import type { Database } from './client.js';
import { toWorkspace } from './rows.js';
import { memberScores, members, workspaces } from './schema.js';

interface MemberSqlRow {
  id: number;
  workspace_id: number;
  external_id: string;
  display_name: string;
  leaderboard_opt_out: boolean;
}

/** Display names are shown on boards: the core's one rule for user text (short, one line, no bidi tricks). */
const cleanName = cleanDisplayName;

/** How long a replica trusts its cached copy of a workspace (its time zone may change elsewhere). */
const WORKSPACE_TTL_MS = 30_000;

/**
 * Workspaces and members. Every click needs the clicker's workspace and member, so both are
 * cached in memory: ids never change, a workspace's time zone is re-read after 30 s, and a member row is
 * refreshed whenever the platform reports a new display name.
 */
export function createMembersStore(database: Database): MembersPort {
  const { db } = database;
  const workspaceCache = new Map<string, { row: WorkspaceRow; at: number }>();
  const memberCache = new Map<string, MemberRow>();

  async function ensureWorkspace(actor: Actor, defaultTimezone: string): Promise<WorkspaceRow> {
    const key = `${actor.platform}:${actor.workspaceId}`;
    const cached = workspaceCache.get(key);
    if (cached && Date.now() - cached.at < WORKSPACE_TTL_MS) return cached.row;
    const where = and(eq(workspaces.platform, actor.platform), eq(workspaces.externalId, actor.workspaceId));
    let [row] = await db.select().from(workspaces).where(where);
    if (!row) {
      await db
        .insert(workspaces)
        .values({
          platform: actor.platform,
          externalId: actor.workspaceId,
          name: actor.workspaceName === undefined ? null : cleanUserText(actor.workspaceName, 100),
          timezone: defaultTimezone,
        })
        .onConflictDoNothing();
      [row] = await db.select().from(workspaces).where(where);
    }
    if (!row) throw new Error(`workspace ${key} could not be created`);
    const workspace = toWorkspace(row);
    workspaceCache.set(key, { row: workspace, at: Date.now() });
    return workspace;
  }

  async function getWorkspace(id: number): Promise<WorkspaceRow | undefined> {
    const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
    return row ? toWorkspace(row) : undefined;
  }

  async function ensureMemberRow(workspaceId: number, actor: Actor): Promise<MemberRow> {
    const key = `${workspaceId}:${actor.userId}`;
    const displayName = cleanName(actor.userName);
    const cached = memberCache.get(key);
    if (cached && (cached.displayName === displayName || actor.userNameProvisional)) return cached;
    // One round trip: create the member, or update a changed name, or read it as it is. Both branches of
    // the UNION see the statement's snapshot, so a member created concurrently by another click (committed
    // after it) can come back empty; the plain read after covers that.
    const upsert = sql`
      with up as (
        insert into members (workspace_id, external_id, display_name)
        values (${workspaceId}, ${actor.userId}, ${displayName})
        on conflict (workspace_id, external_id) do update set display_name = excluded.display_name
          where members.display_name is distinct from excluded.display_name and not ${actor.userNameProvisional === true}
        returning id, workspace_id, external_id, display_name, leaderboard_opt_out
      )
      select * from up
      union all
      select id, workspace_id, external_id, display_name, leaderboard_opt_out from members
      where workspace_id = ${workspaceId} and external_id = ${actor.userId} and not exists (select 1 from up)`;
    let [row] = await database.query<MemberSqlRow>(upsert);
    if (!row) {
      [row] = await database.query<MemberSqlRow>(
        sql`select id, workspace_id, external_id, display_name, leaderboard_opt_out from members
            where workspace_id = ${workspaceId} and external_id = ${actor.userId}`,
      );
    }
    if (!row) throw new Error(`member ${key} could not be created`);
    const member: MemberRow = {
      id: Number(row.id),
      workspaceId: Number(row.workspace_id),
      externalId: row.external_id,
      displayName: row.display_name,
      leaderboardOptOut: row.leaderboard_opt_out,
    };
    memberCache.set(key, member);
    return member;
  }

  return {
    async ensureMember(actor: Actor, defaultTimezone: string) {
      const workspace = await ensureWorkspace(actor, defaultTimezone);
      const member = await ensureMemberRow(workspace.id, actor);
      return { workspace, member };
    },
    getWorkspace,
    async setWorkspaceTimezone(workspaceId: number, timezone: string) {
      await db.update(workspaces).set({ timezone }).where(eq(workspaces.id, workspaceId));
      for (const [key, c] of workspaceCache) {
        if (c.row.id === workspaceId) workspaceCache.set(key, { row: { ...c.row, timezone }, at: c.at });
      }
    },
    async setOptOut(memberId: number, optOut: boolean) {
      // Two statements: the first waits for answers in flight (they hold the member FOR SHARE); the second
      // then sees their committed board rows and hides those too.
      await database.transaction(async (tx) => {
        await tx.update(members).set({ leaderboardOptOut: optOut }).where(eq(members.id, memberId));
        await tx.update(memberScores).set({ hidden: optOut }).where(eq(memberScores.memberId, memberId));
      });
      for (const [key, m] of memberCache)
        if (m.id === memberId) memberCache.set(key, { ...m, leaderboardOptOut: optOut });
    },
  };
}
