/** One daily schedule per channel: when the question is posted, and whether it is paused (and why). */
import type { ChannelRow } from '../workspace/channels.port.js';
import type { WorkspaceRow } from '../workspace/members.port.js';
import type { ScheduleDays } from './days.js';

export interface ScheduleRow {
  id: number;
  channelId: number;
  /** HH:MM, 24-hour, in `timezone`. */
  timeOfDay: string;
  timezone: string;
  /** `daily`, `weekdays`, `weekends` or `mon,wed,fri` (see days.ts). */
  days: ScheduleDays;
  paused: boolean;
  pausedReason: string | null;
}

export interface ScheduledChannel {
  schedule: ScheduleRow & { updatedAt: Date };
  channel: ChannelRow;
  workspace: WorkspaceRow;
}

export interface SchedulesPort {
  /** Every schedule that is not paused, with its channel and workspace. */
  activeSchedules(): Promise<ScheduledChannel[]>;
  getSchedule(channelId: number): Promise<ScheduleRow | undefined>;
  /** Every schedule of one workspace, paused or not, with its channel, ordered by channel id. */
  workspaceSchedules(workspaceId: number): Promise<{ schedule: ScheduleRow; channel: ChannelRow }[]>;
  /** Creates or replaces the channel's schedule (and resumes it); `at` is when, by the core's clock. */
  upsertSchedule(
    input: Omit<ScheduleRow, 'id' | 'paused' | 'pausedReason'> & { at: Date },
  ): Promise<ScheduleRow>;
  /** Pauses (with `reason`) or resumes; undefined when the channel has no schedule. */
  setSchedulePaused(
    channelId: number,
    paused: boolean,
    reason: string | null,
    at: Date,
  ): Promise<ScheduleRow | undefined>;
  /**
   * Pauses every running schedule of the workspace (`platform`, its external id) with `reason`; schedules
   * already paused keep their own reason. Returns how many were paused (0 for an unknown workspace).
   */
  pauseWorkspace(platform: string, workspaceExternalId: string, reason: string, at: Date): Promise<number>;
  /** Resumes the workspace's schedules paused with exactly `reason` (not those an admin paused); how many. */
  resumeWorkspace(platform: string, workspaceExternalId: string, reason: string, at: Date): Promise<number>;
}
