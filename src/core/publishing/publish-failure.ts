/**
 * The one rule for a publisher call that failed (a post, a `/studybot post`, a reveal): permanent failures
 * (the channel is gone or archived, the bot was removed or lost its permissions: PublishError
 * `unreachable`) are never retried; they pause the channel's schedule with the reason, which
 * `/studybot status` shows. Rate limits wait for `Retry-After`; anything else is transient and retried.
 */
import type { Clock } from '../clock.js';
import type { CoreLog } from '../log.port.js';
import type { SchedulesPort } from '../schedule/schedules.port.js';
import { PublishError } from './publisher.port.js';

export type PublishFailure =
  | { kind: 'permanent'; reason: string }
  | { kind: 'rate-limited'; reason: string; retryAfterMs: number | undefined }
  | { kind: 'transient'; reason: string };

/** What kind of failure `error` is, and its reason (safe to show an admin). */
export function classifyPublishFailure(error: unknown): PublishFailure {
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof PublishError && error.kind === 'unreachable') return { kind: 'permanent', reason };
  if (error instanceof PublishError && error.kind === 'rate-limited') {
    return { kind: 'rate-limited', reason, retryAfterMs: error.retryAfterMs };
  }
  return { kind: 'transient', reason };
}

/** The reason a schedule is paused with after a permanent failure, as `/studybot status` shows it. */
export const unreachableReason = (reason: string) => `the bot cannot post here (${reason})`;

/**
 * Pauses the channel's schedule after a permanent failure, so no post or retry is attempted again until an
 * admin resumes it; a channel without a schedule (posts on demand only) has nothing to pause.
 */
export async function pauseUnreachableChannel(
  deps: { schedules: SchedulesPort; clock: Clock; log: CoreLog },
  channelId: number,
  reason: string,
): Promise<void> {
  await deps.schedules.setSchedulePaused(channelId, true, unreachableReason(reason), deps.clock.now());
  deps.log.warn({ channelId, reason }, 'channel unreachable: its schedule is paused');
}
