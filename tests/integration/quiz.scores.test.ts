import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/replies.js';
import { answerActionOf, createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: '2027-01-04T15:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

/** Posts a question in `channel` and returns the letters of its right and a wrong choice. */
async function post(channel: string, workspace = 'w1') {
  await h.bot.command(h.actor('admin', { admin: true, channel, workspace }), 'studybot', 'post');
  const message = [...h.publisher.messages].reverse().find((m) => m.channel.channelExternalId === channel);
  const question = h.catalog.decks[0]?.questions.find((q) => q.prompt === message?.reply.lines[0]);
  if (!question) throw new Error('posted question not found');
  return { right: question.answer, wrong: question.answer === 'A' ? 'B' : 'A' };
}

async function answer(name: string, letter: string, channel: string, workspace = 'w1'): Promise<Reply> {
  const [reply] = await h.bot.action(
    h.actor(name, { channel, workspace }),
    answerActionOf(h, letter, channel),
  );
  if (!reply) throw new Error('no reply');
  return reply;
}

const board = async (name: string, arg: string, channel = 'scores', workspace = 'w1') =>
  (await h.bot.command(h.actor(name, { channel, workspace }), 'leaderboard', arg))[0];

describe('scoring and streaks', () => {
  it('adds a streak bonus for consecutive posts and resets after a missed one', async () => {
    const points: string[] = [];
    for (const plan of ['right', 'right', 'wrong', 'right', 'skip', 'right'] as const) {
      const q = await post('streak');
      if (plan === 'skip') continue;
      const reply = await answer('sam', plan === 'right' ? q.right : q.wrong, 'streak');
      // The title says the points once ("Correct! +12 points"); a wrong answer scores nothing.
      points.push(/\+(\d+) points/.exec(reply.title ?? '')?.[0]?.replace(' points', '') ?? '+0');
      if (plan !== 'wrong') expect(reply.title).toMatch(/^Correct!/);
    }
    // 10 base, +2 per post answered in a row before this one; a wrong answer scores 0 but keeps the streak.
    expect(points).toEqual(['+10', '+12', '+0', '+16', '+10']);
    const [stats] = await h.bot.command(h.actor('sam', { channel: 'streak' }), 'stats', '');
    expect(stats?.fields).toContainEqual({ label: 'Points', value: '48', short: true });
    expect(stats?.fields).toContainEqual({ label: 'Answer streak', value: '1 in a row', short: true });
    expect(stats?.fields).toContainEqual({ label: 'Best answer streak', value: '4 in a row', short: true });
    expect(stats?.fields).toContainEqual({ label: 'Accuracy', value: '80%', short: true });
  });
});

describe('leaderboards', () => {
  it('ranks by points, then correct answers, then who got there first, and shows the caller outside the top 10', async () => {
    const q = await post('scores', 'rank');
    // 12 players answer right, in order; the 13th answers wrong.
    for (let i = 1; i <= 12; i++) {
      h.clock.advance(1000);
      await answer(`p${String(i).padStart(2, '0')}`, q.right, 'scores', 'rank');
    }
    await answer('zed', q.wrong, 'scores', 'rank');
    const reply = await board('zed', 'week', 'scores', 'rank');
    expect(reply?.title).toBe('Leaderboard · this week (since Mon 4 Jan)');
    const lines = reply?.lines ?? [];
    expect(lines.slice(0, 3)).toEqual([
      '1. p01: 10 pts (1/1 right)',
      '2. p02: 10 pts (1/1 right)',
      '3. p03: 10 pts (1/1 right)',
    ]);
    expect(lines[9]).toBe('10. p10: 10 pts (1/1 right)');
    expect(lines.slice(10)).toEqual(['…', '13. zed: 0 pts (0/1 right)  ← you']);
    const mine = await board('p11', 'week', 'scores', 'rank');
    expect(mine?.lines.slice(10)).toEqual(['…', '11. p11: 10 pts (1/1 right)  ← you']);
  });

  it('hides members who opt out, and shows them again when they opt in', async () => {
    const [done] = await h.bot.command(
      h.actor('p01', { channel: 'scores', workspace: 'rank' }),
      'stats',
      'optout',
    );
    expect(done?.lines[0]).toMatch(/^Done: you are hidden/);
    const hidden = await board('p01', 'week', 'scores', 'rank');
    expect(hidden?.lines[0]).toBe('1. p02: 10 pts (1/1 right)');
    expect(hidden?.lines.join('\n')).not.toContain('p01');
    expect(hidden?.footer).toMatch(/^You are hidden from leaderboards/);
    await h.bot.command(h.actor('p01', { channel: 'scores', workspace: 'rank' }), 'stats', 'optin');
    expect((await board('p01', 'week', 'scores', 'rank'))?.lines[0]).toBe(
      '1. p01: 10 pts (1/1 right)  ← you',
    );
  });

  it('keeps workspaces apart and has a board per channel', async () => {
    const q = await post('elsewhere', 'w2');
    await answer('outsider', q.right, 'elsewhere', 'w2');
    expect((await board('sam', 'all'))?.lines.join('\n')).not.toContain('outsider');
    expect((await board('outsider', 'all', 'elsewhere', 'w2'))?.lines).toEqual([
      '1. outsider: 10 pts (1/1 right)  ← you',
    ]);
    const channelBoard = await board('sam', 'channel', 'streak');
    expect(channelBoard?.title).toBe('Leaderboard · this channel, all time');
    expect(channelBoard?.lines).toEqual(['1. sam: 48 pts (4/5 right)  ← you']);
    const none = await board('sam', 'channel', 'never-posted');
    expect(none?.lines[0]).toMatch(/^No question has been posted in this channel yet/);
  });

  it('refuses an unknown period with usage help', async () => {
    const refused = await board('sam', 'yesterday');
    expect(refused?.code).toBe('ARGUMENT_INVALID');
    // The usage help comes from the command registry.
    expect(refused?.lines[0]).toBe('Usage: /leaderboard [week|month|all|channel]. With nothing, this week.');
  });

  it("counts an answer at Sunday 23:30 in the workspace's zone in that week, not the next", async () => {
    const ny = { workspace: 'ny', channel: 'ny' };
    await h.bot.command(h.actor('admin', { admin: true, ...ny }), 'studybot', 'setup 09:00 America/New_York');
    // Sunday 2027-01-10 23:30 in New York is Monday 04:30 UTC.
    h.clock.set('2027-01-11T04:30:00Z');
    const q = await post('ny', 'ny');
    await answer('nora', q.right, 'ny', 'ny');
    const sunday = await board('nora', 'week', 'ny', 'ny');
    expect(sunday?.title).toBe('Leaderboard · this week (since Mon 4 Jan)');
    expect(sunday?.lines).toEqual(['1. nora: 10 pts (1/1 right)  ← you']);
    h.clock.set('2027-01-11T05:30:00Z'); // Monday 00:30 in New York: a new week
    const monday = await board('nora', 'week', 'ny', 'ny');
    expect(monday?.title).toBe('Leaderboard · this week (since Mon 11 Jan)');
    expect(monday?.lines[0]).toMatch(/^Nobody has scored here yet/);
    expect((await board('nora', 'month', 'ny', 'ny'))?.lines).toEqual(['1. nora: 10 pts (1/1 right)  ← you']);
    expect((await board('nora', 'all', 'ny', 'ny'))?.lines).toEqual(['1. nora: 10 pts (1/1 right)  ← you']);
  });
});

describe('/stats', () => {
  it('shows accuracy per topic and names the weakest topic with a term to explain', async () => {
    const [stats] = await h.bot.command(
      h.actor('zed', { channel: 'scores', workspace: 'rank' }),
      'stats',
      '',
    );
    expect(stats?.title).toBe('Stats for zed');
    expect(stats?.lines[0]).toBe('Questions of the day: 1 answered, 0 right.');
    expect(stats?.lines.some((l) => /^Weakest topic: .+\. Try \/explain [a-z0-9-]+\.$/.test(l))).toBe(true);
    const [fresh] = await h.bot.command(h.actor('newbie', { channel: 'scores' }), 'stats', '');
    expect(fresh?.lines[0]).toMatch(/^You have not answered a question of the day yet/);
    const [usage] = await h.bot.command(h.actor('newbie', { channel: 'scores' }), 'stats', 'everything');
    expect(usage?.code).toBe('ARGUMENT_INVALID');
  });
});
