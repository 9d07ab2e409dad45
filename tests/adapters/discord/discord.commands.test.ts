import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../../../src/db/schema.js';
import {
  type DiscordHarness,
  type Embed,
  embedOf,
  startDiscordHarness,
} from '../../support/discord-harness.js';
import { PERMS } from '../../support/fake-discord.js';

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Row {
  type: number;
  components: { type: number; custom_id: string; label: string; style: number }[];
}
interface Message {
  embeds?: Embed[];
  components?: Row[];
  allowed_mentions?: { parse: string[] };
  flags?: number;
  choices?: { name: string; value: string }[];
}

const buttonsOf = (body: unknown) => ((body as Message).components ?? []).flatMap((r) => r.components);
const callbackTypes = (interaction: Record<string, unknown>) =>
  h.fake
    .callsFor(interaction)
    .filter((c) => c.path.endsWith('/callback'))
    .map((c) => (c.body as { type: number }).type);

describe('/explain', () => {
  it('answers privately and directly with the term as an embed', async () => {
    const ask = h.fake.command('explain', [h.fake.str('term', 'scp')], h.fake.user('Alice'));
    const answer = await h.fake.ask(ask);
    expect(answer).toMatchObject({ via: 'reply', ephemeral: true });
    const embed = embedOf(answer.body);
    expect(embed.title).toBe('Service control policy (SCP)');
    expect(embed.description).toContain('Sets the maximum permissions for accounts in an organization.');
    expect(embed.fields?.map((f) => f.name)).toEqual(['Also known as', 'Related', 'Topic', 'Deck']);
    expect(embed.footer?.text).toBe('From the notes: Basics');
    expect((answer.body as Message).allowed_mentions).toEqual({ parse: [] });
  });

  it('offers "did you mean" buttons for a typo, and a button explains the term privately', async () => {
    const alice = h.fake.user('Alice');
    const answer = await h.fake.ask(h.fake.command('explain', [h.fake.str('term', 'scpp')], alice));
    expect(answer.ephemeral).toBe(true);
    expect(embedOf(answer.body).description).toContain('Did you mean: Service control policy (SCP)?');
    const [suggestion] = buttonsOf(answer.body);
    expect(suggestion).toMatchObject({ custom_id: 'explain:scp', label: 'Service control policy (SCP)' });
    const click = await h.fake.ask(h.fake.button(suggestion?.custom_id ?? '', alice));
    expect(click).toMatchObject({ via: 'edit', ephemeral: true });
    expect(embedOf(click.body).title).toBe('Service control policy (SCP)');
  });

  it('makes @everyone, role and user mentions inert: shown as typed, escaped, and pings disabled', async () => {
    const typed = '@everyone <@&123> <@456> **hi** @here';
    const answer = await h.fake.ask(
      h.fake.command('explain', [h.fake.str('term', typed)], h.fake.user('Mallory')),
    );
    const body = answer.body as Message;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const text = embedOf(body).description ?? '';
    expect(text).toContain('I don\'t know "\\@everyone \\<\\@&123> \\<\\@456> \\*\\*hi\\*\\* \\@here"');
    // Nothing that Discord would resolve into a mention is left unescaped anywhere in the payload.
    const raw = JSON.stringify(body);
    expect(raw).not.toMatch(/(^|[^\\])<[@#]/);
    expect(raw).not.toMatch(/(^|[^\\])@(everyone|here)/);
    expect(h.fake.calls.some((c) => c.path.startsWith('/channels/'))).toBe(false);
  });

  it('autocompletes terms from the glossary', async () => {
    const answer = await h.fake.ask(
      h.fake.autocomplete('explain', [h.fake.str('term', 'scp', true)], h.fake.user('Alice')),
    );
    expect(answer.via).toBe('autocomplete');
    const choices = answer.body.choices as { name: string; value: string }[];
    expect(choices[0]).toEqual({ name: 'Service control policy (SCP)', value: 'scp' });
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});

describe('/studybot (admins)', () => {
  it('autocompletes the setup time zone', async () => {
    const admin = h.fake.user('Ada', PERMS.manageServer);
    const answer = await h.fake.ask(
      h.fake.autocomplete(
        'studybot',
        [
          {
            name: 'setup',
            type: 1,
            options: [h.fake.str('time', '09:00'), h.fake.str('timezone', 'berl', true)],
          },
        ],
        admin,
      ),
    );
    expect(answer.body.choices).toEqual([{ name: 'Europe/Berlin', value: 'Europe/Berlin' }]);
  });

  it('setup tells the channel about the schedule (deferred, then edited, visible to everyone)', async () => {
    const admin = h.fake.user('Ada', PERMS.manageServer);
    const setup = h.fake.studybot(
      'setup',
      [h.fake.str('time', '09:00'), h.fake.str('timezone', 'Europe/Berlin'), h.fake.str('days', 'weekdays')],
      admin,
    );
    const answer = await h.fake.ask(setup);
    expect(callbackTypes(setup)).toEqual([5]);
    expect(answer).toMatchObject({ via: 'edit', ephemeral: false });
    const embed = embedOf(answer.body);
    expect(embed.title).toBe('Daily question scheduled');
    expect(embed.description).toContain('at 09:00 (Europe/Berlin) every weekday');
  });

  it('a setup mistake is answered privately, and the public "thinking…" is removed', async () => {
    const admin = h.fake.user('Ada', PERMS.manageServer);
    const setup = h.fake.studybot('setup', [h.fake.str('time', '9am')], admin);
    const answer = await h.fake.ask(setup);
    const event = await h.handled(setup);
    expect(answer).toMatchObject({ via: 'follow-up', ephemeral: true });
    expect(event.codes).toEqual(['SETUP_TIME_INVALID']);
    await h.fake.waitForCall((c) => c.method === 'DELETE' && c.path.includes(String(setup.token)));
  });

  it('status, pause and resume answer privately; a Server Administrator counts as an admin', async () => {
    const owner = h.fake.user('Olga', PERMS.administrator);
    const status = await h.fake.ask(h.fake.studybot('status', [], owner));
    expect(status).toMatchObject({ via: 'edit', ephemeral: true });
    expect(embedOf(status.body).title).toBe('studybot in this channel');
    expect(embedOf(status.body).description).toContain(
      'Daily at 09:00 (Europe/Berlin), weekdays, in shuffled order.',
    );
    // The adaptive option turns the order on with True and back off with False.
    const order = async (adaptive: boolean) => {
      const time = h.fake.str('time', '09:00');
      await h.fake.ask(h.fake.studybot('setup', [time, h.fake.bool('adaptive', adaptive)], owner));
      return embedOf((await h.fake.ask(h.fake.studybot('status', [], owner))).body).description;
    };
    expect(await order(true)).toContain('weekdays, adaptive (the question the team most needs).');
    expect(await order(false)).toContain('weekdays, in shuffled order.');
    const pause = await h.fake.ask(h.fake.studybot('pause', [], owner));
    expect(embedOf(pause.body).description).toBe('Paused: no daily question here until /studybot resume.');
    const resume = await h.fake.ask(h.fake.studybot('resume', [], owner));
    expect(resume.ephemeral).toBe(true);
    expect(embedOf(resume.body).description).toMatch(/^Resumed: the next question arrives /);
  });

  it('refuses a member without Manage Server, even though Discord showed them the command; nothing is posted', async () => {
    const member = h.fake.user('Mo', PERMS.member);
    const before = h.fake.calls.filter((c) => c.path.startsWith('/channels/')).length;
    for (const sub of ['post', 'close', 'pause', 'setup']) {
      const options = sub === 'setup' ? [h.fake.str('time', '10:00')] : [];
      const asked = h.fake.studybot(sub, options, member);
      const answer = await h.fake.ask(asked);
      const event = await h.handled(asked);
      expect(answer.ephemeral).toBe(true);
      expect(event.codes).toEqual(['NOT_ADMIN']);
    }
    expect(h.fake.calls.filter((c) => c.path.startsWith('/channels/')).length).toBe(before);
    const status = await h.fake.ask(h.fake.studybot('status', [], h.fake.user('Ada', PERMS.manageServer)));
    expect(embedOf(status.body).description).toContain('Daily at 09:00 (Europe/Berlin)');
  });

  it('refuses politely in a direct message, for admins too, storing nothing', async () => {
    const admin = h.fake.user('Ada', PERMS.manageServer);
    const posts = () => h.fake.calls.filter((c) => c.path.startsWith('/channels/')).length;
    const before = { posts: posts(), members: (await h.database.db.select().from(members)).length };
    for (const interaction of [
      h.fake.studybot('post', [], admin, { guildId: null }),
      h.fake.command('stats', [], admin, { guildId: null }),
    ]) {
      const answer = await h.fake.ask(interaction);
      const event = await h.handled(interaction);
      expect(answer).toMatchObject({ via: 'reply', ephemeral: true });
      expect(event.codes).toEqual(['SERVER_ONLY']);
    }
    expect(posts()).toBe(before.posts);
    expect((await h.database.db.select().from(members)).length).toBe(before.members);
  });
});

describe('/quiz, /leaderboard, /stats', () => {
  it('/quiz gives a private practice question with A–E buttons, and answering it is private too', async () => {
    const bo = h.fake.user('Bo');
    const quiz = h.fake.command('quiz', [], bo);
    const answer = await h.fake.ask(quiz);
    expect(callbackTypes(quiz)).toEqual([5]);
    expect(answer).toMatchObject({ via: 'edit', ephemeral: true });
    expect(embedOf(answer.body).title).toMatch(/^Practice · /);
    const buttons = buttonsOf(answer.body);
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    for (const b of buttons) expect(b.custom_id).toMatch(/^practice:\d+:[A-E]$/);
    const click = await h.fake.ask(h.fake.button(buttons[0]?.custom_id ?? '', bo));
    expect(click.ephemeral).toBe(true);
    expect(embedOf(click.body).title).toMatch(/^(Correct!|Not quite\.)$/);
    // Somebody else cannot answer Bo's practice question.
    const asked = h.fake.button(buttons[0]?.custom_id ?? '', h.fake.user('Cy'));
    const other = await h.fake.ask(asked);
    const event = await h.handled(asked);
    expect(other.ephemeral).toBe(true);
    expect(event.codes).toEqual(['PRACTICE_NOT_YOURS']);
  });

  it('/leaderboard answers privately, for the period asked', async () => {
    const answer = await h.fake.ask(
      h.fake.command('leaderboard', [h.fake.str('period', 'all')], h.fake.user('Bo')),
    );
    expect(answer).toMatchObject({ via: 'edit', ephemeral: true });
    expect(embedOf(answer.body).title).toBe('Leaderboard · all time');
    const week = await h.fake.ask(h.fake.command('leaderboard', [], h.fake.user('Bo')));
    expect(embedOf(week.body).title).toMatch(/^Leaderboard · this week/);
  });

  it('/stats shows the server nickname, and privacy optout/optin answer privately', async () => {
    const dee = h.fake.user('Dee', PERMS.member, 'Dee the Great');
    const stats = await h.fake.ask(h.fake.command('stats', [], dee));
    expect(stats.ephemeral).toBe(true);
    expect(embedOf(stats.body).title).toBe('Stats for Dee the Great');
    const out = await h.fake.ask(h.fake.command('stats', [h.fake.str('privacy', 'optout')], dee));
    expect(embedOf(out.body).description).toMatch(/^Done: you are hidden from every leaderboard/);
    const back = await h.fake.ask(h.fake.command('stats', [h.fake.str('privacy', 'optin')], dee));
    expect(embedOf(back.body).description).toBe('Done: you appear on the leaderboards again.');
  });

  it('answers a command studybot no longer has (a stale registration) privately, without deferring', async () => {
    const stale = h.fake.command('remind', [], h.fake.user('Bo'));
    const answer = await h.fake.ask(stale);
    const event = await h.handled(stale);
    expect(answer).toMatchObject({ via: 'reply', ephemeral: true });
    expect(event).toMatchObject({ name: 'unknown', codes: ['COMMAND_UNKNOWN'] });
    expect(callbackTypes(stale)).toEqual([4]);
  });

  it('answers every command with allowed_mentions parse [] on each message, reply, follow-up and edit', () => {
    const messages = h.fake.calls.filter(
      (c) =>
        (c.method === 'POST' || c.method === 'PATCH') &&
        (/^\/webhooks\//.test(c.path) ||
          /^\/channels\//.test(c.path) ||
          (c.path.endsWith('/callback') && (c.body as { type: number }).type === 4)),
    );
    expect(messages.length).toBeGreaterThan(10);
    for (const c of messages) {
      const body = (c.path.endsWith('/callback') ? (c.body as { data: unknown }).data : c.body) as Message;
      expect(body.allowed_mentions, `${c.method} ${c.path}`).toEqual({ parse: [] });
    }
  });
});
