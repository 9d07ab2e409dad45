import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import type { PublisherRegistry } from '../../src/core/quiz/quiz.service.js';
import { createQuizStore } from '../../src/db/quiz.store.js';
import { createHttpServer, type HttpServer } from '../../src/http/http.server.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { createHarness, createRecordingPublisher, type Harness, silentLog } from '../support/harness.js';
import { suiteLogger } from '../support/log-sink.js';

let h: Harness;
let http: HttpServer;
let url: string;
let bot: ReturnType<typeof createBot>;
const platform = createRecordingPublisher();

beforeAll(async () => {
  h = await createHarness();
  const metrics = createMetrics({ database: h.database });
  const publishers: PublisherRegistry = new Map([
    ['console', metrics.instrumentPublisher('console', platform)],
  ]);
  bot = metrics.instrumentBot(
    createBot({
      catalog: h.catalog,
      store: metrics.instrumentStore(createQuizStore({ database: h.database })),
      publishers,
      clock: h.clock,
      settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
      log: silentLog,
    }),
  );
  http = createHttpServer({
    port: 0,
    host: '127.0.0.1',
    logger: suiteLogger(),
  });
  metrics.mount(http);
  url = `http://127.0.0.1:${await http.listen()}/metrics`;
});
afterAll(async () => {
  await http.close();
  await h.close();
});

const metricValue = (text: string, line: RegExp): number =>
  Number(
    text
      .split('\n')
      .find((l) => line.test(l))
      ?.split(' ')
      .at(-1),
  );

describe('/metrics', () => {
  it('counts commands by name and platform, answers by result, posts sent, and times handlers', async () => {
    const admin = h.actor('admin', { admin: true });
    await bot.command(admin, 'explain', 'scp');
    await bot.command(admin, 'explain', 'iam');
    await bot.command(admin, 'studybot', 'post');
    const [reply] = await bot.command(h.actor('ann'), 'leaderboard', '');
    expect(reply?.kind).toBe('leaderboard');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(
      metricValue(text, /^studybot_commands_total\{name="explain",platform="console",outcome="ok"\}/),
    ).toBe(2);
    expect(
      metricValue(text, /^studybot_commands_total\{name="studybot",platform="console",outcome="ok"\}/),
    ).toBe(1);
    expect(metricValue(text, /^studybot_posts_sent_total\{platform="console"\}/)).toBe(1);
    expect(
      metricValue(text, /^studybot_handler_duration_seconds_count\{name="explain",platform="console"\}/),
    ).toBe(2);
    expect(text).toMatch(/^studybot_db_pool_connections\{state="max"\} \d+/m);
    expect(text).toMatch(/^studybot_process_resident_memory_bytes \d+/m);
  });

  it('counts recorded and duplicate answers', async () => {
    const button = platform.messages[0]?.reply.buttons?.[0];
    if (!button) throw new Error('no question was posted');
    await bot.action(h.actor('ann'), button.actionId);
    await bot.action(h.actor('ann'), button.actionId);
    await bot.action(h.actor('bob'), button.actionId);
    const text = await (await fetch(url)).text();
    expect(metricValue(text, /^studybot_answers_total\{result="recorded"\}/)).toBe(2);
    expect(metricValue(text, /^studybot_answers_total\{result="duplicate"\}/)).toBe(1);
    expect(
      metricValue(text, /^studybot_commands_total\{name="button:answer",platform="console",outcome="ok"\}/),
    ).toBe(3);
  });
});
