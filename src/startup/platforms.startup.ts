import type { Config } from '../config.js';
import { createHttpServer, type HttpServer } from '../http/http.server.js';
import type { Logger } from '../logger.js';
import type { CoreParts } from './core.startup.js';
import type { Lifecycle } from './lifecycle.js';
import { StartupError } from './startup-error.js';

/**
 * The HTTP server on PORT (health, metrics, Slack's events) and the configured platform adapters, each
 * registering its publisher; adapters are loaded only when configured, so the console starts without them.
 */
export async function startPlatforms(
  core: CoreParts,
  config: Config,
  logger: Logger,
  lifecycle: Lifecycle,
): Promise<HttpServer> {
  const { database, metrics, bot, publishers, stores } = core;
  const http = createHttpServer({ port: config.port, logger });
  http.addHealthCheck('database', () => database.ping());
  metrics.mount(http, config.metricsToken);
  await http.listen();
  lifecycle.add('http', () => http.close());
  const inbound = { deliveries: stores.deliveries, limits: config.inbound };
  const shared = { bot, http, logger, observer: metrics.observer, inbound };
  if (config.slack) {
    if (config.slack.appToken) {
      // Socket Mode is one connection for the whole app: a second replica would split (and race) its events.
      const lock = await database.holdLock('studybot:slack-socket-mode');
      if (!lock) {
        throw new StartupError(
          'Slack Socket Mode allows one replica, and another studybot process on this database already runs it. Stop that process, or run every replica in HTTP mode (unset SLACK_APP_TOKEN; set SLACK_SIGNING_SECRET and route POST /slack/events to them).',
        );
      }
      lifecycle.add('socket mode lock', () => lock.release());
    }
    const { createSlackAdapter } = await import('../adapters/slack/slack.adapter.js');
    const installations = config.slack.oauth
      ? (await import('../db/installations.store.js')).createInstallationsStore(database.db)
      : undefined;
    const slack = createSlackAdapter({
      ...shared,
      config: config.slack,
      ...(installations ? { installations } : {}),
    });
    publishers.register('slack', slack.publisher);
    // Added first: if start() fails half-way (a Socket Mode connection attempt), shutdown still stops it.
    lifecycle.add('slack', () => slack.stop());
    await slack.start();
  }
  if (config.discord) {
    const { createDiscordAdapter } = await import('../adapters/discord/discord.adapter.js');
    const discord = createDiscordAdapter({ ...shared, config: config.discord });
    publishers.register('discord', discord.publisher);
    lifecycle.add('discord', () => discord.stop());
    await discord.start();
  }
  return http;
}
