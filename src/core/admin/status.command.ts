import type { CommandHandler } from '../commands/command.types.js';
import type { CoreDeps } from '../core.deps.js';
import type { PostRow } from '../quiz/posts.port.js';
import { privateReply } from '../replies.js';
import { dayTitle, listDays } from '../schedule/days.js';
import type { ScheduleRow } from '../schedule/schedules.port.js';
import { nextSlot } from '../schedule/slots.js';
import { formatIn, formatLocal } from '../time.js';

/** How the latest post stands, in words: open, closed with its answer shown, waiting, or given up. */
function stateOf(post: PostRow): string {
  if (post.status === 'open') return 'open';
  if (post.revealError !== null) return `closed, but its answer could not be shown (${post.revealError})`;
  if (post.revealedAt === null) return 'closed, its answer not shown yet (retrying)';
  return 'closed, answer revealed';
}

/**
 * How a channel's schedule stands, in one or two lines: paused (and why), or when it posts and the next post.
 * Shared by `/studybot status` and the admin part of the home page.
 */
export function scheduleLines(
  schedule: ScheduleRow,
  adaptive: boolean,
  now: Date,
  recapDay?: string | null,
): string[] {
  if (schedule.paused)
    return [`Paused (${schedule.pausedReason ?? 'by an admin'}). /studybot resume restarts it.`];
  const next = nextSlot(schedule, now);
  return [
    `Daily at ${schedule.timeOfDay} (${schedule.timezone}), ${listDays(schedule.days)}${adaptive ? ', adaptive (the question the team most needs)' : ', in shuffled order'}.`,
    `Next post: ${formatLocal(next.at, schedule.timezone)}, ${formatIn(now, next.at)}.`,
    recapDay && recapDay !== 'off'
      ? `Weekly recap: every ${dayTitle(recapDay)} at ${schedule.timeOfDay}.`
      : 'Weekly recap: off.',
  ];
}

/** `/studybot status`: the schedule, the next post and the latest question in this channel. */
export const statusHandler =
  (
    deps: Pick<CoreDeps, 'catalog' | 'members' | 'channels' | 'posts' | 'schedules' | 'clock' | 'settings'>,
  ): CommandHandler =>
  async ({ actor }) => {
    const { members, channels, posts, schedules, clock } = deps;
    const now = clock.now();
    const { workspace } = await members.ensureMember(actor, deps.settings.defaultTimezone);
    const channel = await channels.findChannel(workspace.id, actor.channelId);
    const schedule = channel && (await schedules.getSchedule(channel.id));
    const lines: string[] = [];
    if (!schedule) lines.push('No daily question is scheduled here. Start one with /studybot setup 09:00.');
    else lines.push(...scheduleLines(schedule, channel?.adaptive === true, now, channel?.recapDay));
    const deck = deps.catalog.deckFor(channel?.deckId);
    lines.push(
      `Deck: ${deck.meta.title} (${deck.meta.id})${
        deps.catalog.decks.length > 1
          ? `; others: ${deps.catalog.decks
              .filter((d) => d !== deck)
              .map((d) => d.meta.id)
              .join(', ')} (/studybot setup <HH:MM> deck <id> changes it; scores stay)`
          : ''
      }.`,
    );
    const latest = channel && (await posts.latestPost(channel.id));
    if (latest?.postedAt) {
      const answers = await posts.answerCount(latest.id);
      const zone = schedule?.timezone ?? workspace.timezone;
      const counted = `${answers} answer${answers === 1 ? '' : 's'}`;
      lines.push(
        `Last post: ${formatLocal(latest.postedAt, zone)}, ${stateOf(latest)}, ${counted}${latest.status === 'open' ? ' so far' : ''}.`,
      );
    } else if (latest) {
      lines.push(
        `Last post attempt: ${latest.status}${latest.lastError ? ` (${latest.lastError.slice(0, 120)})` : ''}.`,
      );
    } else lines.push('No question has been posted here yet. /studybot post posts one now.');
    return [privateReply('status', lines, { title: 'studybot in this channel' })];
  };
