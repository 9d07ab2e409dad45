import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLAIN_MESSAGE_COMMAND } from '../../../src/adapters/discord/discord.commands.js';
import { BOT_PERMISSIONS } from '../../../src/adapters/discord/discord.register.js';
import { startApp } from '../../../src/app.js';
import type { Config } from '../../../src/config.js';
import { commandRegistry } from '../../../src/core/commands/commands.js';
import { captureLogger, startDiscordHarness } from '../../support/discord-harness.js';
import { createFakeDiscord, FAKE_TOKEN, type FakeDiscord } from '../../support/fake-discord.js';
import { fixtureContent } from '../../support/paths.js';
import { childEnv, runNpm } from '../../support/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

interface CommandJson {
  name: string;
  description: string;
  contexts?: number[];
  dm_permission?: boolean;
  default_member_permissions?: string | null;
  options?: {
    name: string;
    type: number;
    autocomplete?: boolean;
    required?: boolean;
    options?: { name: string; type?: number; autocomplete?: boolean; choices?: { value: string }[] }[];
    choices?: { value: string }[];
  }[];
}

describe('starting the Discord adapter', () => {
  it('discovers the gateway from /gateway/bot, identifies with only the Guilds intent, and keeps heartbeats acknowledged', async () => {
    const h = await startDiscordHarness({ database, heartbeatIntervalMs: 100, logLevel: 'trace' });
    try {
      const { fake } = h;
      const gateway = fake.calls.find((c) => c.path === '/gateway/bot');
      expect(gateway?.authorization).toBe(`Bot ${FAKE_TOKEN}`);
      // JSON over the socket, no zlib-stream: what the fake speaks and what discord.js asks for here.
      const url = new URL(fake.connections[0] ?? '', 'ws://x');
      expect(url.searchParams.get('encoding')).toBe('json');
      expect(url.searchParams.get('v')).toBe('10');
      expect(url.searchParams.has('compress')).toBe(false);
      const identify = await fake.waitForFrame((f) => f.op === 2);
      expect(identify.d).toMatchObject({ token: FAKE_TOKEN, intents: 1, compress: false, shard: [0, 1] });
      // Heartbeats carry the last sequence number, and discord.js sees each acknowledged.
      const beat = await fake.waitForFrame((f) => f.op === 1 && typeof f.d === 'number');
      expect(beat.d).toBeGreaterThanOrEqual(2);
      const acks = () => h.logs.filter((l) => /Heartbeat acknowledged/.test(String(l.detail))).length;
      await fake.waitForFrame(() => acks() >= 2);
      expect(h.adapter.status()).toEqual({ gateway: true, commands: true });
    } finally {
      await h.close();
    }
  });

  it('answers /healthz 503 until the gateway is ready and the commands are registered, then 200', async () => {
    const fake = await createFakeDiscord();
    const release = fake.holdReady();
    // The first registration attempt fails as if the bot had not been invited with applications.commands.
    fake.failNext({
      method: 'PUT',
      path: /\/commands$/,
      status: 403,
      body: { message: 'Missing Access', code: 50001 },
    });
    const h = await startDiscordHarness({ database, fake, deferStart: true, registerRetryMs: 200 });
    try {
      const starting = h.adapter.start();
      await fake.waitForFrame((f) => f.op === 2);
      const waiting = await h.healthz();
      expect(waiting.status).toBe(503);
      expect(waiting.body.checks).toEqual({ database: true, discord: false });

      release();
      await starting;
      await fake.waitForCall((c) => c.method === 'PUT' && c.status === 403, 'the failing registration');
      await h.waitForHealth(200);
      expect((await h.healthz()).body).toEqual({ status: 'ok', checks: { database: true, discord: true } });
      expect(fake.calls.filter((c) => c.method === 'PUT')).toHaveLength(2);
      expect(
        h.logs.some(
          (l) =>
            /registering slash commands failed/.test(l.msg) && l.err?.message?.includes('Missing Access'),
        ),
      ).toBe(true);
    } finally {
      await h.close();
      await fake.close();
    }
  });

  it('registers every command globally, with /studybot for Manage Server and everything guild-only', async () => {
    const h = await startDiscordHarness({ database });
    try {
      const put = await h.fake.waitForCall((c) => c.method === 'PUT');
      expect(put.path).toBe(`/applications/${h.fake.applicationId}/commands`);
      const commands = put.body as CommandJson[];
      // Exactly the registry's commands, in its order, then the message menu (issue 17).
      const menu = commands.at(-1);
      expect(menu).toMatchObject({ name: EXPLAIN_MESSAGE_COMMAND, type: 3 });
      const slash = commands.slice(0, -1);
      expect(slash.map((c) => c.name)).toEqual(commandRegistry.specs.map((s) => s.name));
      expect(slash.map((c) => c.name)).toEqual([
        'explain',
        'quiz',
        'readiness',
        'exam',
        'leaderboard',
        'stats',
        'studybot',
        'help',
      ]);
      for (const c of slash) {
        // Lookups (/explain) are usable anywhere, installed to a user too; everything else in servers only.
        if (c.name === 'explain') expect(c.contexts).toEqual([0, 1, 2]);
        else {
          expect(c.contexts).toEqual([0]);
          expect(c.dm_permission).toBe(false);
        }
        expect(c.description.length).toBeLessThanOrEqual(100);
      }
      const byName = new Map(commands.map((c) => [c.name, c]));
      expect(byName.get('explain')?.options?.[0]).toMatchObject({
        name: 'term',
        type: 3,
        // An empty /explain browses every deck's terms.
        required: false,
        autocomplete: true,
      });
      expect(byName.get('leaderboard')?.options?.[0]?.choices?.map((c) => c.value)).toEqual([
        'week',
        'month',
        'all',
        'channel',
      ]);
      expect(byName.get('stats')?.options?.[0]?.choices?.map((c) => c.value)).toEqual(['optout', 'optin']);
      const studybot = byName.get('studybot');
      expect(studybot?.default_member_permissions).toBe('32');
      expect(studybot?.options?.map((o) => [o.name, o.type])).toEqual([
        ['setup', 1],
        ['post', 1],
        ['close', 1],
        ['pause', 1],
        ['resume', 1],
        ['status', 1],
        ['recap', 1],
        ['reports', 1],
        ['deck-stats', 1],
      ]);
      const setup = studybot?.options?.[0]?.options ?? [];
      expect(setup.map((o) => [o.name, o.type])).toEqual([
        ['time', 3],
        ['timezone', 3],
        ['days', 3],
        ['deck', 3],
        ['adaptive', 5],
        ['recap', 3],
      ]);
      // The recap day is a choice of weekday, or off.
      expect(setup[5]?.choices?.map((c) => c.value)).toEqual([
        'monday',
        'tuesday',
        'wednesday',
        'thursday',
        'friday',
        'saturday',
        'sunday',
        'off',
      ]);
      expect(byName.get('readiness')?.options?.[0]?.choices?.map((c) => c.value)).toEqual(['me', 'team']);
      expect(byName.get('exam')?.options?.[0]).toMatchObject({ name: 'date', type: 3, required: true });
      expect(setup[1]?.autocomplete).toBe(true);
      // Days are typed with suggestions (custom days such as mon,wed,fri cannot be choices); the deck is a
      // select of the loaded decks (issue 17).
      expect(setup[2]?.autocomplete).toBe(true);
      expect(setup[3]?.choices?.map((c) => c.value)).toEqual(h.bot.catalog.decks.map((d) => d.meta.id));
      expect(byName.get('quiz')?.options?.[0]).toMatchObject({ name: 'from', autocomplete: true });
      for (const c of slash.filter((c) => c.name !== 'studybot'))
        expect(c.default_member_permissions).toBeUndefined();
    } finally {
      await h.close();
    }
  });

  it('registers in one server only when DISCORD_GUILD_ID is set', async () => {
    const h = await startDiscordHarness({ database, guildId: 'fake' });
    try {
      const put = await h.fake.waitForCall((c) => c.method === 'PUT');
      expect(put.path).toBe(`/applications/${h.fake.applicationId}/guilds/${h.fake.guildId}/commands`);
      expect(h.fake.calls.some((c) => c.path === `/applications/${h.fake.applicationId}/commands`)).toBe(
        false,
      );
    } finally {
      await h.close();
    }
  });

  it('runs as one shard of several: identifies as that shard, answers, and leaves registration to shard 0', async () => {
    const second = await startDiscordHarness({ database, shard: { id: 1, count: 2 } });
    try {
      await second.waitForHealth(200);
      const identify = await second.fake.waitForFrame((f) => f.op === 2);
      expect((identify.d as { shard?: number[] }).shard).toEqual([1, 2]);
      expect(second.fake.calls.some((c) => c.method === 'PUT')).toBe(false);
      const answer = await second.fake.ask(
        second.fake.command('explain', [second.fake.str('term', 'scp')], second.fake.user('Sia')),
      );
      expect(JSON.stringify(answer.body)).toContain('Service control policy');
    } finally {
      await second.close();
    }
    const first = await startDiscordHarness({ database, shard: { id: 0, count: 2 } });
    try {
      const identify = await first.fake.waitForFrame((f) => f.op === 2);
      expect((identify.d as { shard?: number[] }).shard).toEqual([0, 2]);
      await first.fake.waitForCall((c) => c.method === 'PUT');
    } finally {
      await first.close();
    }
  });

  it('stops start-up with a message naming DISCORD_TOKEN when Discord rejects the token', async () => {
    const fake = await createFakeDiscord();
    const stranger = await startDiscordHarness({
      database,
      fake,
      deferStart: true,
      botToken: 'MTQwMDAwMDAwMDAwMDAwMDAwMg.OtHeRr.a-different-token-than-the-bot-has',
    });
    try {
      await expect(stranger.adapter.start()).rejects.toThrow(/Discord rejected DISCORD_TOKEN/);
      expect(fake.connections).toHaveLength(0);
      expect((await stranger.healthz()).status).toBe(503);
    } finally {
      await stranger.close();
      await fake.close();
    }
  });
});

