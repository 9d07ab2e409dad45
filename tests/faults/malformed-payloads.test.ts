import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, posts } from '../../src/db/schema.js';
import { type BotProcess, freePort, startBotProcess } from '../support/bot-process.js';
import { createFakeDiscord, type FakeDiscord } from '../support/fake-discord.js';
import { fixtureContent } from '../support/paths.js';
import { CHANNEL, createSlackHarness, type SlackHarness } from '../support/slack-harness.js';
import { postSigned } from '../support/slack-signing.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { DISCORD_TOKEN, SLACK_SIGNING_SECRET } from '../support/test-secrets.js';

describe('malformed Slack requests', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await createSlackHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const signed = (body: string, contentType = 'application/x-www-form-urlencoded') =>
    postSigned(h.eventsUrl, SLACK_SIGNING_SECRET, body, { contentType });

  it('answers 400 or ignores them, stores nothing, and keeps serving', async () => {
    const garbage: [string, string?][] = [
      ['payload=%7Bnot-json'],
      ['payload=%7B%7D'],
      [`payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: 'nope' }))}`],
      [
        `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: {}, actions: [{ type: 'button' }] }))}`,
      ],
      ['command=%2Fstudybot&text=post'],
      ['command=%2Fexplain&text=scp&team_id=&user_id=&channel_id=&response_url=not-a-url'],
      ['{"type":"event_callback","event":{"type":"app_mention"}}', 'application/json'],
      ['{"truncated":', 'application/json'],
      ['\u0000\u0001\u0002binary', 'application/octet-stream'],
      [`text=${'x'.repeat(2_000_000)}`],
    ];
    for (const [body, type] of garbage) {
      const response = await signed(body, type);
      expect(
        [200, 400, 401, 404, 413, 415].includes(response.status),
        `${response.status} for ${body.slice(0, 40)}`,
      ).toBe(true);
    }
    expect(await h.database.db.select().from(posts)).toEqual([]);
    expect(await h.database.db.select().from(answers)).toEqual([]);
    // Still healthy, and still answering real requests.
    const health = await fetch(h.eventsUrl.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
    const user = h.user({ id: 'U0REAL0001', name: 'real' });
    const { status, responseUrl } = await h.command(user, '/explain', 'scp', { channel: CHANNEL });
    expect(status).toBe(200);
    const [reply] = await h.replies(responseUrl);
    expect(String(reply?.body.text)).toContain('Service control policy');
  });
});

describe('malformed Discord interactions, in a running bot process', () => {
  let fake: FakeDiscord;
  let database: TestDatabase;
  let dataDir: string;
  let bot: BotProcess;
  beforeAll(async () => {
    fake = await createFakeDiscord();
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'studybot-malformed-'));
    bot = startBotProcess('discord (malformed)', {
      ...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
      PORT: String(await freePort()),
      DISCORD_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guildId,
      CONTENT_DIR: fixtureContent,
    });
    await bot.waitForLog(/slash commands registered/);
  });
  afterAll(async () => {
    bot.signal('SIGTERM');
    await bot.exited;
    await fake.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('survives them (never a crash), stores nothing, and keeps answering', async () => {
    const user = fake.user('Mallory');
    const base = fake.command('explain', [fake.str('term', 'scp')], user);
    const broken = [
      { ...base, type: 99 },
      { ...base, data: undefined },
      { ...base, member: undefined, user: undefined },
      { ...base, guild_id: undefined, member: undefined },
      { ...fake.button('answer:1:A', user), data: { custom_id: 'x'.repeat(500), component_type: 2 } },
      { ...fake.button('answer:1:A', user), data: { component_type: 2 } },
      { id: '1', type: 2 },
    ];
    for (const interaction of broken) await fake.interact(interaction as never);
    const answer = await fake.ask(fake.command('explain', [fake.str('term', 'guardduty')], fake.user('Ann')));
    expect(JSON.stringify(answer.body)).toContain('Amazon GuardDuty');
    expect(bot.child.exitCode).toBeNull();
    // discord.js rejects some of these inside its gateway handler; the process guard logs and carries on.
    expect(bot.stderr).toContain('unhandled promise rejection; ignored, the bot keeps running');
    const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(health.status).toBe(200);
  });
});
