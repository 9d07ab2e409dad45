/**
 * Issue 12: an interaction that reaches the bot twice (the same interaction id: a gateway replay, a second
 * shard or replica) is acted on once; the memory of accepted deliveries is in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHarness, startDiscordHarness } from '../../support/discord-harness.js';
import { PERMS } from '../../support/fake-discord.js';

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

const questionsPosted = () =>
  h.fake.calls.filter(
    (c) =>
      c.method === 'POST' &&
      c.path === `/channels/${h.fake.channelId}/messages` &&
      ((c.body as { components?: unknown[] }).components ?? []).length > 0,
  ).length;

describe('redelivered Discord interactions', () => {
  it('posts once when the same /studybot post interaction is dispatched twice', async () => {
    const command = h.fake.studybot('post', [], h.fake.user('Ada', PERMS.manageServer));
    const before = questionsPosted();
    await h.fake.interact(command);
    await h.handled(command);
    await h.fake.interact(command);
    const events = await h.observer.eventsFor(String(command.id), 2);
    expect(events.map((e) => e.outcome)).toEqual(['ok', 'redelivered']);
    expect(questionsPosted()).toBe(before + 1);
    // The redelivery was not answered again (one deferral, one edit of it).
    const callbacks = h.fake.calls.filter((c) => c.path.includes(`/${String(command.token)}/callback`));
    expect(callbacks).toHaveLength(1);
  });
});
