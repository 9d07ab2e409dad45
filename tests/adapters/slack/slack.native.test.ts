/**
 * Issue 17 on Slack: the App Home tab, the set-up modal and the "Explain terms in this message" shortcut,
 * through the real Bolt app with signed requests and the fake Web API (views.publish, views.open).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandRegistry } from '../../../src/core/commands/commands.js';
import type { FakeSlackUser } from '../../support/fake-slack.js';
import { blockText, buttonsOf, createSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const member = () => h.user({ id: 'U0HOMEMEM1', name: 'mo', displayName: 'Mo' });
const admin = () => h.user({ id: 'U0HOMEADM1', name: 'ada', displayName: 'Ada', isAdmin: true });

/** Opens the Home tab and returns the published view's text and buttons once it has been published `n` times. */
async function openHome(user: FakeSlackUser, n?: number) {
  const before = h.fake.homes.get(user.id)?.published ?? 0;
  const sent = await h.homeOpened(user);
  expect(sent.status).toBe(200);
  await h.handled(sent);
  return homeOf(user, n ?? before + 1);
}

async function homeOf(user: FakeSlackUser, n: number) {
  const home = await h.fake.waitFor(() => {
    const got = h.fake.homes.get(user.id);
    return got && got.published >= n ? got : undefined;
  }, `home published ${n} times`);
  return { text: blockText(home.view.blocks), buttons: buttonsOf(home.view.blocks), view: home.view };
}

describe('the App Home tab', () => {
  it("shows the member's own page: points this week, streak, readiness, practice, exam date and board visibility", async () => {
    const home = await openHome(member());
    expect(home.view.type).toBe('home');
    expect(home.text).toContain('studybot · Mo');
    expect(home.text).toContain('Points this week\n0');
    expect(home.text).toContain('Answer streak\n0 in a row');
    expect(home.text).toContain('No readiness yet');
    expect(home.text).toContain('No exam date set');
    expect(home.text).toContain('You are shown on the leaderboards.');
    expect(home.buttons.map((b) => b.value)).toEqual(['home:quiz', 'home:optout']);
    // Members do not see the channels' schedules.
    expect(home.text).not.toContain('Daily questions (admins)');
    // Every text is plain: nothing a member is called can format the page.
    expect(JSON.stringify(home.view.blocks)).not.toContain('"mrkdwn"');
  });

  it('hides the member from boards from its button, and the page is published again at once', async () => {
    const user = member();
    const before = (await openHome(user)).view;
    expect(before).toBeDefined();
    const published = h.fake.homes.get(user.id)?.published ?? 0;
    const sent = await h.clickHome(user, 'home:optout', 'D0HOMEMEM1');
    expect(sent.status).toBe(200);
    const home = await homeOf(user, published + 1);
    expect(home.text).toContain('You are hidden from every leaderboard.');
    expect(home.buttons.map((b) => b.value)).toEqual(['home:quiz', 'home:optin']);
    // The confirmation went to the member's DM with the app (a home tab has no response URL).
    const dm = await h.fake.waitFor(
      () =>
        h.fake.messages.find(
          (m) => m.channel === user.id && m.text.includes('hidden from every leaderboard'),
        ),
      'the opt-out confirmation in the DM',
    );
    expect(dm).toBeDefined();
    await h.clickHome(user, 'home:optin', 'D0HOMEMEM1');
    expect((await homeOf(user, published + 2)).text).toContain('You are shown on the leaderboards.');
  });

  it('starts practice from its button: the question comes as a DM, with its answer buttons', async () => {
    const user = member();
    await openHome(user);
    const sent = await h.clickHome(user, 'home:quiz', 'D0HOMEMEM1');
    await h.handled(sent);
    const question = await h.fake.waitFor(
      () =>
        h.fake.messages.find(
          (m) => m.channel === user.id && buttonsOf(m.blocks).some((b) => b.label === 'A'),
        ),
      'a practice question in the DM',
    );
    expect(buttonsOf(question.blocks)[0]?.value).toMatch(/^practice:\d+:A$/);
  });

  it("shows admins every channel's schedule and how it stands (paused, or the next post)", async () => {
    const ada = admin();
    await h.command(ada, '/studybot', 'setup 09:00 Europe/Berlin weekdays', { channel: 'C0HOMEA001' });
    const setup2 = await h.command(ada, '/studybot', 'setup 18:30', { channel: 'C0HOMEB001' });
    await h.handled(setup2);
    const paused = await h.command(ada, '/studybot', 'pause', { channel: 'C0HOMEB001' });
    await h.handled(paused);
    const home = await openHome(ada);
    expect(home.text).toContain('Daily questions (admins)');
    expect(home.text).toMatch(/Channel C0HOMEA001 · deck \S+: Daily at 09:00 \(Europe\/Berlin\), weekdays/);
    expect(home.text).toContain('Next post:');
    expect(home.text).toMatch(/Channel C0HOMEB001 · deck \S+: Paused \(paused by an admin\)/);
  });
});

