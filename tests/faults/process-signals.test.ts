import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusalMessage } from '../../src/core/refusals.js';
import { type BotProcess, freePort, startBotProcess } from '../support/bot-process.js';
import { createFakeSlack, type FakeSlack, type FakeSlackUser } from '../support/fake-slack.js';
import { fixtureContent } from '../support/paths.js';
import { blockActionsForm, buttonsOf, CHANNEL, commandForm } from '../support/slack-harness.js';
import { postSigned } from '../support/slack-signing.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET } from '../support/test-secrets.js';

let fake: FakeSlack;
let database: TestDatabase;
let dataDir: string;
const running: BotProcess[] = [];

beforeEach(async () => {
  fake = await createFakeSlack({ botToken: SLACK_BOT_TOKEN });
  // The bot processes use this run's database: a fresh Postgres database, or an embedded one on disk.
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'studybot-signals-'));
});
afterEach(async () => {
  for (const p of running.splice(0)) {
    p.signal('SIGKILL');
    await p.exited;
  }
  await fake.close();
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function startBot(label: string): Promise<{ bot: BotProcess; events: string }> {
  const port = await freePort();
  const bot = startBotProcess(label, {
    ...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
    PORT: String(port),
    SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    CONTENT_DIR: fixtureContent,
  });
  running.push(bot);
  await bot.waitForLog(/Slack adapter ready/);
  return { bot, events: `http://127.0.0.1:${port}/slack/events` };
}

const admin: FakeSlackUser = { id: 'U0ADMIN01', name: 'alice', isAdmin: true };

/** Posts a question through the running bot and returns the value and id of its first button. */
async function postQuestion(events: string) {
  fake.addUser(admin);
  await postSigned(
    events,
    SLACK_SIGNING_SECRET,
    commandForm(fake, admin, '/studybot', 'post', CHANNEL, fake.responseUrl()),
  );
  const message = await fake.waitFor(
    () => fake.messages.find((m) => m.channel === CHANNEL),
    'the posted question',
  );
  const button = buttonsOf(message.blocks)[0];
  if (!button) throw new Error('no buttons');
  return { message, button };
}

async function click(events: string, user: FakeSlackUser, q: Awaited<ReturnType<typeof postQuestion>>) {
  const responseUrl = fake.responseUrl();
  const body = blockActionsForm(fake, user, q.button.value, {
    channel: CHANNEL,
    messageTs: q.message.ts,
    actionId: q.button.actionId,
    responseUrl,
  });
  const status = await postSigned(events, SLACK_SIGNING_SECRET, body).then(
    (r) => r.status,
    () => 0, // connection refused: the process is gone
  );
  return { status, responseUrl };
}

const replyText = (url: string) => String(fake.responsesTo(url)[0]?.body.text ?? '');
const isVerdict = (text: string) => /^(Correct!|Not quite)/.test(text);

describe('the bot process under signals', () => {
  it('keeps every acknowledged answer when killed with SIGKILL', async () => {
    const first = await startBot('sigkill (before)');
    const q = await postQuestion(first.events);
    const users = Array.from({ length: 30 }, (_, i) => ({
      id: `U0KILL${String(i).padStart(3, '0')}`,
      name: `k${i}`,
    }));
    const clicks = await Promise.all(users.map((u) => click(first.events, u, q)));
    await fake.waitFor(
      () => clicks.every((c) => isVerdict(replyText(c.responseUrl))),
      'a verdict for every click',
    );

    first.bot.signal('SIGKILL');
    await first.bot.exited;
    const second = await startBot('sigkill (after)');
    const again = await Promise.all(users.map((u) => click(second.events, u, q)));
    await fake.waitFor(
      () => again.every((c) => replyText(c.responseUrl) !== ''),
      'an answer to every second click',
    );
    // The child process's answer, read from the refusal table: the first answer, A, still counts.
    for (const c of again)
      expect(replyText(c.responseUrl)).toBe(refusalMessage('ALREADY_ANSWERED', { choice: 'A' }));
  });

  it('finishes the answers in flight when stopped with SIGTERM in the middle of a burst', async () => {
    const { bot, events } = await startBot('sigterm (burst)');
    const q = await postQuestion(events);
    const users = Array.from({ length: 60 }, (_, i) => ({
      id: `U0TERM${String(i).padStart(3, '0')}`,
      name: `t${i}`,
    }));
    let acknowledged = 0;
    const clicks = users.map((u) =>
      click(events, u, q).then((r) => {
        if (r.status === 200 && ++acknowledged === 10) bot.signal('SIGTERM');
        return { ...r, user: u };
      }),
    );
    const results = await Promise.all(clicks);
    await bot.exited;
    expect(bot.stderr).toMatch(/"reason":"SIGTERM","msg":"stopped"/);

    const acked = results.filter((r) => r.status === 200);
    expect(acked.length).toBeGreaterThanOrEqual(10);
    // Nothing Slack was told "got it" is left unanswered: every acknowledged click got its verdict.
    for (const r of acked) expect(isVerdict(replyText(r.responseUrl))).toBe(true);

    const restarted = await startBot('sigterm (after)');
    const again = await Promise.all(acked.map((r) => click(restarted.events, r.user, q)));
    await fake.waitFor(
      () => again.every((c) => replyText(c.responseUrl) !== ''),
      'an answer to every second click',
    );
    // The child process's answer, read from the refusal table: the first answer, A, still counts.
    for (const c of again)
      expect(replyText(c.responseUrl)).toBe(refusalMessage('ALREADY_ANSWERED', { choice: 'A' }));
  });
});
