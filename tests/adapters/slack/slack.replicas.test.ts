import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../../src/app.js';
import { type Config, parseConfig } from '../../../src/config.js';
import { refusalMessage } from '../../../src/core/refusals.js';
import { answers, members } from '../../../src/db/schema.js';
import { createFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { suiteLogger } from '../../support/log-sink.js';
import { fixtureContent } from '../../support/paths.js';
import {
  APP_TOKEN,
  BOT_TOKEN,
  blockActionsForm,
  buttonsOf,
  CHANNEL,
  commandForm,
  SIGNING_SECRET,
} from '../../support/slack-harness.js';
import { postSigned } from '../../support/slack-signing.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.js';
import { testDatabaseUrl } from '../../support/test-env.js';

// Several processes on one database need a database server: the embedded one serves a single process.
const onServer = testDatabaseUrl() !== undefined;

describe.skipIf(!onServer)('several replicas on one PostgreSQL', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let dataDir: string;
  const apps: App[] = [];
  const logger = suiteLogger('debug', [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET]);

  beforeAll(async () => {
    fake = await createFakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'studybot-replicas-'));
  });
  afterAll(async () => {
    for (const app of apps.splice(0)) await app.stop();
    await fake.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const config = (env: Record<string, string>): Config => ({
    ...parseConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      CONTENT_DIR: fixtureContent,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url ?? '',
      DATABASE_POOL_MAX: '4',
      ...env,
    }),
    port: 0,
  });
  const urlOf = (app: App) => {
    const address = app.http?.server.address() as AddressInfo | undefined;
    if (!address) throw new Error('the app has no HTTP server');
    return `http://127.0.0.1:${address.port}/slack/events`;
  };

  it('serves one team from three HTTP-mode replicas behind one URL, exactly once per answer', async () => {
    const replicas = await Promise.all(
      [1, 2, 3].map(() => startApp(config({ SLACK_SIGNING_SECRET: SIGNING_SECRET }), { logger })),
    );
    apps.push(...replicas);
    const urls = replicas.map(urlOf);
    const admin = { id: 'U0ADMIN01', name: 'alice', isAdmin: true };
    fake.addUser(admin);
    const postUrl = fake.responseUrl();
    const posted = await postSigned(
      urls[0] ?? '',
      SIGNING_SECRET,
      commandForm(fake, admin, '/studybot', 'post', CHANNEL, postUrl),
    );
    expect(posted.status).toBe(200);
    const question = await fake.waitFor(
      () => fake.messages.find((m) => m.channel === CHANNEL),
      'the posted question',
    );
    const button = buttonsOf(question.blocks)[0];
    if (!button) throw new Error('the question has no buttons');

    // A load balancer spreads one impatient user's 21 clicks over every replica.
    const bob = { id: 'U0BOB0001', name: 'bob' };
    fake.addUser(bob);
    const clickUrls = Array.from({ length: 21 }, () => fake.responseUrl());
    const statuses = await Promise.all(
      clickUrls.map((responseUrl, i) =>
        postSigned(
          urls[i % 3] ?? '',
          SIGNING_SECRET,
          blockActionsForm(fake, bob, button.value, {
            channel: CHANNEL,
            messageTs: question.ts,
            actionId: button.actionId,
            responseUrl,
          }),
        ).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await fake.waitFor(
      () => clickUrls.every((u) => fake.responsesTo(u).length > 0),
      'an answer to every click',
    );
    const verdicts = clickUrls.map((u) => String(fake.responsesTo(u)[0]?.body.text ?? ''));
    expect(verdicts.filter((t) => /^(Correct!|Not quite)/.test(t))).toHaveLength(1);
    const choice = button.value.split(':')[2] ?? '';
    // The replicas are child processes: their refusals are read through the refusal table.
    expect(verdicts.filter((t) => t === refusalMessage('ALREADY_ANSWERED', { choice }))).toHaveLength(20);
    const rows = await database.db
      .select()
      .from(answers)
      .innerJoin(members, eq(members.id, answers.memberId))
      .where(and(eq(members.externalId, bob.id)));
    expect(rows).toHaveLength(1);

    // Every replica tells the same leaderboard.
    const boards = await Promise.all(
      urls.map(async (url) => {
        const responseUrl = fake.responseUrl();
        await postSigned(
          url,
          SIGNING_SECRET,
          commandForm(fake, bob, '/leaderboard', 'all', CHANNEL, responseUrl),
        );
        return String(
          (await fake.waitFor(() => fake.responsesTo(responseUrl)[0], 'a leaderboard')).body.text,
        );
      }),
    );
    expect(new Set(boards).size).toBe(1);
    expect(boards[0]).toContain('bob');
    for (const app of apps.splice(0)) await app.stop();
  });

  it('refuses a second Socket Mode replica with a clear message', async () => {
    const first = await startApp(config({ SLACK_APP_TOKEN: APP_TOKEN }), { logger });
    apps.push(first);
    await expect(startApp(config({ SLACK_APP_TOKEN: APP_TOKEN }), { logger })).rejects.toThrow(
      /^Slack Socket Mode allows one replica, and another studybot process on this database already runs it\./,
    );
    await first.stop();
    apps.splice(0);
    // Once the first has stopped, a new one may take over.
    const next = await startApp(config({ SLACK_APP_TOKEN: APP_TOKEN }), { logger });
    apps.push(next);
    expect(next.publishers.get('slack')).toBeDefined();
  });
});
