import { and, eq } from 'drizzle-orm';
import type { ChannelRow, ChannelsPort } from '../core/workspace/channels.port.js';
import type { WorkspaceRow } from '../core/workspace/members.port.js';
import type { Db } from './client.js';
import { toChannel, toWorkspace } from './rows.js';
import { channels, workspaces } from './schema.js';

/** The channels of each workspace that studybot runs in. */
export function createChannelsStore(db: Db): ChannelsPort {
  return {
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
    async setAdaptive(channelId: number, adaptive: boolean): Promise<void> {
      await db.update(channels).set({ adaptive }).where(eq(channels.id, channelId));
    },
    async setRecapDay(channelId: number, recapDay: string): Promise<void> {
      await db.update(channels).set({ recapDay }).where(eq(channels.id, channelId));
    },
    async setChannelDeck(channelId: number, deckId: string): Promise<ChannelRow> {
      const [row] = await db
        .update(channels)
        .set({ deckId, cycle: 0 })
        .where(eq(channels.id, channelId))
        .returning();
      if (!row) throw new Error(`channel ${channelId} does not exist`);
      return toChannel(row);
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
  };
}
