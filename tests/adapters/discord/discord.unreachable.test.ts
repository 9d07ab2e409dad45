/**
 * Issue 12 on Discord, through discord.js on the loopback fakes: when editing the question answers 10003
 * Unknown Channel at the reveal, it is not retried, the schedule pauses with the reason, and /studybot close,
 * /studybot status and a late click say what really happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  embeds?: { description?: string }[];
  components?: { components: { custom_id: string }[] }[];
}
const description = (body: unknown) => (body as Message).embeds?.[0]?.description ?? '';

describe('a Discord channel that is gone', () => {
  it('stops at the first 10003, pauses the schedule and tells the truth', async () => {
    const channelId = snowflake();
    const admin = h.fake.user('Ada', PERMS.manageServer);
    const say = async (sub: string, options: { name: string; type: number; value: string }[] = []) =>
      description((await h.fake.ask(h.fake.studybot(sub, options, admin, { channelId }))).body);
    await say('setup', [{ name: 'time', type: 3, value: '09:00' }]);
    await say('post');
    const [questionId, question] = [...h.fake.messages].find(([, m]) => m.channel_id === channelId) ?? [];
    const customId = (question as Message | undefined)?.components?.[0]?.components[0]?.custom_id ?? '';
    const edits = () =>
      h.fake.calls.filter((c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${channelId}/`));
    h.fake.failNext({
      method: 'PATCH',
      path: new RegExp(`^/channels/${channelId}/messages/`),
      status: 404,
      body: { message: 'Unknown Channel', code: 10003 },
    });
    const closed = await say('close');
    expect(closed).toContain('its answer cannot be shown in this channel');
    expect(closed).toContain('I will not retry, and the daily question here is paused');
    const status = await say('status');
    expect(status).toMatch(/Paused \(the bot cannot post here \(/);
    expect(status).toContain('closed, but its answer could not be shown');
    const late = h.fake.button(customId, h.fake.user('Late', PERMS.member), String(questionId), {
      channelId,
    });
    await h.fake.ask(late);
    expect((await h.handled(late)).codes).toEqual(['POST_CLOSED_REVEAL_FAILED']);
    await h.bot.quiz.retryReveals();
    expect(edits()).toHaveLength(1);
  });
});
