import type { Actor } from '../actor.js';
import type { CommandHandler } from '../commands/command.types.js';
import type { StudybotCommands } from '../commands/commands.js';
import type { Catalog } from '../content/catalog.js';
import type { CoreDeps } from '../core.deps.js';
import { refusal } from '../refusals.js';
import { quoteUserText, type Reply } from '../replies.js';
import { dayTitle, describeDays, parseDays, parseOneDay, type ScheduleDays } from '../schedule/days.js';
import { nextSlot } from '../schedule/slots.js';
import { canonicalTimeZone, formatIn, formatLocal } from '../time.js';
import { setupFormReply } from './setup.form.js';

export type SetupArgs = {
  time: string;
  zone?: string;
  days?: ScheduleDays;
  deck?: string;
  adaptive?: boolean;
  /** Weekly recap day (`mon`…`sun`) or `off`. */
  recap?: string;
};

/**
 * Parses `HH:MM [zone] [days] [deck <id>] [recap <day>|off] [adaptive|shuffled]` (after the time, in any order; the registry's keyword options
 * such as `deck` travel as `<name> <value>`): a refusal naming the first word it cannot place. The zone is
 * returned in its canonical IANA spelling; days as stored (`weekends`, `mon,wed,fri`).
 */
export function parseSetup(args: string[], catalog: Catalog): SetupArgs | Reply {
  const [time, ...rest] = args;
  if (!time || !/^([01]?[0-9]|2[0-3]):[0-5][0-9]$/.test(time)) return refusal('SETUP_TIME_INVALID');
  const out: SetupArgs = { time: time.padStart(5, '0') };
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    const order = word.toLowerCase();
    if (order === 'adaptive' || order === 'shuffled') {
      out.adaptive = order === 'adaptive';
      continue;
    }
    if (order === 'recap') {
      const day = rest[++i]?.toLowerCase() ?? '';
      const recap = day === 'off' ? 'off' : parseOneDay(day);
      if (!recap) return refusal('SETUP_WORD_INVALID', { word: quoteUserText(`recap ${day}`.trim(), 40) });
      out.recap = recap;
      continue;
    }
    if (word.toLowerCase() === 'deck') {
      const id = rest[++i];
      const deck = id === undefined ? undefined : catalog.deck(id.toLowerCase());
      if (!deck)
        return refusal('DECK_UNKNOWN', { deck: quoteUserText(id ?? '', 40), decks: deckList(catalog) });
      out.deck = deck.meta.id;
      continue;
    }
    const days = out.days === undefined ? parseDays(word) : undefined;
    const zone = out.zone === undefined && days === undefined ? canonicalTimeZone(word) : undefined;
    if (days !== undefined) out.days = days;
    else if (zone !== undefined) out.zone = zone;
    else return refusal('SETUP_WORD_INVALID', { word: quoteUserText(word, 40) });
  }
  return out;
}

/**
 * `/studybot setup` with nothing after it: the set-up form for this channel (Slack opens it as a dialog; the
 * console prints it as a usage form), prefilled with the channel's schedule, deck and order and the team's zone.
 */
async function setupForm(
  deps: Pick<CoreDeps, 'catalog' | 'members' | 'channels' | 'schedules' | 'settings'> & {
    commands: Pick<StudybotCommands, 'find'>;
  },
  actor: Actor,
  usage: string,
): Promise<Reply> {
  const { workspace } = await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
  const channel = await deps.channels.findChannel(workspace.id, actor.channelId);
  const schedule = channel && (await deps.schedules.getSchedule(channel.id));
  const options = deps.commands.find('studybot')?.subcommands?.find((s) => s.name === 'setup')?.options ?? [];
  return setupFormReply({
    options,
    catalog: deps.catalog,
    channelId: actor.channelId,
    usage,
    current: {
      time: schedule?.timeOfDay,
      timezone: schedule?.timezone ?? workspace.timezone,
      days: schedule?.days,
      deck: deps.catalog.deckFor(channel?.deckId).meta.id,
      adaptive: channel ? String(channel.adaptive) : undefined,
    },
  });
}

