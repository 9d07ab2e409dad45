import type { CommandHandler } from '../commands/command.types.js';
import type { CoreDeps } from '../core.deps.js';
import { refusal } from '../refusals.js';
import { quoteUserText } from '../replies.js';
import { nextSlot } from '../schedule/slots.js';
import { formatIn, formatLocal, isValidTimeZone } from '../time.js';

export type SetupArgs = { time: string; zone?: string; days: 'daily' | 'weekdays'; adaptive: boolean };

/**
 * Parses `HH:MM [zone] [daily|weekdays] [adaptive]` (any order after the time); a refusal otherwise. Without
 * `adaptive`, the channel walks its deck in shuffled order.
 */
export function parseSetup(args: string[]): SetupArgs | ReturnType<typeof refusal> {
  const [time, ...rest] = args;
  if (!time || !/^([01]?[0-9]|2[0-3]):[0-5][0-9]$/.test(time)) return refusal('SETUP_TIME_INVALID');
  let zone: string | undefined;
  let days: 'daily' | 'weekdays' = 'daily';
  let adaptive = false;
  for (const word of rest) {
    const lower = word.toLowerCase();
    if (lower === 'daily' || lower === 'weekdays') days = lower;
    else if (lower === 'adaptive') adaptive = true;
    else if (zone === undefined && isValidTimeZone(word)) zone = word;
    else return refusal('SETUP_WORD_INVALID', { word: quoteUserText(word, 40) });
  }
  return { time: time.padStart(5, '0'), ...(zone ? { zone } : {}), days, adaptive };
}

/** `/studybot setup 09:00 [zone] [daily|weekdays] [adaptive]`: schedules the daily question and tells the channel. */
export const setupHandler =
  (
    deps: Pick<CoreDeps, 'catalog' | 'members' | 'channels' | 'schedules' | 'clock' | 'settings'>,
  ): CommandHandler =>
  async ({ actor, text }) => {
    const { members, channels, schedules, clock } = deps;
    const parsed = parseSetup(text.split(/\s+/).filter((w) => w !== ''));
    if ('kind' in parsed) return [parsed];
    const { workspace } = await members.ensureMember(actor, deps.settings.defaultTimezone);
    const channel = await channels.ensureChannel(
      workspace.id,
      actor.channelId,
      deps.catalog.deckFor(undefined).meta.id,
    );
    const timezone = parsed.zone ?? workspace.timezone;
    if (parsed.adaptive !== channel.adaptive) await channels.setAdaptive(channel.id, parsed.adaptive);
    // The zone an admin names also becomes the team's zone for weekly and monthly boards.
    if (parsed.zone && parsed.zone !== workspace.timezone)
      await members.setWorkspaceTimezone(workspace.id, parsed.zone);
    const schedule = await schedules.upsertSchedule({
      channelId: channel.id,
      timeOfDay: parsed.time,
      timezone,
      days: parsed.days,
      at: clock.now(),
    });
    const next = nextSlot(schedule, clock.now());
    return [
      {
        kind: 'status',
        visibility: 'channel',
        title: 'Daily question scheduled',
        lines: [
          `A question will be posted here at ${schedule.timeOfDay} (${schedule.timezone}) ${schedule.days === 'weekdays' ? 'every weekday' : 'every day'}.`,
          `The first one: ${formatLocal(next.at, schedule.timezone)}, ${formatIn(clock.now(), next.at)}.`,
          parsed.adaptive
            ? 'Adaptive: each day I pick, among the questions not yet asked in this round, the one the team is least likely to remember, weighted by how much its exam objective counts.'
            : 'Questions come in a shuffled order, each once per round through the deck.',
        ],
      },
    ];
  };
