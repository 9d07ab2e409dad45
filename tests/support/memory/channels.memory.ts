import type { ChannelsPort } from '../../../src/core/workspace/channels.port.js';
import { copy, type MemoryTables } from './memory.tables.js';

/** Channels in memory. */
export function createMemoryChannels(t: MemoryTables): ChannelsPort {
  return {
    async ensureChannel(workspaceId, externalId, deckId) {
      let channel = t.channels.find((c) => c.workspaceId === workspaceId && c.externalId === externalId);
      if (!channel) {
        channel = {
          id: t.nextId('channels'),
          workspaceId,
          externalId,
          deckId,
          cycle: 0,
          postSeq: 0,
          adaptive: false,
          recapDay: null,
        };
        t.channels.push(channel);
      }
      return copy(channel);
    },
    async findChannel(workspaceId, externalId) {
      const channel = t.channels.find((c) => c.workspaceId === workspaceId && c.externalId === externalId);
      return channel && copy(channel);
    },
    async setAdaptive(channelId, adaptive) {
      const channel = t.channels.find((c) => c.id === channelId);
      if (channel) channel.adaptive = adaptive;
    },
    async setRecapDay(channelId, day) {
      const channel = t.channels.find((c) => c.id === channelId);
      if (channel) channel.recapDay = day;
    },
    async setChannelDeck(channelId, deckId) {
      const channel = t.channels.find((c) => c.id === channelId);
      if (!channel) throw new Error(`channel ${channelId} does not exist`);
      Object.assign(channel, { deckId, cycle: 0 });
      return copy(channel);
    },
    async channelContext(channelId) {
      const channel = t.channels.find((c) => c.id === channelId);
      const workspace = channel && t.workspaces.find((w) => w.id === channel.workspaceId);
      if (!channel || !workspace) return undefined;
      const { name: _name, ...row } = workspace;
      return { channel: copy(channel), workspace: row };
    },
  };
}
