import type { CommandHandler } from '../commands/command.types.js';
import type { CoreDeps } from '../core.deps.js';
import { refusal } from '../refusals.js';
import { privateReply } from '../replies.js';
import { nextSlot } from '../schedule/slots.js';
import { formatLocal } from '../time.js';

type PauseDeps = Pick<CoreDeps, 'members' | 'channels' | 'schedules' | 'clock' | 'settings'>;

/** `/studybot pause` (`pause: true`) and `/studybot resume`: stop or restart this channel's daily question. */
export const pauseHandler =
  (pause: boolean) =>
  (deps: PauseDeps): CommandHandler =>
  async ({ actor }) => {
    const { members, channels, schedules, clock } = deps;
    const { workspace } = await members.ensureMember(actor, deps.settings.defaultTimezone);
    const channel = await channels.findChannel(workspace.id, actor.channelId);
    const schedule =
      channel &&
      (await schedules.setSchedulePaused(
        channel.id,
        pause,
        pause ? 'paused by an admin' : null,
        clock.now(),
      ));
    if (!schedule) return [refusal('NO_SCHEDULE')];
    return [
      privateReply('info', [
        pause
          ? 'Paused: no daily question here until /studybot resume.'
          : `Resumed: the next question arrives ${formatLocal(nextSlot(schedule, clock.now()).at, schedule.timezone)}.`,
      ]),
    ];
  };
