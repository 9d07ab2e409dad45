import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../../src/app.js';
import { type Config, parseConfig } from '../../../src/config.js';
import { createFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { suiteLogger } from '../../support/log-sink.js';
import { fixtureContent } from '../../support/paths.js';
import {
  APP_TOKEN,
  BOT_TOKEN,
  CHANNEL,
  commandForm,
  createSlackHarness,
  SIGNING_SECRET,
  type SlackHarness,
} from '../../support/slack-harness.js';
import { postSigned } from '../../support/slack-signing.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.js';

describe('/healthz and the Slack adapter starting', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await createSlackHarness({ start: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says 503 and refuses events until the adapter has started, then 200', async () => {
    const before = await fetch(`${h.url}/healthz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ status: 'unavailable', checks: { database: true, slack: false } });
    const admin = h.user({ id: 'U0ADMIN01', name: 'alice', isAdmin: true });
    const early = await h.command(admin, '/studybot', 'post');
    expect(early.status).toBe(503);
    expect(h.fake.calls).toEqual([]);

    await h.adapter.start();
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
    const after = await fetch(`${h.url}/healthz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: 'ok', checks: { database: true, slack: true } });
    const now = await h.command(admin, '/studybot', 'post');
    expect((await h.replies(now.responseUrl))[0]?.body.text).toBe(
      'Posted the next question in this channel.',
    );
  });
});

describe('npm start with Slack credentials (startApp)', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let dataDir: string;
  const apps: App[] = [];
  const logger = suiteLogger('debug', [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET]);

  beforeAll(async () => {
    fake = await createFakeSlack({ botToken: BOT_TOKEN });
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'studybot-slack-app-'));
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await fake.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The configuration `npm start` would parse from these variables, on this run's database and port 0. */
  const config = (): Config => ({
    ...parseConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      CONTENT_DIR: fixtureContent,
      DATA_DIR: dataDir,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    }),
    port: 0,
  });

  it('serves Slack at /slack/events, posts through the Slack publisher, and turns unhealthy without a database', async () => {
    const app = await startApp(config(), { logger });
    apps.push(app);
    expect(app.publishers.get('slack')).toBeDefined();
    const address = app.http?.server.address() as AddressInfo | undefined;
    if (!address) throw new Error('the app has no HTTP server');
    const url = `http://127.0.0.1:${address.port}`;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    fake.addUser({ id: 'U0ADMIN01', name: 'alice', isAdmin: true });
    const responseUrl = fake.responseUrl();
    const body = commandForm(
      fake,
      { id: 'U0ADMIN01', name: 'alice' },
      '/studybot',
      'post',
      CHANNEL,
      responseUrl,
    );
    expect((await postSigned(`${url}/slack/events`, SIGNING_SECRET, body)).status).toBe(200);
    await fake.waitFor(() => fake.responsesTo(responseUrl).length > 0, 'the answer to /studybot post');
    expect(fake.responsesTo(responseUrl)[0]?.body.text).toBe('Posted the next question in this channel.');
    expect(fake.messages.filter((m) => m.channel === CHANNEL)).toHaveLength(1);

    await app.database.close();
    const down = await fetch(`${url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ checks: { database: false, slack: true } });
  });

  it('stops start-up with the variable to fix when Slack refuses the token', async () => {
    fake.once('auth.test', { error: 'invalid_auth' });
    await expect(startApp(config(), { logger })).rejects.toThrow(
      'Slack did not accept SLACK_BOT_TOKEN: auth.test failed (invalid_auth).',
    );
  });
});
