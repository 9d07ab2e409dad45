import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInboundPipeline,
  type InboundPipeline,
  type InboundRequest,
} from '../../src/adapters/inbound.pipeline.js';
import type { Actor } from '../../src/core/actor.js';
import { createBot } from '../../src/core/bot.js';
import { createPublisherRegistry } from '../../src/core/publishing/publisher.registry.js';
import type { Reply } from '../../src/core/replies.js';
import { createStores } from '../../src/db/stores.js';
import { createHttpServer, type HttpServer } from '../../src/http/http.server.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { createHarness, createRecordingPublisher, type Harness, silentLog } from '../support/harness.js';
import { suiteLogger } from '../support/log-sink.js';

let h: Harness;
let http: HttpServer;
let url: string;
let pipeline: InboundPipeline;
let deliveries = 0;
const platform = createRecordingPublisher();

/** One event through the inbound pipeline, as every adapter sends it; resolves with its replies. */
async function send(actor: Actor, request: InboundRequest): Promise<Reply[]> {
  const replies: Reply[] = [];
  await pipeline.handle({
    platform: actor.platform,
    deliveryId: `metrics:${++deliveries}`,
    request,
    about: {},
    actor: async () => actor,
    render: (reply) => reply,
    async send(sent) {
      for (const { reply } of sent) replies.push(reply);
    },
  });
  return replies;
}
const command = (actor: Actor, name: string, text: string) => send(actor, { kind: 'command', name, text });
const click = (actor: Actor, actionId: string) => send(actor, { kind: 'action', actionId });

beforeAll(async () => {
  h = await createHarness();
  const metrics = createMetrics({ database: h.database });
  const publishers = createPublisherRegistry(metrics.instrumentPublisher);
  publishers.register('console', platform);
  const stores = createStores({ database: h.database });
  const bot = createBot({
    ...stores,
    answers: metrics.instrumentAnswers(stores.answers),
    catalog: h.catalog,
    publishers,
    clock: h.clock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silentLog,
  });
  pipeline = createInboundPipeline({ bot, logger: suiteLogger(), observer: metrics.observer });
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
    await command(admin, 'explain', 'scp');
    await command(admin, 'explain', 'iam');
    await command(admin, 'studybot', 'post');
    await command(admin, 'leaderboard', 'yesterday');
    const [reply] = await command(h.actor('ann'), 'leaderboard', '');
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
    expect(metricValue(text, /^studybot_refusals_total\{code="ARGUMENT_INVALID",platform="console"\}/)).toBe(
      1,
    );
    expect(text).toMatch(/^studybot_db_pool_connections\{state="max"\} \d+/m);
    expect(text).toMatch(/^studybot_process_resident_memory_bytes \d+/m);
  });

  it('counts recorded and duplicate answers', async () => {
    const button = platform.messages[0]?.reply.buttons?.[0];
    if (!button) throw new Error('no question was posted');
    await click(h.actor('ann'), button.actionId);
    await click(h.actor('ann'), button.actionId);
    await click(h.actor('bob'), button.actionId);
    await click(h.actor('bob'), 'answer:<script>:Z');
    const text = await (await fetch(url)).text();
    expect(metricValue(text, /^studybot_answers_total\{result="recorded"\}/)).toBe(2);
    expect(metricValue(text, /^studybot_answers_total\{result="duplicate"\}/)).toBe(1);
    expect(
      metricValue(text, /^studybot_commands_total\{name="button:answer",platform="console",outcome="ok"\}/),
    ).toBe(3);
    // A tampered button is counted under one label, never under the text it carried.
    expect(
      metricValue(text, /^studybot_commands_total\{name="button:invalid",platform="console",outcome="ok"\}/),
    ).toBe(1);
    expect(text).not.toContain('<script>');
  });

  it('wants the bearer token when METRICS_TOKEN is set, and answers 404 without it', async () => {
    const guarded = createHttpServer({ port: 0, host: '127.0.0.1', logger: suiteLogger() });
    createMetrics({ database: h.database }).mount(guarded, 'a-long-random-metrics-token');
    const guardedUrl = `http://127.0.0.1:${await guarded.listen()}/metrics`;
    try {
      expect((await fetch(guardedUrl)).status).toBe(404);
      const wrong = await fetch(guardedUrl, { headers: { authorization: 'Bearer not-the-token-at-all!' } });
      expect(wrong.status).toBe(404);
      const right = await fetch(guardedUrl, {
        headers: { authorization: 'Bearer a-long-random-metrics-token' },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toMatch(/^studybot_process_resident_memory_bytes \d+/m);
    } finally {
      await guarded.close();
    }
  });
});
