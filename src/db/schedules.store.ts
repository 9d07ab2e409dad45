import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ScheduledChannel, ScheduleRow, SchedulesPort } from '../core/schedule/schedules.port.js';
import type { Db } from './client.js';
import { toChannel, toSchedule, toWorkspace } from './rows.js';
import { channels, schedules, workspaces } from './schema.js';

/** One daily schedule per channel. */
export function createSchedulesStore(db: Db): SchedulesPort {
  return {
    async activeSchedules(): Promise<ScheduledChannel[]> {
      const rows = await db
        .select()
        .from(schedules)
        .innerJoin(channels, eq(channels.id, schedules.channelId))
        .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
        .where(eq(schedules.paused, false));
      return rows.map((r) => ({
        schedule: { ...toSchedule(r.schedules), updatedAt: r.schedules.updatedAt },
        channel: toChannel(r.channels),
        workspace: toWorkspace(r.workspaces),
      }));
    },
    async workspaceSchedules(workspaceId: number) {
      const rows = await db
        .select()
        .from(schedules)
        .innerJoin(channels, eq(channels.id, schedules.channelId))
        .where(eq(channels.workspaceId, workspaceId))
        .orderBy(asc(channels.id));
      return rows.map((r) => ({ schedule: toSchedule(r.schedules), channel: toChannel(r.channels) }));
    },
    async getSchedule(channelId: number): Promise<ScheduleRow | undefined> {
      const [row] = await db.select().from(schedules).where(eq(schedules.channelId, channelId));
      return row ? toSchedule(row) : undefined;
    },
    async upsertSchedule(
      input: Omit<ScheduleRow, 'id' | 'paused' | 'pausedReason'> & { at: Date },
    ): Promise<ScheduleRow> {
      const values = {
        channelId: input.channelId,
        timeOfDay: input.timeOfDay,
        timezone: input.timezone,
        days: input.days,
      };
      const [row] = await db
        .insert(schedules)
        .values({ ...values, createdAt: input.at, updatedAt: input.at })
        // Setting a schedule up again also resumes it: that is what someone re-running setup wants.
        .onConflictDoUpdate({
          target: schedules.channelId,
          set: { ...values, paused: false, pausedReason: null, updatedAt: input.at },
        })
        .returning();
      if (!row) throw new Error('schedule upsert returned nothing');
      return toSchedule(row);
    },
    async setSchedulePaused(
      channelId: number,
      paused: boolean,
      reason: string | null,
      at: Date,
    ): Promise<ScheduleRow | undefined> {
      const [row] = await db
        .update(schedules)
        .set({ paused, pausedReason: paused ? reason : null, updatedAt: at })
        .where(eq(schedules.channelId, channelId))
        .returning();
      return row ? toSchedule(row) : undefined;
    },
    async pauseWorkspace(platform, workspaceExternalId, reason, at) {
      const rows = await db
        .update(schedules)
        .set({ paused: true, pausedReason: reason, updatedAt: at })
        .where(
          and(
            inArray(schedules.channelId, channelsOf(db, platform, workspaceExternalId)),
            eq(schedules.paused, false),
          ),
        )
        .returning({ id: schedules.id });
      return rows.length;
    },
    async resumeWorkspace(platform, workspaceExternalId, reason, at) {
      const rows = await db
        .update(schedules)
        .set({ paused: false, pausedReason: null, updatedAt: at })
        .where(
          and(
            inArray(schedules.channelId, channelsOf(db, platform, workspaceExternalId)),
            eq(schedules.paused, true),
            eq(schedules.pausedReason, reason),
          ),
        )
        .returning({ id: schedules.id });
      return rows.length;
    },
  };
}

/** The ids of a workspace's channels, as a subquery. */
const channelsOf = (db: Db, platform: string, externalId: string) =>
  db
    .select({ id: channels.id })
    .from(channels)
    .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
    .where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId)));