/** `aws-security, git-basics`: the loaded decks' ids, for refusals and help. */
export const deckList = (catalog: Catalog): string => catalog.decks.map((d) => d.meta.id).join(', ');

/**
 * `/studybot setup 09:00 [zone] [days] [deck <id>] [adaptive|shuffled]`: schedules the daily question and tells the channel. Run
 * again, it changes only what it is given (the deck, the days…); scores, boards and streaks stay.
 */
export const setupHandler =
  (
    deps: Pick<CoreDeps, 'catalog' | 'members' | 'channels' | 'schedules' | 'clock' | 'settings'> & {
      commands: Pick<StudybotCommands, 'find'>;
    },
  ): CommandHandler =>
  async ({ actor, text, usage }) => {
    const { members, channels, schedules, clock, catalog } = deps;
    if (text.trim() === '') return [await setupForm(deps, actor, usage)];
    const parsed = parseSetup(
      text.split(/\s+/).filter((w) => w !== ''),
      catalog,
    );
    if ('kind' in parsed) return [parsed];
    const { workspace } = await members.ensureMember(actor, deps.settings.defaultTimezone);
    let channel = await channels.ensureChannel(
      workspace.id,
      actor.channelId,
      catalog.deckFor(undefined).meta.id,
    );
    if (parsed.deck && parsed.deck !== channel.deckId)
      channel = await channels.setChannelDeck(channel.id, parsed.deck);
    const previous = await schedules.getSchedule(channel.id);
    const timezone = parsed.zone ?? workspace.timezone;
    // The question order changes only when named: `adaptive` or `shuffled`.
    const adaptive = parsed.adaptive ?? channel.adaptive;
    if (adaptive !== channel.adaptive) await channels.setAdaptive(channel.id, adaptive);
    // The weekly recap changes only when named: `recap monday`, `recap off`.
    const recap = parsed.recap ?? channel.recapDay;
    if (parsed.recap && parsed.recap !== channel.recapDay)
      await channels.setRecapDay(channel.id, parsed.recap);
    // The zone an admin names also becomes the team's zone for weekly and monthly boards.
    if (parsed.zone && parsed.zone !== workspace.timezone)
      await members.setWorkspaceTimezone(workspace.id, parsed.zone);
    const schedule = await schedules.upsertSchedule({
      channelId: channel.id,
      timeOfDay: parsed.time,
      timezone,
      days: parsed.days ?? previous?.days ?? 'daily',
      at: clock.now(),
    });
    const next = nextSlot(schedule, clock.now());
    const deck = catalog.deckFor(channel.deckId);
    return [
      {
        kind: 'status',
        visibility: 'channel',
        title: 'Daily question scheduled',
        lines: [
          `A question from the deck ${deck.meta.title} (${deck.meta.id}) will be posted here at ${schedule.timeOfDay} (${schedule.timezone}) ${describeDays(schedule.days)}.`,
          `The first one: ${formatLocal(next.at, schedule.timezone)}, ${formatIn(clock.now(), next.at)}.`,
          adaptive
            ? 'Adaptive: each day I pick, among the questions not yet asked in this round, the one the team is least likely to remember, weighted by how much its exam objective counts.'
            : 'Questions come in a shuffled order, each once per round through the deck.',
          recap && recap !== 'off'
            ? `Weekly recap: every ${dayTitle(recap)} at ${schedule.timeOfDay} (${schedule.timezone}), with a chart of the team's readiness. Turn it off with recap off.`
            : 'Weekly recap: off (turn it on with recap monday, or another day).',
          ...(catalog.decks.length > 1
            ? [
                `Decks: ${deckList(catalog)}. Change with /studybot setup ${schedule.timeOfDay} deck <id>; scores stay.`,
              ]
            : []),
        ],
      },
    ];
  };
