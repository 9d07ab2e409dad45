/**
 * The Discord adapter wired as in production (real discord.js client, real core, real database of this
 * test file) against the fake Discord on loopback, with the HTTP server on port 0 for /healthz.
 */
import { Writable } from 'node:stream';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/discord.adapter.js';
import type { HandledEvent, InboundLimits } from '../../src/adapters/inbound.pipeline.js';
import { createRecapCharts } from '../../src/charts/readiness.chart.js';
import { type Bot, createBot } from '../../src/core/bot.js';
import { systemClock } from '../../src/core/clock.js';
import { loadCatalog } from '../../src/core/content/catalog.js';
import { createPublisherRegistry } from '../../src/core/publishing/publisher.registry.js';
import { createStores } from '../../src/db/stores.js';
import { createHttpServer, type HttpServer } from '../../src/http/http.server.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from './fake-discord.js';
import type { Json } from './fake-discord-state.js';
import { suiteLogStream } from './log-sink.js';
import { fixtureContent } from './paths.js';
import { createRecordingObserver } from './recording-observer.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

/** A Discord embed as the bot sent it to the fake (the fields tests read). */
export interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

/** The first embed of a message body the bot sent, or an empty one. */
export const embedOf = (body: unknown): Embed => ((body as { embeds?: Embed[] }).embeds ?? [])[0] ?? {};

export interface LogLine {
  level: number;
  msg: string;
  module?: string;
  err?: { message?: string; type?: string };
  [key: string]: unknown;
}

/** A logger whose JSON lines tests can read (warnings and errors by default). */
export function captureLogger(level: 'warn' | 'info' | 'debug' | 'trace' = 'warn'): {
  logger: Logger;
  lines: LogLine[];
} {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n'))
        if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
      callback();
    },
  });
  return { logger: createLogger({ level, format: 'json', destination: suiteLogStream(destination) }), lines };
}

export interface DiscordHarness {
  fake: FakeDiscord;
  database: TestDatabase;
  bot: Bot;
  http: HttpServer;
  adapter: DiscordAdapter;
  logs: LogLine[];
  /** What the inbound pipeline reported for each event (refusal codes). */
  observer: ReturnType<typeof createRecordingObserver>;
  /** What the inbound pipeline reported for an interaction sent to the bot (waits until it is handled). */
  handled(interaction: Json): Promise<HandledEvent>;
  /** GET /healthz on the app's HTTP server: status and body. */
  healthz(): Promise<{ status: number; body: { status: string; checks: Record<string, boolean> } }>;
  /** Waits until /healthz answers `status` (the gateway and registration are asynchronous). */
  waitForHealth(status: number): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends FakeDiscordOptions {
  guildId?: 'fake' | undefined;
  /** The token the bot logs in with (default: the one the fake accepts). */
  botToken?: string;
  registerRetryMs?: number;
  /** Do not log in yet: the test calls `adapter.start()` itself. */
  deferStart?: boolean;
  /** Lowest level the captured logs keep (default warn). */
  logLevel?: 'warn' | 'info' | 'debug' | 'trace';
  /** Run as one shard of several (DISCORD_SHARD_ID / DISCORD_SHARD_COUNT). */
  shard?: { id: number; count: number };
  /** Bound the pipeline's work in flight (INBOUND_CONCURRENCY / INBOUND_QUEUE). */
  limits?: InboundLimits;
  /** Reuse a fake (and its database) between harnesses. */
  fake?: FakeDiscord;
  database?: TestDatabase;
}

export async function startDiscordHarness(options: HarnessOptions = {}): Promise<DiscordHarness> {
  const database = options.database ?? (await createTestDatabase());
  const fake = options.fake ?? (await createFakeDiscord(options));
  const catalog = await loadCatalog(fixtureContent);
  const publishers = createPublisherRegistry();
  const observer = createRecordingObserver();
  const { logger, lines } = captureLogger(options.logLevel);
  const stores = createStores({ database });
  const bot = createBot({
    ...stores,
    charts: createRecapCharts(),
    catalog,
    publishers,
    clock: systemClock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: logger.child({ module: 'core' }),
  });
  const http = createHttpServer({ port: 0, host: '127.0.0.1', logger });
  http.addHealthCheck('database', () => database.ping());
  const port = await http.listen();
  const adapter = createDiscordAdapter({
    config: {
      token: options.botToken ?? fake.token,
      apiUrl: fake.apiUrl,
      guildId: options.guildId === 'fake' ? fake.guildId : undefined,
      shard: options.shard,
    },
    bot,
    http,
    logger,
    observer,
    inbound: { deliveries: stores.deliveries, ...(options.limits ? { limits: options.limits } : {}) },
    ...(options.registerRetryMs !== undefined ? { registerRetryMs: options.registerRetryMs } : {}),
  });
  publishers.register('discord', adapter.publisher);

  const healthz = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return {
      status: res.status,
      body: (await res.json()) as { status: string; checks: Record<string, boolean> },
    };
  };
  const waitForHealth = async (status: number) => {
    for (let i = 0; i < 400; i++) {
      if ((await healthz()).status === status) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`/healthz never answered ${status}: ${JSON.stringify((await healthz()).body)}`);
  };

  const harness: DiscordHarness = {
    fake,
    database,
    bot,
    http,
    adapter,
    logs: lines,
    observer,
    handled: (interaction) => observer.eventFor(String(interaction.id)),
    healthz,
    waitForHealth,
    async close() {
      await adapter.stop();
      await http.close();
      if (!options.fake) await fake.close();
      if (!options.database) await database.close();
    },
  };
  if (!options.deferStart) {
    await adapter.start();
    await waitForHealth(200);
  }
  return harness;
}
