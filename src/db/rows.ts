/** Table rows (drizzle's shapes) as the core's row types: the one place columns are mapped. */
import type { Platform } from '../core/actor.js';
import type { PostRow } from '../core/quiz/posts.port.js';
import type { ScheduleRow } from '../core/schedule/schedules.port.js';
import type { ChannelRow } from '../core/workspace/channels.port.js';
import type { WorkspaceRow } from '../core/workspace/members.port.js';
import type { channels, posts, schedules, workspaces } from './schema.js';

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
    adaptive: row.adaptive,
    recapDay: row.recapDay,
  };
}

export function toPost(row: typeof posts.$inferSelect): PostRow {
  return {
    id: row.id,
    channelId: row.channelId,
    workspaceId: row.workspaceId,
    slot: row.slot,
    seq: row.seq,
    cycle: row.cycle,
    deckId: row.deckId,
    questionId: row.questionId,
    questionVersion: row.questionVersion,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    claimedAt: row.claimedAt,
    dueAt: row.dueAt,
    postedAt: row.postedAt,
    closesAt: row.closesAt,
    closedAt: row.closedAt,
    messageRef: row.messageRef,
    revealedAt: row.revealedAt,
    revealError: row.revealError,
  };
}

export function toSchedule(row: typeof schedules.$inferSelect): ScheduleRow {
  return {
    id: row.id,
    channelId: row.channelId,
    timeOfDay: row.timeOfDay,
    timezone: row.timezone,
    days: row.days,
    paused: row.paused,
    pausedReason: row.pausedReason,
  };
}
