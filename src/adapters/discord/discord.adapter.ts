/**
 * The Discord adapter: one discord.js client (Guilds intent only), its lifecycle and events, command
 * registration once the gateway is ready, the `discord` health check, and the channel publisher.
 * State that matters lives in the database; the only memory here is "connected" and "registered".
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { Client, DiscordjsErrorCodes, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Bot } from '../../core/bot.js';
import type { ChannelPublisher } from '../../core/publishing/publisher.port.js';
import type { HttpServer } from '../../http/http.server.js';
import type { Logger } from '../../logger.js';
import { StartupError } from '../../startup/startup-error.js';
import { DRAIN_TIMEOUT_MS } from '../in-flight.js';
import { createInboundPipeline, type InboundObserver, type InboundSettings } from '../inbound.pipeline.js';
import { createInteractionHandler } from './discord.interactions.js';
import { createDiscordPublisher } from './discord.publisher.js';
import { inviteUrl, registerCommands } from './discord.register.js';
import { restOptions } from './discord.rest.js';

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  bot: Bot;
  /** The one HTTP server on PORT: the adapter adds its `discord` health check there. */
  http: HttpServer;
  logger: Logger;
  /** Wait between attempts when registering the commands fails (default 30 s). */
  registerRetryMs?: number;
  /** Told about every handled event (metrics). */
  observer?: InboundObserver;
  /** Redelivery memory and the bound of work in flight, for the inbound pipeline. */
  inbound?: InboundSettings;
}

export interface DiscordAdapter {
  publisher: ChannelPublisher;
  /** Logs in and resolves once the gateway session is up; rejects with a readable message otherwise. */
  start(): Promise<void>;
  /** Closes the gateway connection and stops retrying. */
  stop(): Promise<void>;
  /** What /healthz reports: the gateway is ready and the commands are registered. */
  status(): { gateway: boolean; commands: boolean };
}

/** Explains why logging in failed, naming what the operator can fix. */
function loginFailure(error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { status?: unknown } | null)?.status;
  if (code === DiscordjsErrorCodes.TokenInvalid || status === 401)
    return new StartupError(
      'Discord rejected DISCORD_TOKEN. Copy a fresh one from the Developer Portal > your application > Bot > Reset Token.',
      { cause: error },
    );
  if (code === DiscordjsErrorCodes.DisallowedIntents)
    return new StartupError('Discord refused the Guilds intent for this bot.', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new StartupError(`Could not connect to Discord (DISCORD_API_URL and the gateway): ${message}`, {
    cause: error,
  });
}

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { config, bot, http } = options;
  const log = options.logger.child({ module: 'discord' });
  const retryMs = options.registerRetryMs ?? 30_000;
  const stopping = new AbortController();
  let gatewayReady = false;
  let commandsRegistered = false;

  const client = new Client({
    // Slash commands, buttons and autocomplete arrive as interactions: no message or member intents.
    intents: [GatewayIntentBits.Guilds],
    // The default for every message discord.js builds; each payload also sets it explicitly.
    allowedMentions: { parse: [] },
    rest: restOptions(config),
    // One shard of several processes (DISCORD_SHARD_ID/COUNT), or every shard Discord asks for in this one.
    ...(config.shard ? { shards: [config.shard.id], shardCount: config.shard.count } : {}),
  });
  // Every accepted interaction is tracked by the pipeline, so stop() can let it finish first.
  const pipeline = createInboundPipeline({
    bot,
    logger: options.logger,
    ...(options.observer ? { observer: options.observer } : {}),
    ...options.inbound,
  });
  const handleInteraction = createInteractionHandler({ bot, pipeline, log });
  const publisher = createDiscordPublisher(client.rest, log);

  async function register(applicationId: string): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        const done = await registerCommands(client.rest, applicationId, config.guildId, bot.catalog);
        commandsRegistered = true;
        log.info(
          { ...done, guildId: config.guildId, invite: inviteUrl(applicationId) },
          done.scope === 'guild'
            ? 'slash commands registered in DISCORD_GUILD_ID'
            : 'slash commands registered globally',
        );
        return;
      } catch (error) {
        log.error(
          { err: error, guildId: config.guildId, retryInMs: retryMs },
          config.guildId
            ? 'registering slash commands failed: is the bot in DISCORD_GUILD_ID, invited with the applications.commands scope?'
            : 'registering slash commands failed',
        );
        await sleep(retryMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  }

  client.on(Events.InteractionCreate, (interaction) => {
    // Interactions that arrive while stopping are left unanswered: Discord shows the user a failure.
    if (stopping.signal.aborted) return;
    handleInteraction(interaction).catch((error: unknown) =>
      log.error({ err: error, interactionId: interaction.id }, 'interaction failed'),
    );
  });
  // The bot was kicked, or the server deleted (discord.js reports an outage as guildUnavailable instead):
  // that server's schedules pause, with a reason /studybot status shows once the bot is back.
  client.on(Events.GuildDelete, (guild) => {
    bot
      .workspaceRemoved('discord', guild.id, 'removed')
      .catch((error: unknown) =>
        log.error({ err: error, guildId: guild.id }, 'could not pause a removed server'),
      );
  });
  client.once(Events.ClientReady, (ready) => {
    gatewayReady = true;
    log.info(
      { user: ready.user.tag, applicationId: ready.application.id, shard: config.shard },
      'Discord gateway ready',
    );
    if (config.shard && config.shard.id !== 0) {
      // Commands belong to the application, not to a shard: shard 0 registers them for every process.
      commandsRegistered = true;
      log.info({ shard: config.shard }, 'slash commands are registered by shard 0');
    } else void register(ready.application.id);
  });
  client.on(Events.ShardReady, () => {
    gatewayReady = true;
  });
  client.on(Events.ShardResume, (shardId, replayed) => {
    gatewayReady = true;
    log.info({ shardId, replayed }, 'Discord gateway session resumed');
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    gatewayReady = false;
    // discord.js reports its own shutdown close as a reconnect too.
    if (!stopping.signal.aborted) log.warn({ shardId }, 'Discord gateway reconnecting');
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    gatewayReady = false;
    log.error({ shardId, code: event.code }, 'Discord gateway disconnected for good (check DISCORD_TOKEN)');
  });
  client.on(Events.ShardError, (error, shardId) => {
    log.warn({ shardId, err: error }, 'Discord gateway connection error; discord.js reconnects');
  });
  client.on(Events.Error, (error) => {
    log.error({ err: error }, 'discord.js client error');
  });
  client.on(Events.Debug, (message) => {
    log.trace({ detail: message }, 'discord.js');
  });
  client.on(Events.Warn, (message) => {
    log.warn({ detail: message }, 'discord.js warning');
  });
  client.on(Events.Invalidated, () => {
    gatewayReady = false;
    log.error('Discord invalidated the session');
  });
  client.rest.on(RESTEvents.RateLimited, (info) => {
    log.warn(
      { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global },
      'Discord rate limit',
    );
  });

  http.addHealthCheck('discord', () => gatewayReady && commandsRegistered);

  return {
    publisher,
    status: () => ({ gateway: gatewayReady, commands: commandsRegistered }),
    async start() {
      try {
        await client.login(config.token);
      } catch (error) {
        await client.destroy().catch(() => undefined);
        throw loginFailure(error);
      }
    },
    async stop() {
      stopping.abort();
      gatewayReady = false;
      if (!(await pipeline.drain(DRAIN_TIMEOUT_MS))) {
        log.warn({ pending: pipeline.pending }, 'stopping with Discord interactions still being handled');
      }
      await client.destroy();
    },
  };
}