describe('npm start and npm run discord:register', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await createFakeDiscord();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('runs Discord-only: the HTTP server serves /healthz, posts go to Discord, and stop closes the gateway', async () => {
    const config: Config = {
      database: { url: database.url, poolMax: 4, dataDir: 'memory://' },
      port: 0,
      log: { level: 'silent', format: 'json' },
      contentDir: fixtureContent,
      defaultDeck: undefined,
      console: 'auto',
      metricsToken: undefined,
      defaultTimezone: 'UTC',
      postWindowHours: 24,
      inbound: { concurrency: 16, queue: 256 },
      catchupGraceHours: 3,
      postConcurrency: 8,
      slack: undefined,
      discord: { token: fake.token, apiUrl: `${fake.apiUrl}/`, guildId: undefined, shard: undefined },
    };
    const { logger } = captureLogger();
    const app = await startApp(config, { logger });
    try {
      expect(app.publishers.get('discord')).toBeDefined();
      const address = app.http?.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      let res = await fetch(`http://127.0.0.1:${port}/healthz`);
      for (let i = 0; i < 200 && res.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 50));
        res = await fetch(`http://127.0.0.1:${port}/healthz`);
      }
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', checks: { database: true, discord: true } });
      // DISCORD_API_URL with a trailing slash still reaches /api/v10/… .
      expect(fake.calls.some((c) => c.path === '/gateway/bot' && c.status === 200)).toBe(true);
    } finally {
      const closed = fake.waitForEvent('gateway-closed');
      await app.stop();
      await closed;
    }
  });

  it('`npm run discord:register` registers in DISCORD_GUILD_ID without a gateway and prints the invite URL', async () => {
    const before = fake.connections.length;
    const result = await runNpm(
      ['run', 'discord:register'],
      '',
      childEnv({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: fake.guildId }),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fake.calls.some((c) => c.method === 'GET' && c.path === '/applications/@me')).toBe(true);
    const put = fake.calls.find(
      (c) => c.method === 'PUT' && c.path.includes(`/guilds/${fake.guildId}/commands`),
    );
    expect(((put?.body ?? []) as CommandJson[]).map((c) => c.name)).toContain('studybot');
    expect(fake.connections).toHaveLength(before);
    expect(result.stdout).toContain(
      // The registry's slash commands and the message menu "Explain terms in this message".
      `Registered ${commandRegistry.specs.length + 1} commands in server ${fake.guildId}`,
    );
    expect(result.stdout).toContain(
      `https://discord.com/oauth2/authorize?client_id=${fake.applicationId}&scope=bot%20applications.commands&permissions=${BOT_PERMISSIONS}`,
    );
  });

  it('`npm run discord:register` explains a rejected token and exits 1', async () => {
    const result = await runNpm(
      ['run', 'discord:register'],
      '',
      childEnv({
        DISCORD_TOKEN: 'MTQwMDAwMDAwMDAwMDAwMDAwMg.OtHeRr.a-different-token-than-the-bot-has',
        DISCORD_API_URL: fake.apiUrl,
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Discord rejected DISCORD_TOKEN/);
    expect(result.stderr).not.toContain('a-different-token');
  });
});
