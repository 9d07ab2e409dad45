/**
 * The running service: content → database → core → adapters (→ scheduler), and an orderly stop.
 * `src/main.ts` calls this with the parsed configuration; tests can too.
 */
import type { Config } from './config.js';
import type { Bot } from './core/bot.js';
import type { Catalog } from './core/content/catalog.js';
import type { PublisherRegistry } from './core/publishing/publisher.port.js';
import type { Database } from './db/client.js';
import type { HttpServer } from './http/http.server.js';
import type { Logger } from './logger.js';
import type { Scheduler } from './scheduler/scheduler.js';
import { startConsole } from './startup/console.startup.js';
import { startCore } from './startup/core.startup.js';
import { createLifecycle } from './startup/lifecycle.js';
import { startPlatforms } from './startup/platforms.startup.js';

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

/** Starts every part the configuration asks for; on a failure half-way, stops what started and rethrows. */
export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const startedAt = Date.now();
  const { logger } = options;
  const lifecycle = createLifecycle(logger);
  try {
    const core = await startCore(config, logger, lifecycle);
    const consoleMode = config.slack === undefined && config.discord === undefined;
    const http = consoleMode ? undefined : await startPlatforms(core, config, logger, lifecycle);
    const done = consoleMode
      ? startConsole(core, config, {
          logger,
          input: options.input ?? process.stdin,
          output: options.output ?? process.stdout,
          interactive: options.interactive ?? false,
          startedAt,
        })
      : new Promise<void>(() => undefined);
    // The scheduler starts last, once every adapter has registered its publisher, and stops first.
    core.scheduler.start();
    lifecycle.add('scheduler', () => core.scheduler.stop());
    const { catalog, database, bot, publishers, scheduler } = core;
    return { config, catalog, database, bot, publishers, http, scheduler, done, stop: lifecycle.stop };
  } catch (error) {
    await lifecycle.stop();
    throw error;
  }
}