describe('set-up in a dialog', () => {
  /** Runs `/studybot setup` with no arguments and returns the modal it opened. */
  async function openSetup(user: FakeSlackUser, channel: string) {
    const sent = await h.command(user, '/studybot', 'setup', { channel });
    await h.handled(sent);
    const modal = h.fake.modals.find((m) => m.triggerId === sent.triggerId);
    return { sent, modal };
  }

  it('opens a modal from the trigger: the channel, then one field per setup option of the registry, prefilled', async () => {
    const { modal } = await openSetup(admin(), 'C0MODAL001');
    if (!modal) throw new Error('no modal was opened');
    const blocks = modal.view.blocks as {
      block_id: string;
      optional: boolean;
      element: Record<string, unknown>;
    }[];
    const setup = commandRegistry.find('studybot')?.subcommands?.find((s) => s.name === 'setup');
    expect(blocks.map((b) => b.block_id)).toEqual(['channel', ...(setup?.options ?? []).map((o) => o.name)]);
    const byId = new Map(blocks.map((b) => [b.block_id, b]));
    expect(byId.get('channel')?.element).toMatchObject({
      type: 'conversations_select',
      initial_conversation: 'C0MODAL001',
    });
    // The workspace's zone is preselected (Europe/Berlin since the set-up above named it); deck and order
    // are selects.
    expect(byId.get('timezone')?.element).toMatchObject({
      type: 'plain_text_input',
      initial_value: 'Europe/Berlin',
    });
    expect(byId.get('deck')?.element.type).toBe('static_select');
    expect(byId.get('deck')?.element.options).toHaveLength(h.catalog.decks.length);
    expect(byId.get('adaptive')?.element.type).toBe('static_select');
    expect(byId.get('time')?.optional).toBe(false);
    expect(byId.get('days')?.optional).toBe(true);
  });

  it('shows a bad time or zone next to its field, and changes nothing', async () => {
    const ada = admin();
    const { modal } = await openSetup(ada, 'C0MODAL002');
    if (!modal) throw new Error('no modal was opened');
    const badTime = await h.submitView(ada, modal.view, {
      channel: 'C0MODAL002',
      time: '25:00',
      timezone: 'UTC',
    });
    expect(badTime.status).toBe(200);
    const timeAnswer = JSON.parse(badTime.text) as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(timeAnswer.response_action).toBe('errors');
    expect(Object.keys(timeAnswer.errors)).toEqual(['time']);
    expect(timeAnswer.errors.time).toContain('HH:MM');
    expect((await h.handled(badTime)).codes).toEqual(['FORM_INVALID']);

    const badZone = await h.submitView(ada, modal.view, {
      channel: 'C0MODAL002',
      time: '09:00',
      timezone: 'Mars/Olympus',
      days: 'weekdays',
    });
    const zoneAnswer = JSON.parse(badZone.text) as { errors: Record<string, string> };
    expect(Object.keys(zoneAnswer.errors)).toEqual(['timezone']);
    expect(zoneAnswer.errors.timezone).toContain('Mars/Olympus');
    const status = await h.command(ada, '/studybot', 'status', { channel: 'C0MODAL002' });
    const [reply] = await h.replies(status.responseUrl);
    expect(blockText(reply?.body.blocks)).toContain('No daily question is scheduled here');
  });

  it('saves a valid form through the same set-up as the typed command, announced in the chosen channel', async () => {
    const ada = admin();
    const { modal } = await openSetup(ada, 'C0MODAL003');
    if (!modal) throw new Error('no modal was opened');
    const deck = h.catalog.decks.at(-1)?.meta.id ?? '';
    const saved = await h.submitView(ada, modal.view, {
      channel: 'C0MODAL004',
      time: '07:45',
      timezone: 'America/New_York',
      days: 'mon,wed,fri',
      deck,
      adaptive: 'true',
    });
    expect(saved).toMatchObject({ status: 200, text: '' });
    expect((await h.handled(saved)).codes).toEqual([]);
    const announced = await h.fake.waitFor(
      () =>
        h.fake.messages.find(
          (m) => m.channel === 'C0MODAL004' && m.text.includes('Daily question scheduled'),
        ),
      'the set-up announcement in the chosen channel',
    );
    expect(announced.text).toContain('07:45 (America/New_York)');
    expect(announced.text).toContain(`(${deck})`);
    expect(announced.text).toContain('Adaptive');
  });

  it('tells the admin in a DM when the chosen channel refuses the announcement (the bot is not in it)', async () => {
    const ada = admin();
    const { modal } = await openSetup(ada, 'C0MODAL006');
    if (!modal) throw new Error('no modal was opened');
    h.fake.once('chat.postMessage', { error: 'not_in_channel' });
    const saved = await h.submitView(ada, modal.view, { channel: 'C0MODAL007', time: '06:00' });
    expect((await h.handled(saved)).codes).toEqual([]);
    const dm = await h.fake.waitFor(
      () => h.fake.messages.find((m) => m.channel === ada.id && m.text.includes('Daily question scheduled')),
      'the announcement in the DM',
    );
    expect(dm.text).toContain('06:00');
  });

  it('keeps typed arguments working, and opens nothing for members (NOT_ADMIN)', async () => {
    const typed = await h.command(admin(), '/studybot', 'setup 10:00 UTC', { channel: 'C0MODAL005' });
    const [reply] = await h.replies(typed.responseUrl);
    expect(reply?.body.response_type).toBe('in_channel');
    const { sent, modal } = await openSetup(member(), 'C0MODAL005');
    expect(modal).toBeUndefined();
    expect((await h.handled(sent)).codes).toEqual(['NOT_ADMIN']);
  });
});

describe('the "Explain terms in this message" shortcut', () => {
  it('answers in a DM when the response URL cannot take it', async () => {
    const user = member();
    const sent = await h.shortcut(user, 'what is a security group?', {
      responseUrl: `${h.fake.baseUrl}/gone`,
    });
    expect(sent.status).toBe(200);
    await h.handled(sent);
    const dm = await h.fake.waitFor(
      () => h.fake.messages.find((m) => m.channel === user.id && m.text.includes('Terms in this message')),
      'the explanation in the DM',
    );
    expect(blockText(dm.blocks)).toContain('A stateful virtual firewall for instances.');
  });
});
