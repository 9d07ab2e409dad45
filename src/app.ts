/**
 * The running service: content → database → core → adapters (→ scheduler), and an orderly stop.
 * `src/main.ts` calls this with the parsed configuration; tests can too.
 */
import { createConsoleAdapter } from './adapters/console/console.adapter.js';
import type { Config } from './config.js';
import { type Bot, createBot } from './core/bot.js';
import { type Catalog, loadCatalog } from './core/content/catalog.js';
import { systemClock } from './core/ports.js';
import type { PublisherRegistry } from './core/quiz/quiz.service.js';
import { createDatabase, type Database } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { createQuizStore } from './db/quiz.store.js';
import { createHttpServer, type HttpServer } from './http/http.server.js';
import type { Logger } from './logger.js';
import { createMetrics } from './metrics/metrics.js';
import { createDailyPostJob } from './scheduler/daily-post.job.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';

/** Something started that must be stopped on shutdown, in reverse order of starting. */
export interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

export interface App {
  config: Config;
  catalog: Catalog;
  database: Database;
  bot: Bot;
  publishers: PublisherRegistry;
  /** The HTTP server on PORT; absent in console mode. */
  http: HttpServer | undefined;
  scheduler: Scheduler;
  /** Resolves when the app has nothing left to do (console: end of input); never for platform mode. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  interactive?: boolean;
}

export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const startedAt = Date.now();
  const { logger } = options;
  const catalog = await loadCatalog(config.contentDir);
  const database = await createDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    poolMax: config.database.poolMax,
    onNotice: (m) => logger.debug({ module: 'db' }, m),
  });
  const started: Stoppable[] = [{ name: 'database', stop: () => database.close() }];
  const stop = async () => {
    for (const s of started.splice(0).reverse()) {
      await s.stop().catch((err: unknown) => logger.error({ err, component: s.name }, 'stopping failed'));
    }
  };
  try {
    await runMigrations(database);
    const metrics = createMetrics({ database });
    // Whatever an adapter registers here is counted (posts sent and failed) on its way out.
    const publishers: PublisherRegistry = new Map();
    const register = publishers.set.bind(publishers);
    publishers.set = (platform, publisher) =>
      register(platform, metrics.instrumentPublisher(platform, publisher));
    const store = metrics.instrumentStore(createQuizStore({ database }));
    const bot = metrics.instrumentBot(
      createBot({
        catalog,
        store,
        publishers,
        clock: systemClock,
        settings: { postWindowHours: config.postWindowHours, defaultTimezone: config.defaultTimezone },
        log: logger.child({ module: 'core' }),
      }),
    );

    const scheduler = createScheduler({
      logger,
      job: createDailyPostJob({
        store,
        quiz: bot.quiz,
        clock: systemClock,
        logger,
        settings: {
          graceMs: config.catchupGraceHours * 3_600_000,
          concurrency: config.postConcurrency,
          backoffMs: 2_000,
          maxBackoffMs: 5 * 60_000,
        },
      }),
    });
    /** The app, once every adapter has registered its publisher: the scheduler starts last, stops first. */
    const running = (http: HttpServer | undefined, done: Promise<void>): App => {
      scheduler.start();
      started.push({ name: 'scheduler', stop: () => scheduler.stop() });
      return { config, catalog, database, bot, publishers, http, scheduler, done, stop };
    };

    const consoleMode = config.slack === undefined && config.discord === undefined;
    if (consoleMode) {
      const terms = catalog.decks.reduce((n, d) => n + d.terms.length, 0);
      const questions = catalog.decks.reduce((n, d) => n + d.questions.length, 0);
      const where =
        database.kind === 'pglite'
          ? `embedded PostgreSQL (PGlite) in ${config.database.dataDir}/pglite`
          : 'PostgreSQL at DATABASE_URL';
      const adapter = createConsoleAdapter({
        bot,
        logger,
        input: options.input ?? process.stdin,
        output: options.output ?? process.stdout,
        interactive: options.interactive ?? false,
        banner: [
          `studybot console chat: ${catalog.decks.length} deck(s), ${terms} terms, ${questions} questions; ${where}; ready in ${Date.now() - startedAt} ms.`,
          'No Slack or Discord credentials are set, so you are chatting locally as an admin. Type /help, or try /explain scp.',
          'To connect Slack set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; for Discord set DISCORD_TOKEN (see README.md).',
        ],
      });
      publishers.set('console', adapter.publisher);
      return running(undefined, adapter.run());
    }

    const http = createHttpServer({ port: config.port, logger });
    http.addHealthCheck('database', () => database.ping());
    metrics.mount(http);
    await http.listen();
    started.push({ name: 'http', stop: () => http.close() });
    // Platform adapters (Slack, Discord) start here and register their publishers and health checks.
    if (config.slack) {
      if (config.slack.appToken) {
        // Socket Mode is one connection for the whole app: a second replica would split (and race) its events.
        const lock = await database.holdLock('studybot:slack-socket-mode');
        if (!lock) {
          throw new Error(
            'Slack Socket Mode allows one replica, and another studybot process on this database already runs it. Stop that process, or run every replica in HTTP mode (unset SLACK_APP_TOKEN; set SLACK_SIGNING_SECRET and route POST /slack/events to them).',
          );
        }
        started.push({ name: 'socket mode lock', stop: () => lock.release() });
      }
      // Loaded only when configured: the console chat starts without the chat SDKs.
      const { createSlackAdapter } = await import('./adapters/slack/slack.adapter.js');
      const slack = createSlackAdapter({ config: config.slack, bot, http, logger });
      publishers.set('slack', slack.publisher);
      // Pushed first: if start() fails half-way (a Socket Mode connection attempt), shutdown still stops it.
      started.push({ name: 'slack', stop: () => slack.stop() });
      await slack.start();
    }
    if (config.discord) {
      const { createDiscordAdapter } = await import('./adapters/discord/discord.adapter.js');
      const discord = createDiscordAdapter({ config: config.discord, bot, http, logger });
      publishers.set('discord', discord.publisher);
      started.push({ name: 'discord', stop: () => discord.stop() });
      await discord.start();
    }
    return running(http, new Promise(() => undefined));
  } catch (error) {
    await stop();
    throw error;
  }
}
