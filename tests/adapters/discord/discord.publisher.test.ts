import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelAddress, PublishError } from '../../../src/core/publishing/publisher.port.js';
import type { Reply } from '../../../src/core/replies.js';
import { type DiscordHarness, startDiscordHarness } from '../../support/discord-harness.js';
import { PERMS, snowflake } from '../../support/fake-discord.js';

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Message {
  embeds?: { title?: string; description?: string }[];
  components?: unknown[];
  message_reference?: { message_id: string };
}

const question: Reply = {
  kind: 'question',
  visibility: 'channel',
  title: 'Question of the day · Identity',
  lines: ['Does an SCP grant permissions?', 'A. Yes', 'B. No'],
  buttons: [
    { actionId: 'answer:1:A', label: 'A' },
    { actionId: 'answer:1:B', label: 'B' },
  ],
};

/** A channel of its own per test, so rate-limit buckets and recorded calls never mix. */
const newChannel = (): ChannelAddress => ({
  platform: 'discord',
  workspaceExternalId: h.fake.guildId,
  channelExternalId: snowflake(),
});
const messagesPath = (a: ChannelAddress) => `/channels/${a.channelExternalId}/messages`;
const callsTo = (path: string) => h.fake.calls.filter((c) => c.path === path);

async function publishError(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

describe('the Discord channel publisher', () => {
  it('posts the question as a channel message and returns its id', async () => {
    const channel = newChannel();
    const ref = await h.adapter.publisher.post(channel, question);
    const [call] = callsTo(messagesPath(channel));
    expect(ref).toBe((call?.response as { id?: string } | undefined)?.id);
    expect((call?.body as Message | undefined)?.components).toHaveLength(1);
  });

  it.each([
    [404, 10003, 'Unknown Channel (10003)'],
    [404, 10004, 'Unknown Guild (10004)'],
    [403, 50001, 'Missing Access (50001)'],
    [403, 50013, 'Missing Permissions (50013)'],
  ])('maps HTTP %i with Discord code %i to "unreachable"', async (status, code, text) => {
    const channel = newChannel();
    h.fake.failNext({
      method: 'POST',
      path: new RegExp(`^${messagesPath(channel)}$`),
      status,
      body: { message: 'x', code },
    });
    const error = await publishError(h.adapter.publisher.post(channel, question));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(text);
    expect(callsTo(messagesPath(channel))).toHaveLength(1);
  });

  it('maps a server error that persists through discord.js retries to "transient"', async () => {
    const channel = newChannel();
    h.fake.failNext({
      method: 'POST',
      path: new RegExp(`^${messagesPath(channel)}$`),
      status: 502,
      times: 4,
    });
    const error = await publishError(h.adapter.publisher.post(channel, question));
    expect(error.kind).toBe('transient');
    // @discordjs/rest retries a 5xx three times before giving up.
    expect(callsTo(messagesPath(channel))).toHaveLength(4);
  });

  it('reports a 429 as "rate-limited" with Retry-After, sent once and not retried until the caller decides', async () => {
    const channel = newChannel();
    h.fake.rateLimitNext(new RegExp(`^${messagesPath(channel)}$`), 30);
    const error = await publishError(h.adapter.publisher.post(channel, question));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(callsTo(messagesPath(channel))).toHaveLength(1);
    // While the bucket is exhausted, a new attempt is refused without touching Discord.
    const again = await publishError(h.adapter.publisher.post(channel, question));
    expect(again.kind).toBe('rate-limited');
    expect(again.retryAfterMs).toBeGreaterThan(0);
    expect(callsTo(messagesPath(channel))).toHaveLength(1);
  });

  it('still reveals when someone deleted the question: the reveal is posted on its own', async () => {
    const channel = newChannel();
    const ref = await h.adapter.publisher.post(channel, question);
    h.fake.messages.delete(ref);
    await h.adapter.publisher.reveal(
      channel,
      ref,
      { ...question, title: 'closed', buttons: [] },
      { kind: 'reveal', visibility: 'channel', title: 'The answer: B. No', lines: ['SCPs never grant.'] },
    );
    const patch = h.fake.calls.find(
      (c) => c.method === 'PATCH' && c.path === `${messagesPath(channel)}/${ref}`,
    );
    expect(patch?.status).toBe(404);
    const posts = callsTo(messagesPath(channel));
    expect(posts).toHaveLength(2);
    const reveal = posts[1]?.body as Message;
    expect(reveal.embeds?.[0]?.title).toBe('The answer: B. No');
    expect(reveal.message_reference).toBeUndefined();
  });
});

describe('what an admin sees when Discord refuses a post', () => {
  const admin = () => h.fake.user('Ada', PERMS.manageServer);
  const description = (body: unknown) => (body as Message).embeds?.[0]?.description;

  it('explains missing permissions, and /studybot status remembers the failed attempt', async () => {
    const channelId = snowflake();
    h.fake.failNext({
      method: 'POST',
      path: new RegExp(`^/channels/${channelId}/messages$`),
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const asked = h.fake.studybot('post', [], admin(), { channelId });
    const answer = await h.fake.ask(asked);
    const event = await h.handled(asked);
    expect(answer.ephemeral).toBe(true);
    expect(event.codes).toEqual(['PUBLISH_UNREACHABLE']);
    // The refusal names Discord's reason and what fixes it.
    expect(description(answer.body)).toContain(
      'Missing Permissions (50013): studybot needs View Channel, Send Messages, Embed Links and Read Message History here.',
    );
    const status = await h.fake.ask(h.fake.studybot('status', [], admin(), { channelId }));
    // The core keeps a failed manual post as "claimed" (retryable) and shows why it failed.
    expect(description(status.body)).toMatch(/Last post attempt: \w+ \(Missing Permissions \(50013\)/);
  });

  it('says when to try again after a rate limit', async () => {
    const channelId = snowflake();
    h.fake.rateLimitNext(new RegExp(`^/channels/${channelId}/messages$`), 12);
    const asked = h.fake.studybot('post', [], admin(), { channelId });
    const answer = await h.fake.ask(asked);
    const event = await h.handled(asked);
    expect(event.codes).toEqual(['PUBLISH_RATE_LIMITED']);
    // It says when to try again: Discord's Retry-After, rounded up.
    expect(description(answer.body)).toMatch(/try again in 1[23] s\.$/);
  });
});
