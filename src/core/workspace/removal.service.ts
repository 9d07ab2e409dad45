/**
 * A workspace the bot was taken out of (a Slack app uninstalled or its tokens revoked, a Discord server
 * that removed the bot): its daily schedules are paused with a reason `/studybot status` shows, and nothing
 * is deleted (scores stay until someone asks for deletion: `npm run data:delete`). When the app comes back
 * (a Slack reinstall), the schedules paused for that reason run again; pauses an admin made stay.
 */
import type { Platform } from '../actor.js';
import type { Clock } from '../clock.js';
import type { CoreLog } from '../log.port.js';
import type { SchedulesPort } from '../schedule/schedules.port.js';

export type RemovalKind = 'uninstalled' | 'removed';

/** The reason shown by /studybot status for each kind of removal. */
export const REMOVAL_REASONS: Record<RemovalKind, string> = {
  uninstalled: 'the app was uninstalled from this workspace',
  removed: 'the bot was removed from this server',
};

type Deps = { schedules: SchedulesPort; clock: Clock; log: CoreLog };

/** Pauses the workspace's running schedules; returns how many (idempotent: a second call pauses none). */
export async function workspaceRemoved(
  deps: Deps,
  platform: Platform,
  workspaceExternalId: string,
  kind: RemovalKind,
): Promise<number> {
  const paused = await deps.schedules.pauseWorkspace(
    platform,
    workspaceExternalId,
    REMOVAL_REASONS[kind],
    deps.clock.now(),
  );
  deps.log.info(
    { platform, workspace: workspaceExternalId, kind, paused },
    'workspace removed: schedules paused',
  );
  return paused;
}

/** Resumes what `workspaceRemoved` paused for `kind`; returns how many. */
export async function workspaceRestored(
  deps: Deps,
  platform: Platform,
  workspaceExternalId: string,
  kind: RemovalKind,
): Promise<number> {
  const resumed = await deps.schedules.resumeWorkspace(
    platform,
    workspaceExternalId,
    REMOVAL_REASONS[kind],
    deps.clock.now(),
  );
  if (resumed > 0)
    deps.log.info(
      { platform, workspace: workspaceExternalId, kind, resumed },
      'workspace back: schedules resumed',
    );
  return resumed;
}
