import type { CommandHandler } from '../commands/command.types.js';
import type { CoreDeps } from '../core.deps.js';
import { refusal } from '../refusals.js';
import { privateReply } from '../replies.js';
import { showDisplayName } from '../user-text.js';
import { boardFor, PERIODS, type Period, periodLabel } from './periods.js';
import type { LeaderboardRow } from './scores.port.js';

const TOP = 10;

const row = (r: LeaderboardRow, me: number) =>
  `${r.rank}. ${showDisplayName(r.displayName)}: ${r.points} pts (${r.correct}/${r.answered} right)${r.memberId === me ? '  ← you' : ''}`;

/** `/leaderboard [week|month|all|channel]`: the top 10 of the team, plus the caller's rank when lower. */
export const leaderboardHandler =
  (deps: Pick<CoreDeps, 'members' | 'channels' | 'scores' | 'clock' | 'settings'>): CommandHandler =>
  async ({ actor, text, usage }) => {
    const arg = text.trim().toLowerCase() || 'week';
    if (!(PERIODS as readonly string[]).includes(arg)) return [refusal('ARGUMENT_INVALID', { usage })];
    const period = arg as Period;
    const { members, channels, scores, clock } = deps;
    const { workspace, member } = await members.ensureMember(actor, deps.settings.defaultTimezone);
    const now = clock.now();
    let board: string;
    let label: string;
    if (period === 'channel') {
      const channel = await channels.findChannel(workspace.id, actor.channelId);
      if (!channel)
        return [
          privateReply('info', ['No question has been posted in this channel yet, so it has no board.']),
        ];
      board = `channel:${channel.id}`;
      label = 'this channel, all time';
    } else {
      board = boardFor(period, now, workspace.timezone);
      label = periodLabel(period, now, workspace.timezone);
    }
    const result = await scores.leaderboard(workspace.id, board, member.id, TOP);
    const lines =
      result.top.length === 0
        ? ['Nobody has scored here yet. Answer the next question to open the board.']
        : result.top.map((r) => row(r, member.id));
    if (result.me) lines.push('…', row(result.me, member.id));
    const footer = member.leaderboardOptOut
      ? 'You are hidden from leaderboards. /stats optin shows you again.'
      : `Ranked by points, then correct answers, then who got there first. Times in ${workspace.timezone}.`;
    return [privateReply('leaderboard', lines, { title: `Leaderboard · ${label}`, footer })];
  };
