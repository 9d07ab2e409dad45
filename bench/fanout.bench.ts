import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublisherClient, createSlackPublisher } from '../src/adapters/slack/slack.publisher.js';
import { createBot } from '../src/core/bot.js';
import { systemClock } from '../src/core/clock.js';
import type { Catalog } from '../src/core/content/catalog.js';
import { createPublisherRegistry } from '../src/core/publishing/publisher.registry.js';
import type { Database } from '../src/db/client.js';
import { createStores } from '../src/db/stores.js';
import { createLogger } from '../src/logger.js';
import { createDailyPostJob } from '../src/scheduler/daily-post.job.js';
import { round } from './stats.js';

/**
 * A stand-in for Slack's chat.postMessage that enforces a rate limit the way Slack does: a token bucket
 * (`rate` a second, bursts of `burst`), and HTTP 429 with a whole-second Retry-After when it is empty.
 */
async function rateLimitedPlatform(rate: number, burst: number) {
  let tokens = burst;
  let last = performance.now();
  let posted = 0;
  let limited = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const now = performance.now();
      tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
      last = now;
      if (tokens < 1) {
        limited++;
        const wait = Math.max(1, Math.ceil((1 - tokens) / rate));
        res.writeHead(429, { 'retry-after': String(wait), 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      tokens -= 1;
      posted++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, channel: 'C', ts: `${Date.now() / 1000}.${posted}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    stats: () => ({ posted, limited }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * One daily slot fanned out to `channels` channels by the real scheduler job and the real Slack publisher,
 * against a platform limited to `rate` posts a second: the time taken, against the floor the limit sets.
 */
export async function benchFanout(
  database: Database,
  catalog: Catalog,
  options: { channels: number; rate: number; concurrency: number },
) {
  const platform = await rateLimitedPlatform(options.rate, Math.max(1, Math.round(options.rate / 5)));
  const logger = createLogger({ level: 'silent', format: 'json' });
  try {
    const store = createStores({ database });
    const publisher = createSlackPublisher({
      client: createPublisherClient({ botToken: 'xoxb-bench', apiUrl: platform.apiUrl, logger: undefined }),
      logger,
    });
    const publishers = createPublisherRegistry();
    publishers.register('slack', publisher);
    const bot = createBot({
      ...store,
      catalog,
      publishers,
      clock: systemClock,
      settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
      log: { warn: () => undefined, info: () => undefined },
    });
    const actor = {
      platform: 'slack' as const,
      workspaceId: 'TFANOUT',
      channelId: 'C0',
      userId: 'U',
      userName: 'u',
      isAdmin: true,
    };
    const { workspace } = await store.members.ensureMember(actor, 'UTC');
    const now = new Date();
    const deckId = catalog.decks[0]?.meta.id ?? 'aws-security';
    for (let i = 0; i < options.channels; i++) {
      const channel = await store.channels.ensureChannel(
        workspace.id,
        `CFAN${String(i).padStart(5, '0')}`,
        deckId,
      );
      await store.schedules.upsertSchedule({
        channelId: channel.id,
        timeOfDay: now.toISOString().slice(11, 16),
        timezone: 'UTC',
        days: 'daily',
        at: new Date(now.getTime() - 3_600_000),
      });
    }
    const job = createDailyPostJob({
      stores: store,
      quiz: bot.quiz,
      clock: systemClock,
      logger,
      settings: {
        graceMs: 3 * 3_600_000,
        concurrency: options.concurrency,
        backoffMs: 2000,
        maxBackoffMs: 300_000,
      },
    });
    const started = performance.now();
    const report = await job.tick();
    const seconds = (performance.now() - started) / 1000;
    const { posted, limited } = platform.stats();
    if (report.posted !== options.channels || posted !== options.channels) {
      throw new Error(`fan-out posted ${report.posted} (platform saw ${posted}) of ${options.channels}`);
    }
    return {
      fanout_channels: options.channels,
      fanout_rate_limit_per_s: options.rate,
      fanout_s: round(seconds, 2),
      fanout_floor_s: round(options.channels / options.rate, 2),
      fanout_429s: limited,
    };
  } finally {
    await platform.close();
  }
}
