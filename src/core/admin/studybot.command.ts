import type { Catalog } from '../content/catalog.js';
import type { Actor } from '../events.js';
import type { Clock, QuizStore } from '../ports.js';
import type { QuizService } from '../quiz/quiz.service.js';
import { deckFor } from '../quiz/selection.js';
import { privateReply, quoteUserText, type Reply } from '../replies.js';
import { nextSlot } from '../schedule/slots.js';
import { formatIn, formatLocal, isValidTimeZone } from '../time.js';

export const STUDYBOT_USAGE = [
  '/studybot setup <HH:MM> [IANA time zone] [daily|weekdays]: post a question here every day, e.g. /studybot setup 09:00 Europe/Berlin weekdays',
  '/studybot post: post the next question here now',
  '/studybot close: close the open question and reveal its answer',
  '/studybot pause | resume: stop or restart the daily question here',
  '/studybot status: the schedule, the next post and the latest question here',
];

export interface StudybotDeps {
  catalog: Catalog;
  store: QuizStore;
  quiz: QuizService;
  clock: Clock;
  defaultTimezone: string;
}

/** Parses `HH:MM [zone] [daily|weekdays]` in any order after the time. */
export function parseSetup(
  args: string[],
): { time: string; zone?: string; days: 'daily' | 'weekdays' } | string {
  const [time, ...rest] = args;
  if (!time || !/^([01]?[0-9]|2[0-3]):[0-5][0-9]$/.test(time)) {
    return `Give the time as HH:MM in 24-hour form, e.g. /studybot setup 09:00 Europe/Berlin weekdays.`;
  }
  let zone: string | undefined;
  let days: 'daily' | 'weekdays' = 'daily';
  for (const word of rest) {
    const lower = word.toLowerCase();
    if (lower === 'daily' || lower === 'weekdays') days = lower;
    else if (zone === undefined && isValidTimeZone(word)) zone = word;
    else
      return `"${quoteUserText(word, 40)}" is neither an IANA time zone (like Europe/Berlin or America/New_York) nor daily/weekdays.`;
  }
  return { time: time.padStart(5, '0'), ...(zone ? { zone } : {}), days };
}

/** `/studybot …`: channel administration, for workspace admins only. */
export async function studybotCommand(actor: Actor, text: string, deps: StudybotDeps): Promise<Reply[]> {
  const { store, quiz, clock } = deps;
  if (!actor.isAdmin) {
    return [
      privateReply('error', [
        'Sorry, /studybot is for workspace admins. Ask one of them to set up or change the daily question.',
      ]),
    ];
  }
  const [sub = '', ...args] = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const { workspace } = await store.ensureMember(actor, deps.defaultTimezone);
  const defaultDeck = deckFor(deps.catalog, undefined).meta.id;
  const action = sub.toLowerCase();
  switch (action) {
    case 'setup': {
      const parsed = parseSetup(args);
      if (typeof parsed === 'string') return [privateReply('error', [parsed])];
      const channel = await store.ensureChannel(workspace.id, actor.channelId, defaultDeck);
      const timezone = parsed.zone ?? workspace.timezone;
      // The zone an admin names also becomes the team's zone for weekly and monthly boards.
      if (parsed.zone && parsed.zone !== workspace.timezone)
        await store.setWorkspaceTimezone(workspace.id, parsed.zone);
      const schedule = await store.upsertSchedule({
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
          ],
        },
      ];
    }
    case 'post': {
      const outcome = await quiz.postNow(actor);
      return [
        privateReply('info', [
          outcome.kind === 'posted'
            ? 'Posted the next question in this channel.'
            : 'That question could not be posted; see the logs.',
        ]),
      ];
    }
    case 'close': {
      const { closed, revealed } = await quiz.closeChannel(actor);
      const message =
        closed === 0
          ? 'There is no open question in this channel.'
          : revealed === closed
            ? 'Closed the question and revealed its answer.'
            : 'Closed the question. Its answer could not be posted in the channel just now; I will keep trying.';
      return [privateReply('info', [message])];
    }
    case 'pause':
    case 'resume': {
      const channel = await store.findChannel(workspace.id, actor.channelId);
      const pause = action === 'pause';
      const schedule =
        channel &&
        (await store.setSchedulePaused(channel.id, pause, pause ? 'paused by an admin' : null, clock.now()));
      if (!schedule)
        return [
          privateReply('error', [
            'This channel has no daily question yet. Start one with /studybot setup 09:00.',
          ]),
        ];
      return [
        privateReply('info', [
          pause
            ? 'Paused: no daily question here until /studybot resume.'
            : `Resumed: the next question arrives ${formatLocal(nextSlot(schedule, clock.now()).at, schedule.timezone)}.`,
        ]),
      ];
    }
    case 'status':
      return [await statusReply(actor, workspace.id, workspace.timezone, deps)];
    default:
      return [privateReply('help', STUDYBOT_USAGE, { title: '/studybot' })];
  }
}

async function statusReply(
  actor: Actor,
  workspaceId: number,
  workspaceZone: string,
  deps: StudybotDeps,
): Promise<Reply> {
  const { store, clock } = deps;
  const now = clock.now();
  const channel = await store.findChannel(workspaceId, actor.channelId);
  const schedule = channel && (await store.getSchedule(channel.id));
  const lines: string[] = [];
  if (!schedule) lines.push('No daily question is scheduled here. Start one with /studybot setup 09:00.');
  else if (schedule.paused)
    lines.push(`Paused (${schedule.pausedReason ?? 'by an admin'}). /studybot resume restarts it.`);
  else {
    const next = nextSlot(schedule, now);
    lines.push(
      `Daily at ${schedule.timeOfDay} (${schedule.timezone}), ${schedule.days === 'weekdays' ? 'weekdays' : 'every day'}.`,
      `Next post: ${formatLocal(next.at, schedule.timezone)}, ${formatIn(now, next.at)}.`,
    );
  }
  const latest = channel && (await store.latestPost(channel.id));
  if (latest?.postedAt) {
    const answers = await store.answerCount(latest.id);
    const zone = schedule?.timezone ?? workspaceZone;
    lines.push(
      `Last post: ${formatLocal(latest.postedAt, zone)}, ${latest.status === 'open' ? 'open' : 'closed'}, ${answers} answer${answers === 1 ? '' : 's'} so far.`,
    );
  } else if (latest) {
    lines.push(
      `Last post attempt: ${latest.status}${latest.lastError ? ` (${latest.lastError.slice(0, 120)})` : ''}.`,
    );
  } else lines.push('No question has been posted here yet. /studybot post posts one now.');
  return privateReply('status', lines, { title: 'studybot in this channel' });
}
