/**
 * Issue 12: a redelivered request (a proxy's or Slack's retry of the same signed form, same trigger_id) is
 * acknowledged and not acted on again; the memory of accepted deliveries is in the database, so it holds
 * across replicas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, buttonsOf, createSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const admin = () => h.user({ id: 'U0ADMIN01', name: 'alice', displayName: 'Alice Admin', isAdmin: true });
const member = () => h.user({ id: 'U0BOB0001', name: 'bob', displayName: 'Bob', isAdmin: false });
const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };

describe('redelivered Slack requests', () => {
  it('posts once when the same signed /studybot post arrives again with a fresh timestamp', async () => {
    const channel = 'C0REDELIV1';
    const first = await h.command(admin(), '/studybot', 'post', { channel });
    expect(first.status).toBe(200);
    await h.handled(first);
    const again = await h.command(admin(), '/studybot', 'post', {
      channel,
      triggerId: first.triggerId,
      responseUrl: first.responseUrl,
      timestamp: Math.floor(Date.now() / 1000) + 1,
      headers: retry,
    });
    expect(again.status).toBe(200);
    const events = await h.observer.eventsFor(first.triggerId, 2);
    expect(events.map((e) => e.outcome)).toEqual(['ok', 'redelivered']);
    const questions = h.fake.messages.filter((m) => m.channel === channel && !m.threadTs);
    expect(questions).toHaveLength(1);
    // Nothing was closed or revealed by a second post, and the admin heard back once.
    expect(h.fake.messages.filter((m) => m.channel === channel && m.threadTs)).toHaveLength(0);
    expect(questions[0]?.updates).toHaveLength(0);
    expect(h.fake.responsesTo(first.responseUrl)).toHaveLength(1);
    // A new request (a new trigger_id) is a new post, as before.
    const second = await h.command(admin(), '/studybot', 'post', { channel });
    expect((await h.handled(second)).outcome).toBe('ok');
    expect(h.fake.messages.filter((m) => m.channel === channel && !m.threadTs)).toHaveLength(2);
  });

  it('answers a redelivered click once; a new click on the same button is ALREADY_ANSWERED', async () => {
    const channel = 'C0REDELIV2';
    await h.handled(await h.command(admin(), '/studybot', 'post', { channel }));
    const message = h.fake.messages.find((m) => m.channel === channel && !m.threadTs);
    const value = buttonsOf(message?.blocks)[0]?.value ?? '';
    const click = await h.click(member(), value, { channel, messageTs: message?.ts ?? '' });
    await h.handled(click);
    await h.click(member(), value, {
      channel,
      messageTs: message?.ts ?? '',
      triggerId: click.triggerId,
      responseUrl: click.responseUrl,
      headers: retry,
    });
    const events = await h.observer.eventsFor(click.triggerId, 2);
    expect(events.map((e) => e.outcome)).toEqual(['ok', 'redelivered']);
    expect(h.fake.responsesTo(click.responseUrl)).toHaveLength(1);
    expect(blockText(h.fake.responsesTo(click.responseUrl)[0]?.body.blocks)).toMatch(/Correct!|Not quite/);
    const fresh = await h.click(member(), value, { channel, messageTs: message?.ts ?? '' });
    expect((await h.handled(fresh)).codes).toEqual(['ALREADY_ANSWERED']);
  });
});
