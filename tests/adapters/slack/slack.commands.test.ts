import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../../../src/db/schema.js';
import type { ResponsePost } from '../../support/fake-slack.js';
import { blockText, buttonsOf, createSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const member = () => h.user({ id: 'U0MEMBER1', name: 'mel', displayName: 'Mel' });
const admin = () => h.user({ id: 'U0ADMIN01', name: 'alice', displayName: 'Alice', isAdmin: true });

/**
 * Sends a command and returns its one answer, after checking the empty 200 that acknowledged it, with the
 * refusal codes the pipeline reported for it.
 */
async function run(
  user: ReturnType<typeof member>,
  command: string,
  text = '',
  channel = 'C0CMDS0001',
): Promise<ResponsePost & { content: string; codes: string[] }> {
  const sent = await h.command(user, command, text, { channel });
  expect(sent).toMatchObject({ status: 200, text: '' });
  const [reply] = await h.replies(sent.responseUrl);
  if (!reply) throw new Error('no reply');
  const event = await h.handled(sent);
  return { ...reply, content: blockText(reply.body.blocks), codes: event.codes };
}

describe('/explain', () => {
  it('explains a term privately, with its fields and source', async () => {
    const reply = await run(member(), '/explain', 'scp');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.content).toContain('Service control policy (SCP)');
    expect(reply.content).toContain('Sets the maximum permissions for accounts in an organization.');
    expect(reply.content).toContain('Related\nIAM policy (/explain iam-policy)');
    expect(reply.content).toContain('From the notes: Basics');
    expect(reply.body.text).toContain('Service control policy (SCP)');
  });

  it('offers "did you mean" buttons for a typo, and a press explains the term', async () => {
    const reply = await run(member(), '/explain', 'scpp');
    expect(reply.content).toContain('I don\'t know "scpp". Did you mean');
    const button = buttonsOf(reply.body.blocks).find((b) => b.label === 'Service control policy (SCP)');
    expect(button?.value).toBe('explain:scp');
    const click = await h.click(member(), button?.value ?? '', { channel: 'C0CMDS0001' });
    const [explained] = await h.replies(click.responseUrl);
    expect(explained?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blockText(explained?.body.blocks)).toContain('Service control policy (SCP)');
  });

  it('reads the entities Slack puts in command text as the characters the user typed', async () => {
    // The user typed `scp & <iam>`; Slack sends `scp &amp; &lt;iam&gt;`. The reply quotes it once escaped.
    const reply = await run(member(), '/explain', 'scp &amp; &lt;iam&gt;');
    expect(reply.raw).toContain('scp &amp; &lt;iam&gt;');
    expect(reply.raw).not.toContain('&amp;amp;');
    expect(reply.raw).not.toContain('&amp;lt;');
  });

  it('answers an empty /explain with its usage', async () => {
    // Slack shows `&lt;term&gt;` as <term>: the core's text is escaped like any other.
    // With no term it browses the terms, after the usage line.
    expect((await run(member(), '/explain')).content).toContain(
      'Usage: /explain &lt;term&gt;, or /explain list',
    );
  });
});

describe('/quiz', () => {
  it('asks a private practice question whose buttons answer it privately', async () => {
    const reply = await run(member(), '/quiz');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.content).toMatch(/Practice · (Identity|Network)/);
    const buttons = buttonsOf(reply.body.blocks);
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    expect(buttons[0]?.value).toMatch(/^practice:\d+:A$/);
    const click = await h.click(member(), buttons[0]?.value ?? '', { channel: 'C0CMDS0001' });
    const [answer] = await h.replies(click.responseUrl);
    expect(blockText(answer?.body.blocks)).toMatch(/(Correct!|Not quite\.)/);
    expect(blockText(answer?.body.blocks)).toContain('It comes back');
  });
});

