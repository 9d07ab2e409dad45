import type { SchedulesPort } from '../../../src/core/schedule/schedules.port.js';
import type { MemoryTables } from './memory.tables.js';

/** Schedules in memory: one per channel; setting one up again resumes it. */
export function createMemorySchedules(t: MemoryTables): SchedulesPort {
  const row = ({ updatedAt: _u, ...schedule }: MemoryTables['schedules'][number]) => schedule;
  return {
    async activeSchedules() {
      return t.schedules
        .filter((s) => !s.paused)
        .flatMap((s) => {
          const channel = t.channels.find((c) => c.id === s.channelId);
          const workspace = channel && t.workspaces.find((w) => w.id === channel.workspaceId);
          if (!channel || !workspace) return [];
          const { name: _name, ...ws } = workspace;
          return [{ schedule: { ...s }, channel: { ...channel }, workspace: ws }];
        });
    },
    async workspaceSchedules(workspaceId) {
      return t.channels
        .filter((c) => c.workspaceId === workspaceId)
        .sort((a, b) => a.id - b.id)
        .flatMap((channel) => {
          const found = t.schedules.find((s) => s.channelId === channel.id);
          return found ? [{ schedule: row(found), channel: { ...channel } }] : [];
        });
    },
    async getSchedule(channelId) {
      const found = t.schedules.find((s) => s.channelId === channelId);
      return found && row(found);
    },
    async upsertSchedule(input) {
      const values = { timeOfDay: input.timeOfDay, timezone: input.timezone, days: input.days };
      let schedule = t.schedules.find((s) => s.channelId === input.channelId);
      if (schedule)
        Object.assign(schedule, values, { paused: false, pausedReason: null, updatedAt: input.at });
      else {
        schedule = {
          id: t.nextId('schedules'),
          channelId: input.channelId,
          ...values,
          paused: false,
          pausedReason: null,
          updatedAt: input.at,
        };
        t.schedules.push(schedule);
      }
      return row(schedule);
    },
    async setSchedulePaused(channelId, paused, reason, at) {
      const schedule = t.schedules.find((s) => s.channelId === channelId);
      if (!schedule) return undefined;
      Object.assign(schedule, { paused, pausedReason: paused ? reason : null, updatedAt: at });
      return row(schedule);
    },
    async pauseWorkspace(platform, externalId, reason, at) {
      const found = ofWorkspace(t, platform, externalId).filter((s) => !s.paused);
      for (const s of found) Object.assign(s, { paused: true, pausedReason: reason, updatedAt: at });
      return found.length;
    },
    async resumeWorkspace(platform, externalId, reason, at) {
      const found = ofWorkspace(t, platform, externalId).filter((s) => s.paused && s.pausedReason === reason);
      for (const s of found) Object.assign(s, { paused: false, pausedReason: null, updatedAt: at });
      return found.length;
    },
  };
}

/** The schedules of a workspace's channels. */
function ofWorkspace(t: MemoryTables, platform: string, externalId: string) {
  const workspace = t.workspaces.find((w) => w.platform === platform && w.externalId === externalId);
  const channelIds = new Set(t.channels.filter((c) => c.workspaceId === workspace?.id).map((c) => c.id));
  return t.schedules.filter((s) => channelIds.has(s.channelId));
}
