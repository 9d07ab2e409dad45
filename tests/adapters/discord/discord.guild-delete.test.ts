/**
 * A server that removes the bot (issue 17, item 4): discord.js reports GUILD_DELETE as guildDelete, and that
 * server's schedules pause with a reason `/studybot status` shows once the bot is back; nothing is deleted.
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

const description = (body: unknown) =>
  ((body as { embeds?: { description?: string }[] }).embeds ?? [])[0]?.description ?? '';

describe('the bot removed from a Discord server', () => {
  it('pauses the server’s schedules with a reason status shows, keeps the data, and resume restarts them', async () => {
    const admin = h.fake.user('Ada', PERMS.manageServer);
    await h.fake.ask(h.fake.studybot('setup', [h.fake.str('time', '09:00')], admin));
    expect(description((await h.fake.ask(h.fake.studybot('status', [], admin))).body)).not.toContain(
      'Paused',
    );

    await h.fake.dispatch('GUILD_DELETE', { id: h.fake.guildId });
    // A second GUILD_DELETE (a replay) finds nothing more to pause.
    await h.fake.dispatch('GUILD_DELETE', { id: h.fake.guildId });
    const reason = 'Paused (the bot was removed from this server). /studybot resume restarts it.';
    let status = '';
    for (let i = 0; i < 100 && !status.includes('Paused'); i++) {
      status = description((await h.fake.ask(h.fake.studybot('status', [], admin))).body);
      if (!status.includes('Paused')) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toContain(reason);

    await h.fake.ask(h.fake.studybot('resume', [], admin));
    expect(description((await h.fake.ask(h.fake.studybot('status', [], admin))).body)).not.toContain(
      'Paused',
    );
  });
});
