import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_TOKEN,
  BOT_TOKEN,
  blockActionsForm,
  blockText,
  CHANNEL,
  commandForm,
  createSlackHarness,
  type SlackHarness,
} from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness({ mode: 'socket' });
});
afterAll(async () => {
  await h?.close();
});

const member = () => h.user({ id: 'U0SOCKET1', name: 'sol', displayName: 'Sol' });

/** The payload Slack puts in a Socket Mode envelope for a slash command: the form's fields as an object. */
const commandPayload = (command: string, text: string, responseUrl: string) =>
  Object.fromEntries(new URLSearchParams(commandForm(h.fake, member(), command, text, CHANNEL, responseUrl)));

describe('Socket Mode', () => {
  it('connects with the app-level token through apps.connections.open and reports healthy', async () => {
    const opened = h.fake.callsTo('apps.connections.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.token).toBe(APP_TOKEN);
    expect(h.fake.callsTo('auth.test')[0]?.token).toBe(BOT_TOKEN);
    expect(h.fake.socketConnections()).toBe(1);
    expect(h.adapter.mode).toBe('socket');
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ checks: { slack: true, database: true } });
    // No public endpoint in Socket Mode: the HTTP server only serves /healthz.
    expect((await fetch(h.eventsUrl, { method: 'POST', body: 'x' })).status).toBe(404);
  });

  it('acknowledges a slash command envelope with an empty ack and answers through the response URL', async () => {
    const responseUrl = h.fake.responseUrl();
    const ack = await h.fake.sendEnvelope('slash_commands', commandPayload('/explain', 'scp', responseUrl));
    expect(ack.payload ?? {}).toEqual({});
    const [reply] = await h.replies(responseUrl);
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(blockText(reply?.body.blocks)).toContain('Service control policy (SCP)');
  });

  it('acknowledges before the slow work, as over HTTP', async () => {
    const held = h.fake.hold('users.info');
    try {
      const responseUrl = h.fake.responseUrl();
      const slow = {
        ...commandPayload('/stats', '', responseUrl),
        user_id: 'U0SLOWSOC',
        user_name: 'slowsock',
      };
      h.user({ id: 'U0SLOWSOC', name: 'slowsock', displayName: 'Slow Socket' });
      const ack = await h.fake.sendEnvelope('slash_commands', slow);
      expect(ack.payload ?? {}).toEqual({});
      await held.reached;
      expect(h.fake.responsesTo(responseUrl)).toEqual([]);
      held.release();
      expect(blockText((await h.replies(responseUrl))[0]?.body.blocks)).toContain('Stats for Slow Socket');
    } finally {
      held.release();
    }
  });

  it('takes a button press from an interactive envelope', async () => {
    const responseUrl = h.fake.responseUrl();
    const form = blockActionsForm(h.fake, member(), 'explain:guardduty', {
      channel: CHANNEL,
      messageTs: '1700000000.000009',
      actionId: 'studybot_0',
      responseUrl,
    });
    const payload = JSON.parse(new URLSearchParams(form).get('payload') ?? '{}');
    const ack = await h.fake.sendEnvelope('interactive', payload);
    expect(ack.payload ?? {}).toEqual({});
    const [reply] = await h.replies(responseUrl);
    expect(reply?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blockText(reply?.body.blocks)).toContain('Amazon GuardDuty');
  });

  it('disconnects on stop and reports unhealthy', async () => {
    await h.adapter.stop();
    expect(h.adapter.ready()).toBe(false);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(503);
  });
});
