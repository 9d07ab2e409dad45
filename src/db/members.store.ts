import { and, eq } from 'drizzle-orm';
import type { Actor, Platform } from '../core/events.js';
import type { ChannelRow, MemberRow, WorkspaceRow } from '../core/ports.js';
import type { Database } from './client.js';
import { channels, memberScores, members, workspaces } from './schema.js';

/** Display names are shown on boards; keep them short and on one line. */
const cleanName = (name: string) => name.replace(/\s+/g, ' ').trim().slice(0, 80) || 'someone';

/** How long a replica trusts its cached copy of a workspace (its time zone may change elsewhere). */
const WORKSPACE_TTL_MS = 30_000;

/**
 * Workspaces, members and channels. Every click needs the clicker's workspace and member, so both are
 * cached in memory: ids never change, a workspace's time zone is re-read after 30 s, and a member row is
 * refreshed whenever the platform reports a new display name.
 */
export function createMembersStore(database: Database) {
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
          name: actor.workspaceName ?? null,
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
    if (cached && cached.displayName === displayName) return cached;
    const where = and(eq(members.workspaceId, workspaceId), eq(members.externalId, actor.userId));
    let [row] = await db.select().from(members).where(where);
    if (!row) {
      await db
        .insert(members)
        .values({ workspaceId, externalId: actor.userId, displayName })
        .onConflictDoNothing();
      [row] = await db.select().from(members).where(where);
    }
    if (!row) throw new Error(`member ${key} could not be created`);
    if (row.displayName !== displayName) {
      await db.update(members).set({ displayName }).where(eq(members.id, row.id));
      row = { ...row, displayName };
    }
    const member: MemberRow = {
      id: row.id,
      workspaceId: row.workspaceId,
      externalId: row.externalId,
      displayName: row.displayName,
      leaderboardOptOut: row.leaderboardOptOut,
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
    async ensureChannel(workspaceId: number, externalId: string, deckId: string): Promise<ChannelRow> {
      const where = and(eq(channels.workspaceId, workspaceId), eq(channels.externalId, externalId));
      let [row] = await db.select().from(channels).where(where);
      if (!row) {
        await db.insert(channels).values({ workspaceId, externalId, deckId }).onConflictDoNothing();
        [row] = await db.select().from(channels).where(where);
      }
      if (!row) throw new Error(`channel ${externalId} could not be created`);
      return toChannel(row);
    },
    async findChannel(workspaceId: number, externalId: string): Promise<ChannelRow | undefined> {
      const [row] = await db
        .select()
        .from(channels)
        .where(and(eq(channels.workspaceId, workspaceId), eq(channels.externalId, externalId)));
      return row ? toChannel(row) : undefined;
    },
    async channelContext(
      channelId: number,
    ): Promise<{ channel: ChannelRow; workspace: WorkspaceRow } | undefined> {
      const [row] = await db
        .select()
        .from(channels)
        .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
        .where(eq(channels.id, channelId));
      return row ? { channel: toChannel(row.channels), workspace: toWorkspace(row.workspaces) } : undefined;
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

export function toWorkspace(row: typeof workspaces.$inferSelect): WorkspaceRow {
  return {
    id: row.id,
    platform: row.platform as Platform,
    externalId: row.externalId,
    timezone: row.timezone,
  };
}

export function toChannel(row: typeof channels.$inferSelect): ChannelRow {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    externalId: row.externalId,
    deckId: row.deckId,
    cycle: row.cycle,
    postSeq: row.postSeq,
  };
}