describe('/leaderboard', () => {
  it('shows each period privately and explains its arguments', async () => {
    expect((await run(member(), '/leaderboard')).content).toMatch(/Leaderboard · this week \(since /);
    expect((await run(member(), '/leaderboard', 'week')).content).toMatch(/Leaderboard · this week/);
    expect((await run(member(), '/leaderboard', 'month')).content).toMatch(/Leaderboard · this month \(/);
    const all = await run(member(), '/leaderboard', 'all');
    expect(all.body.response_type).toBe('ephemeral');
    expect(all.content).toContain('Leaderboard · all time');
    expect(all.content).toContain('Nobody has scored here yet.');
    expect((await run(member(), '/leaderboard', 'channel', 'C0NEVER001')).content).toContain(
      'No question has been posted in this channel yet',
    );
    const wrong = await run(member(), '/leaderboard', 'yesterday');
    expect(wrong.codes).toEqual(['ARGUMENT_INVALID']);
    expect(wrong.body.text).toContain('/leaderboard [week|month|all|channel]');
  });

  it('has a channel board once a question was posted there', async () => {
    await run(admin(), '/studybot', 'post', 'C0BOARD001');
    expect((await run(member(), '/leaderboard', 'channel', 'C0BOARD001')).content).toContain(
      'Leaderboard · this channel, all time',
    );
  });
});

describe('/stats', () => {
  it('shows the member their stats, and hides and shows them on boards', async () => {
    const stats = await run(member(), '/stats');
    expect(stats.body.response_type).toBe('ephemeral');
    expect(stats.content).toContain('Stats for Mel');
    expect((await run(member(), '/stats', 'optout')).body.text).toMatch(
      /^Done: you are hidden from every leaderboard/,
    );
    expect((await run(member(), '/leaderboard', 'all')).content).toContain(
      'You are hidden from leaderboards.',
    );
    expect((await run(member(), '/stats', 'optin')).body.text).toBe(
      'Done: you appear on the leaderboards again.',
    );
    expect((await run(member(), '/leaderboard', 'all')).content).not.toContain('You are hidden');
    expect((await run(member(), '/stats', 'please')).codes).toEqual(['ARGUMENT_INVALID']);
  });
});

describe('/studybot', () => {
  it('sets up the schedule with a confirmation the channel sees, and reports, pauses and resumes it', async () => {
    const channel = 'C0SCHED001';
    const setup = await run(admin(), '/studybot', 'setup 09:00 Europe/Berlin weekdays', channel);
    expect(setup.body.response_type).toBe('in_channel');
    expect(setup.content).toContain('Daily question scheduled');
    expect(setup.content).toContain('at 09:00 (Europe/Berlin) every weekday');
    const rows = await h.database.db.select().from(schedules);
    expect(rows.map((r) => [r.timeOfDay, r.timezone, r.days, r.paused])).toContainEqual([
      '09:00',
      'Europe/Berlin',
      'weekdays',
      false,
    ]);

    const status = await run(admin(), '/studybot', 'status', channel);
    expect(status.body.response_type).toBe('ephemeral');
    expect(status.content).toContain('Daily at 09:00 (Europe/Berlin), weekdays, in shuffled order.');

    expect((await run(admin(), '/studybot', 'pause', channel)).body.text).toBe(
      'Paused: no daily question here until /studybot resume.',
    );
    expect((await run(admin(), '/studybot', 'status', channel)).content).toContain(
      'Paused (paused by an admin)',
    );
    expect((await run(admin(), '/studybot', 'resume', channel)).body.text).toMatch(
      /^Resumed: the next question arrives /,
    );
    expect((await run(admin(), '/studybot', 'setup 25:00', channel)).codes).toEqual(['SETUP_TIME_INVALID']);
  });

  it('posts now, closes, and says when there is nothing to close', async () => {
    const channel = 'C0POST0001';
    expect((await run(admin(), '/studybot', 'close', channel)).body.text).toBe(
      'There is no open question in this channel.',
    );
    expect((await run(admin(), '/studybot', 'post', channel)).body.text).toBe(
      'Posted the next question in this channel.',
    );
    expect(h.fake.messages.filter((m) => m.channel === channel)).toHaveLength(1);
    expect((await run(admin(), '/studybot', 'close', channel)).body.text).toBe(
      'Closed the question and revealed its answer.',
    );
    expect((await run(admin(), '/studybot', 'status', channel)).content).toMatch(
      /Last post: .*, closed, answer revealed, 0 answers/,
    );
    expect((await run(admin(), '/studybot', 'pause', channel)).codes).toEqual(['NO_SCHEDULE']);
  });

  it('lists its subcommands when given none', async () => {
    const usage = await run(admin(), '/studybot');
    expect(usage.content).toContain(
      '/studybot setup &lt;HH:MM&gt; [IANA time zone] [daily|weekdays|weekends|mon,wed,fri] [deck &lt;deck id&gt;]',
    );
  });

  it('lets owners and primary owners in too', async () => {
    const owner = h.user({ id: 'U0OWNER01', name: 'olga', isOwner: true });
    const primary = h.user({ id: 'U0PRIME01', name: 'pat', realName: 'Pat Primary', isPrimaryOwner: true });
    expect((await run(owner, '/studybot', 'status')).content).toContain('studybot in this channel');
    expect((await run(primary, '/studybot', 'status')).content).toContain('studybot in this channel');
  });
});

describe('a command the app does not know', () => {
  it('is acknowledged and answered privately', async () => {
    const reply = await run(member(), '/studybot-typo');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.codes).toEqual(['COMMAND_UNKNOWN']);
    // It names the commands there are, from the registry.
    expect(reply.body.text).toContain(
      '/explain, /quiz, /readiness, /exam, /leaderboard, /stats, /studybot and /help',
    );
  });
});
