import { describe, expect, it } from 'vitest';
import { createMemoryHarness } from '../../../support/memory-harness.js';

describe('/help <command>', () => {
  it("gives one command's usage, options and who may run it", async () => {
    const h = await createMemoryHarness();
    const board = await h.say(h.actor('ann'), 'help', 'leaderboard');
    expect(board).toMatchObject({
      kind: 'help',
      visibility: 'only-user',
      title: "/leaderboard: The team's top 10",
    });
    expect(board.lines).toEqual([
      'Usage: /leaderboard [week|month|all|channel]. With nothing, this week.',
      'period: Which board (default: this week) (week, month, all, channel)',
    ]);
    expect(board.footer).toBeUndefined();
    // A leading slash is fine, and an admin command lists its sub-commands.
    const admin = await h.say(h.actor('ann'), 'help', '/studybot');
    expect(admin.lines).toContain('/studybot post: post the next question here now');
    expect(admin.footer).toBe('For workspace admins only.');
  });

  it('refuses a command it does not have by code, naming the ones it has; with nothing, lists them all', async () => {
    const h = await createMemoryHarness();
    const unknown = await h.say(h.actor('ann'), 'help', 'frobnicate');
    expect(unknown.code).toBe('COMMAND_UNKNOWN');
    expect(unknown.lines[0]).toContain('/explain');
    expect((await h.say(h.actor('ann'), 'help')).lines.at(-1)).toBe(
      '/help [command]: this list, or how to use one command',
    );
  });
});
