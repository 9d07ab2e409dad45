/**
 * Issue 17 on Discord: the message context menu "Explain terms in this message", /explain installed to a
 * user (DMs and servers without the bot: lookups only, nothing stored), the deck as a select, and
 * localisable descriptions, through the real discord.js client and the fake Discord.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandDefinitions,
  EXPLAIN_MESSAGE_COMMAND,
} from '../../../src/adapters/discord/discord.commands.js';
import { members, workspaces } from '../../../src/db/schema.js';
import { type DiscordHarness, embedOf, startDiscordHarness } from '../../support/discord-harness.js';
import { PERMS, snowflake } from '../../support/fake-discord.js';
import type { Json } from '../../support/fake-discord-state.js';

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

const textOf = (body: Json) => {
  const e = embedOf(body);
  return [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n');
};
const rows = async () => ({
  workspaces: (await h.database.db.select().from(workspaces)).length,
  members: (await h.database.db.select().from(members)).length,
});

describe('"Explain terms in this message" (message context menu)', () => {
  it('explains the terms of the message privately, without quoting it', async () => {
    const text = 'Our SCP blocks it, ask @everyone about the security groups <@123> **now**';
    const ask = h.fake.messageCommand(EXPLAIN_MESSAGE_COMMAND, text, h.fake.user('Ann'));
    const answer = await h.fake.ask(ask);
    expect(answer).toMatchObject({ via: 'reply', ephemeral: true });
    expect(textOf(answer.body)).toContain('Service control policy (SCP)');
    expect(textOf(answer.body)).toContain('Security group');
    for (const echoed of ['@everyone', '<@123>', '**now**'])
      expect(textOf(answer.body)).not.toContain(echoed);
    expect(answer.body.allowed_mentions).toEqual({ parse: [] });
    expect((await h.handled(ask)).codes).toEqual([]);
  });

  it('answers a message with no known terms with a helpful private reply', async () => {
    const ask = h.fake.messageCommand(EXPLAIN_MESSAGE_COMMAND, 'See you at lunch', h.fake.user('Ann'));
    const answer = await h.fake.ask(ask);
    expect(answer.ephemeral).toBe(true);
    expect(embedOf(answer.body).description).toContain('I found no term from the study notes');
    expect((await h.handled(ask)).codes).toEqual(['TEXT_NO_TERMS']);
  });
});

describe('user install: lookups anywhere, nothing stored', () => {
  it('answers /explain, its autocomplete and the message menu in a DM, creating no workspace or member', async () => {
    const before = await rows();
    const bo = h.fake.user('Bo');
    const dm = { guildId: null, channelId: snowflake(), installedBy: 'user' } as const;
    const explained = await h.fake.ask(h.fake.command('explain', [h.fake.str('term', 'scp')], bo, dm));
    expect(explained).toMatchObject({ via: 'reply', ephemeral: true });
    expect(embedOf(explained.body).title).toBe('Service control policy (SCP)');
    const completed = await h.fake.ask(
      h.fake.autocomplete('explain', [h.fake.str('term', 'guard', true)], bo, dm),
    );
    expect((completed.body.choices as { value: string }[]).map((c) => c.value)).toContain('guardduty');
    const menu = await h.fake.ask(h.fake.messageCommand(EXPLAIN_MESSAGE_COMMAND, 'is GuardDuty on?', bo, dm));
    expect(textOf(menu.body)).toContain('Amazon GuardDuty');
    expect(await rows()).toEqual(before);
  });

  it('in a server that has not added the bot, refuses anything but lookups (LOOKUP_ONLY) and stores nothing', async () => {
    const before = await rows();
    const cy = h.fake.user('Cy', PERMS.manageServer);
    const foreign = { guildId: snowflake(), channelId: snowflake(), installedBy: 'user' } as const;
    const stats = h.fake.command('stats', [], cy, foreign);
    await h.fake.ask(stats);
    expect((await h.handled(stats)).codes).toEqual(['LOOKUP_ONLY']);
    const click = h.fake.button('answer:1:A', cy, undefined, foreign);
    await h.fake.ask(click);
    expect((await h.handled(click)).codes).toEqual(['LOOKUP_ONLY']);
    const explainButton = await h.fake.ask(h.fake.button('explain:scp', cy, undefined, foreign));
    expect(embedOf(explainButton.body).title).toBe('Service control policy (SCP)');
    expect(await rows()).toEqual(before);
  });

  it('still refuses a DM where nobody installed the bot to the user (SERVER_ONLY)', async () => {
    const ask = h.fake.command('stats', [], h.fake.user('Di'), { guildId: null, channelId: snowflake() });
    await h.fake.ask(ask);
    expect((await h.handled(ask)).codes).toEqual(['SERVER_ONLY']);
  });
});

describe('definitions', () => {
  it('makes /explain and the message menu installable to users, the deck a select, descriptions localisable', async () => {
    const put = await h.fake.waitForCall((c) => c.method === 'PUT');
    const registered = put.body as Json[];
    const byName = new Map(registered.map((c) => [String(c.name), c]));
    for (const name of ['explain', EXPLAIN_MESSAGE_COMMAND]) {
      expect(byName.get(name)).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
    }
    expect(byName.get(EXPLAIN_MESSAGE_COMMAND)?.type).toBe(3);
    expect(byName.get('studybot')).toMatchObject({ integration_types: [0], contexts: [0] });
    const studybotOptions = (byName.get('studybot')?.options ?? []) as Json[];
    const setup = (studybotOptions[0]?.options ?? []) as Json[];
    const deck = setup.find((o) => o.name === 'deck');
    expect(deck?.choices).toEqual(
      h.bot.catalog.decks.map((d) => ({ name: `${d.meta.title} (${d.meta.id})`, value: d.meta.id })),
    );
    expect(deck?.autocomplete).toBeUndefined();
    expect(byName.get('explain')?.description_localizations).toEqual({
      'en-US': byName.get('explain')?.description,
      'en-GB': byName.get('explain')?.description,
    });
    // A translation added to the table reaches the command, its sub-commands and options.
    const german = commandDefinitions({
      decks: [],
      translations: { de: { explain: 'Erklärt einen Begriff', 'studybot setup time': 'HH:MM, 24 Stunden' } },
    });
    const explain = german.find((c) => c.name === 'explain') as unknown as Json;
    expect((explain.description_localizations as Record<string, string>).de).toBe('Erklärt einen Begriff');
    const studybot = german.find((c) => c.name === 'studybot') as unknown as Json;
    const setupOptions = ((studybot.options as Json[])[0]?.options ?? []) as Json[];
    const time = setupOptions[0] ?? {};
    expect((time.description_localizations as Record<string, string>).de).toBe('HH:MM, 24 Stunden');
  });
});
