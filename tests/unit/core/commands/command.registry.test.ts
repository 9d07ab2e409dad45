import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../../src/core/actor.js';
import { commandRegistry } from '../../../../src/core/commands/commands.js';
import { createMemoryHarness } from '../../../support/memory-harness.js';

const actor = (isAdmin: boolean): Actor => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  userId: 'U1',
  userName: 'u',
  isAdmin,
});

describe('the command registry', () => {
  it('derives /help from the specs, one line per command', () => {
    expect(commandRegistry.helpLines()).toEqual([
      '/explain [term]: what a term means; /explain list browses every deck',
      '/quiz [deck or topic]: a practice question picked for you by spaced repetition, from a deck or topic if you name one',
      '/readiness [me|team]: how ready you are for the exam, per objective; /readiness team for the channel',
      '/exam <YYYY-MM-DD|clear>: set your exam date, e.g. /exam 2027-02-15, or /exam clear',
      '/leaderboard [week|month|all|channel]: the team board',
      '/stats [optout|optin]: your points, streaks and weakest topic; hide or show yourself on boards',
      '/studybot setup|post|close|pause|resume|status|recap|reports|deck-stats: run the daily question in this channel (admins)',
      '/help [command]: this list, or how to use one command',
    ]);
    for (const spec of commandRegistry.specs) expect(spec.description.length).toBeLessThanOrEqual(100);
  });

  it('says who must be checked with the platform, what answers at once, and where the reply goes', () => {
    expect(commandRegistry.needsFreshRole('studybot')).toBe(true);
    expect(commandRegistry.needsFreshRole('leaderboard')).toBe(false);
    expect(commandRegistry.isImmediate('explain')).toBe(true);
    expect(commandRegistry.isImmediate('stats')).toBe(false);
    // An unknown command is refused from memory, so it answers at once too.
    expect(commandRegistry.isImmediate('remind')).toBe(true);
    expect(commandRegistry.replyVisibility(actor(true), 'studybot', 'setup 09:00')).toBe('channel');
    expect(commandRegistry.replyVisibility(actor(false), 'studybot', 'setup 09:00')).toBe('only-user');
    expect(commandRegistry.replyVisibility(actor(true), 'studybot', 'status')).toBe('only-user');
    expect(commandRegistry.replyVisibility(actor(true), 'nothing', '')).toBe('only-user');
  });

  it('turns structured options (Discord) into the text form every platform shares', () => {
    const values: Record<string, string> = { time: ' 9:30 ', timezone: 'America/New York', days: 'weekdays' };
    expect(commandRegistry.textFromOptions('studybot', 'setup', (o) => values[o.name])).toBe(
      'setup 9:30 America/New_York weekdays',
    );
    expect(commandRegistry.textFromOptions('explain', undefined, () => ' shared  responsibility ')).toBe(
      'shared  responsibility',
    );
    expect(commandRegistry.textFromOptions('studybot', 'post', () => undefined)).toBe('post');
    // A boolean travels as its name when true and as its off-word when false (so Discord can turn it off).
    const flag = (adaptive: boolean) => (o: { name: string }) =>
      o.name === 'adaptive' ? adaptive : values[o.name];
    expect(commandRegistry.textFromOptions('studybot', 'setup', flag(true))).toBe(
      'setup 9:30 America/New_York weekdays adaptive',
    );
    expect(commandRegistry.textFromOptions('studybot', 'setup', flag(false))).toBe(
      'setup 9:30 America/New_York weekdays shuffled',
    );
    expect(commandRegistry.completionField('studybot', 'setup', 'timezone')).toBe('timezone');
    expect(commandRegistry.completionField('explain', undefined, 'term')).toBe('term');
    expect(commandRegistry.completionField('explain', undefined, 'other')).toBeUndefined();
  });

  it('refuses an unknown command by naming the commands there are, and admin commands to members', async () => {
    const h = await createMemoryHarness();
    const unknown = await h.say(h.actor('ann'), 'frobnicate', 'now');
    expect(unknown.code).toBe('COMMAND_UNKNOWN');
    expect(unknown.lines[0]).toContain(
      '/explain, /quiz, /readiness, /exam, /leaderboard, /stats, /studybot and /help',
    );
    expect((await h.say(h.actor('ann'), 'studybot', 'post')).code).toBe('NOT_ADMIN');
    expect(h.publisher.messages).toEqual([]);
  });
});
