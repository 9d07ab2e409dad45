import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelAddress, PublishError } from '../../../src/core/publishing/publisher.port.js';
import type { Reply } from '../../../src/core/replies.js';
import { blockText, buttonsOf, createSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const address = (channel: string): ChannelAddress => ({
  platform: 'slack',
  workspaceExternalId: h.fake.teamId,
  channelExternalId: channel,
});
const question: Reply = {
  kind: 'question',
  visibility: 'channel',
  title: 'Question of the day · Identity',
  lines: ['Does an SCP grant permissions?', 'A. Yes, always', 'B. No, it only limits them'],
  buttons: [
    { actionId: 'answer:1:A', label: 'A' },
    { actionId: 'answer:1:B', label: 'B' },
  ],
  footer: 'Answer with a button.',
};
const closed: Reply = { ...question, buttons: [], title: 'Question of the day · Identity (closed)' };
const reveal: Reply = {
  kind: 'reveal',
  visibility: 'channel',
  title: 'The answer: B.',
  lines: ['SCPs limit.'],
};

/** The publisher's failure for one scripted chat.postMessage answer. */
async function postFailure(script: Parameters<SlackHarness['fake']['once']>[1]): Promise<PublishError> {
  h.fake.once('chat.postMessage', script);
  const error = await h.adapter.publisher.post(address('C0PUBLISH1'), question).catch((e: unknown) => e);
  if (!(error instanceof PublishError)) throw new Error(`expected a PublishError, got ${String(error)}`);
  return error;
}

describe('the Slack publisher', () => {
  it('posts the question with chat.postMessage and returns its ts', async () => {
    const ts = await h.adapter.publisher.post(address('C0PUBLISH1'), question);
    const message = h.fake.messages.find((m) => m.ts === ts);
    expect(message?.channel).toBe('C0PUBLISH1');
    expect(buttonsOf(message?.blocks).map((b) => b.value)).toEqual(['answer:1:A', 'answer:1:B']);
    const call = h.fake.callsTo('chat.postMessage').at(-1);
    expect(call?.params).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    expect(call?.token).toBe('xoxb-1111-2222-faketokenfortests');
  });

  it('maps channel_not_found and the other dead ends to unreachable', async () => {
    const notFound = await postFailure({ error: 'channel_not_found' });
    expect(notFound.kind).toBe('unreachable');
    expect(notFound.message).toBe(
      'Slack refused chat.postMessage: channel_not_found (invite the bot to the channel with /invite @studybot)',
    );
    for (const code of [
      'not_in_channel',
      'is_archived',
      'account_inactive',
      'invalid_auth',
      'token_revoked',
      'missing_scope',
    ])
      expect((await postFailure({ error: code })).kind).toBe('unreachable');
  });

  it('maps HTTP 429 to rate-limited with Retry-After, without retrying on its own', async () => {
    const before = h.fake.callsTo('chat.postMessage').length;
    const limited = await postFailure({ status: 429, retryAfter: 7 });
    expect(limited.kind).toBe('rate-limited');
    expect(limited.retryAfterMs).toBe(7000);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before + 1);
  });

  it('maps everything else to transient', async () => {
    expect((await postFailure({ error: 'internal_error' })).kind).toBe('transient');
    const server = await postFailure({ status: 503 });
    expect(server.kind).toBe('transient');
    expect(server.message).toBe('Slack answered chat.postMessage with HTTP 503');
  });

  it('reveals by editing the question and answering in its thread', async () => {
    const ts = await h.adapter.publisher.post(address('C0REVEAL01'), question);
    await h.adapter.publisher.reveal(address('C0REVEAL01'), ts, closed, reveal);
    const message = h.fake.messages.find((m) => m.ts === ts);
    expect(message?.updates).toHaveLength(1);
    expect(buttonsOf(message?.blocks)).toEqual([]);
    expect(blockText(message?.blocks)).toContain('(closed)');
    const thread = h.fake.messages.filter((m) => m.threadTs === ts);
    expect(thread.map((m) => blockText(m.blocks))).toEqual([expect.stringContaining('The answer: B.')]);
  });

  it('still reveals in the channel when the question was deleted', async () => {
    await h.adapter.publisher.reveal(address('C0REVEAL02'), '1600000000.000001', closed, reveal);
    const posted = h.fake.messages.filter((m) => m.channel === 'C0REVEAL02');
    expect(posted).toHaveLength(1);
    expect(posted[0]?.threadTs).toBeUndefined();
    expect(blockText(posted[0]?.blocks)).toContain('The answer: B.');
  });

  it('fails a reveal the channel no longer takes as unreachable', async () => {
    const ts = await h.adapter.publisher.post(address('C0REVEAL03'), question);
    h.fake.once('chat.update', { error: 'is_archived' });
    await expect(h.adapter.publisher.reveal(address('C0REVEAL03'), ts, closed, reveal)).rejects.toMatchObject(
      {
        kind: 'unreachable',
      },
    );
  });
});

describe('/studybot post in a channel the bot cannot post in', () => {
  it('tells the admin how to fix it, and /studybot status shows the failed attempt', async () => {
    const alice = h.user({ id: 'U0ADMIN01', name: 'alice', isAdmin: true });
    h.fake.once('chat.postMessage', { error: 'not_in_channel' });
    const post = await h.command(alice, '/studybot', 'post', { channel: 'C0NOTIN001' });
    const event = await h.handled(post);
    const [reply] = await h.replies(post.responseUrl);
    expect(reply?.body.response_type).toBe('ephemeral');
    expect(event.codes).toEqual(['PUBLISH_UNREACHABLE']);
    // Slack's reason, and what fixes it.
    expect(reply?.body.text).toContain(
      'Slack refused chat.postMessage: not_in_channel (invite the bot with /invite @studybot).',
    );
    const status = await h.command(alice, '/studybot', 'status', { channel: 'C0NOTIN001' });
    expect(blockText((await h.replies(status.responseUrl))[0]?.body.blocks)).toMatch(
      /Last post attempt: \w+ \(Slack refused chat\.postMessage: not_in_channel \(invite the bot with/,
    );
    // After /invite, the same command works.
    const retry = await h.command(alice, '/studybot', 'post', { channel: 'C0NOTIN001' });
    expect((await h.replies(retry.responseUrl))[0]?.body.text).toBe(
      'Posted the next question in this channel.',
    );
  });

  it('asks the admin to wait when Slack rate-limits the post', async () => {
    const alice = h.user({ id: 'U0ADMIN01', name: 'alice', isAdmin: true });
    h.fake.once('chat.postMessage', { status: 429, retryAfter: 30 });
    const post = await h.command(alice, '/studybot', 'post', { channel: 'C0LIMITED1' });
    const event = await h.handled(post);
    const [reply] = await h.replies(post.responseUrl);
    expect(event.codes).toEqual(['PUBLISH_RATE_LIMITED']);
    // Slack's Retry-After, so the admin knows when to try again.
    expect(reply?.body.text).toMatch(/try again in 30 s\.$/);
  });
});
