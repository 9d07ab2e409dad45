import { App, AuthorizationError, type HTTPReceiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { Actor } from '../../core/actor.js';
import type { Bot } from '../../core/bot.js';
import type { ChannelPublisher } from '../../core/publishing/publisher.port.js';
import type { HttpServer } from '../../http/http.server.js';
import type { Logger } from '../../logger.js';
import { StartupError } from '../../startup/startup-error.js';
import { DRAIN_TIMEOUT_MS } from '../in-flight.js';
import { createInboundPipeline, type InboundObserver, type InboundSettings } from '../inbound.pipeline.js';
import type { InstallationsPort } from './installations.port.js';
import { FORM_CALLBACK_ID } from './slack.form.js';
import { mountSlackEvents } from './slack.http.js';
import { createIdentityCache, type SlackUserInfo } from './slack.identity.js';
import { createSlackEvents } from './slack.inbound.js';
import { createSlackInstallations, type SlackInstallations } from './slack.installations.js';
import { createSlackListeners } from './slack.listeners.js';
import { createBoltLogger } from './slack.logger.js';
import { createSlackNativeListeners, EXPLAIN_SHORTCUT_ID } from './slack.native.js';
import { createOAuthReceiver, listenForUninstall, mountSlackInstall } from './slack.oauth.js';
import { createPublisherClient, createSlackPublisher } from './slack.publisher.js';
import { createSlackReceiver, type SlackReceiver } from './slack.receiver.js';
import { FORM_CALLBACK_PREFIX } from './slack.views.js';

/**
 * The Slack adapter: a Bolt app that receives slash commands and button presses, over HTTP at
 * `POST /slack/events` on our one HTTP server (stateless, any number of replicas) or over Socket Mode when
 * an app-level token is set (one replica). It acknowledges every event at once and does the work after, so
 * Slack's 3-second limit holds however slow the database is; answers go through the event's response_url.
 */

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapterOptions {
  config: SlackConfig;
  bot: Bot;
  http: HttpServer;
  logger: Logger;
  /** Told about every handled event (metrics). */
  observer?: InboundObserver;
  /** Redelivery memory and the bound of work in flight, for the inbound pipeline. */
  inbound?: InboundSettings;
  /** Multi-workspace mode (config.oauth set): where installations are stored. */
  installations?: InstallationsPort;
}

export interface SlackAdapter {
  mode: 'http' | 'socket';
  /** Posts questions and reveals; register it for the `slack` platform. */
  publisher: ChannelPublisher;
  /** Verifies the token (auth.test) and, in Socket Mode, connects. Events are refused (503) until then. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Started (and, in Socket Mode, connected): what the `slack` health check reports. */
  ready(): boolean;
}

/** Web API retries for Bolt's own calls (auth.test, users.info): a couple, quickly, never for minutes. */
const BOLT_RETRIES = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 };

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, bot, http, logger } = options;
  const log = logger.child({ module: 'slack' });
  const boltLogger = createBoltLogger(logger);
  const clientOptions = (): webApi.WebClientOptions => ({
    slackApiUrl: config.apiUrl,
    logger: boltLogger,
    retryConfig: BOLT_RETRIES,
    timeout: 10_000,
  });
  const mode = config.appToken ? 'socket' : 'http';
  const installations = multiWorkspace(options, log);

  let socket: SocketModeReceiver | undefined;
  let receiver: SlackReceiver | HTTPReceiver | SocketModeReceiver;
  if (config.appToken) {
    socket = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger,
      installerOptions: { clientOptions: clientOptions() },
    });
    receiver = socket;
  } else {
    if (!config.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required for Slack HTTP mode');
    // Multi-workspace mode needs Bolt's HTTPReceiver for its installer (install page, OAuth redirect,
    // authorize from the installation store); the single-token default takes our lighter receiver.
    receiver =
      installations && config.oauth
        ? createOAuthReceiver({
            signingSecret: config.signingSecret,
            path: SLACK_EVENTS_PATH,
            boltLogger,
            log,
            oauth: config.oauth,
            installations,
            clientOptions: clientOptions(),
          })
        : createSlackReceiver({ signingSecret: config.signingSecret, logger: log });
  }

  const app = new App({
    receiver,
    token: config.botToken,
    logger: boltLogger,
    clientOptions: clientOptions(),
    // auth.test runs in start(), not in the constructor, so a bad token fails start-up with a clear error.
    deferInitialization: true,
    // Bolt's conversation store keeps state in memory; replicas must not depend on it.
    convoStore: false,
  });

  const identities = createIdentityCache({
    usersInfo: async (user, teamId) => {
      const token = installations ? await installations.botTokenFor(teamId) : config.botToken;
      return (await app.client.users.info({ user, ...(token ? { token } : {}) })).user as
        | SlackUserInfo
        | undefined;
    },
  });
  // Every accepted event is tracked by the pipeline, so stop() can let acknowledged work finish first.
  const pipeline = createInboundPipeline({
    bot,
    logger,
    ...(options.observer ? { observer: options.observer } : {}),
    ...options.inbound,
  });
  // A name a background users.info found (a first click, the daily refresh) is stored at once.
  const learned = (actor: Actor) => {
    bot.rememberMember(actor).catch((err: unknown) => log.warn({ err }, 'could not store a member name'));
  };
  const events = createSlackEvents({ identities, logger, learned });
  const native = createSlackNativeListeners({ pipeline, events, logger });
  const listeners = createSlackListeners({ pipeline, events, native });
  app.command(/^\/.+/, listeners.onSlashCommand);
  app.action(/.*/, listeners.onBlockAction);
  app.event('app_home_opened', native.onAppHomeOpened);
  app.shortcut({ callback_id: EXPLAIN_SHORTCUT_ID, type: 'message_action' }, native.onMessageShortcut);
  app.view(
    { callback_id: new RegExp(`^${FORM_CALLBACK_PREFIX}`), type: 'view_submission' },
    native.onFormSubmission,
  );

  listenForUninstall({ app, bot, installations, logger });
  app.view(FORM_CALLBACK_ID, listeners.onViewSubmission);

  app.error(async (error) => {
    if (error instanceof AuthorizationError) {
      // A signed event from a workspace with no installation (uninstalled, or never installed): Bolt
      // acknowledges it and no listener runs.
      log.warn({ err: error }, 'ignored a Slack event from a workspace with no installation');
      return;
    }
    log.error({ err: error }, 'Bolt reported an error');
  });

  let started = false;
  let connected = false;
  if (socket) {
    socket.client.on('connected', () => {
      connected = true;
    });
    for (const state of ['disconnected', 'reconnecting', 'disconnecting']) {
      socket.client.on(state, () => {
        connected = false;
      });
    }
  } else {
    mountSlackEvents({
      http,
      receiver: receiver as SlackReceiver | HTTPReceiver,
      path: SLACK_EVENTS_PATH,
      ready: () => started,
    });
    if (installations) {
      const http_ = receiver as HTTPReceiver;
      mountSlackInstall({
        http,
        listener: (req, res) => http_.requestListener(req, res),
        ready: () => started,
      });
    }
  }
  const ready = () => started && (mode === 'http' || connected);
  http.addHealthCheck('slack', ready);

  return {
    mode,
    publisher: publisherFor(config, installations, boltLogger, logger),
    ready,
    async start() {
      // Multi-workspace mode has no token to check at start: each installation was checked when made.
      await app.init().catch((error: unknown) => {
        throw startError('SLACK_BOT_TOKEN', 'auth.test', error);
      });
      if (socket) {
        await app.start().catch((error: unknown) => {
          throw startError('SLACK_APP_TOKEN', 'apps.connections.open', error);
        });
      }
      started = true;
      log.info(
        { mode },
        mode === 'http'
          ? `Slack adapter ready: HTTP mode${installations ? ' for many workspaces (install at GET /slack/install)' : ''}, events at POST ${SLACK_EVENTS_PATH}`
          : 'Slack adapter ready: Socket Mode, connected',
      );
    },
    async stop() {
      // New HTTP events get 503 from here on (Slack retries them elsewhere); accepted ones finish first.
      started = false;
      if (!(await pipeline.drain(DRAIN_TIMEOUT_MS))) {
        log.warn({ pending: pipeline.pending }, 'stopping with Slack events still being handled');
      }
      if (socket) await socket.client.disconnect();
    },
  };
}

/** The installation store of multi-workspace mode, or undefined in single-workspace mode. */
function multiWorkspace(options: SlackAdapterOptions, log: Logger): SlackInstallations | undefined {
  const { config, bot } = options;
  if (!config.oauth) return undefined;
  if (!options.installations) throw new Error('multi-workspace mode needs an installations store');
  return createSlackInstallations({
    port: options.installations,
    key: config.oauth.installationKey,
    logger: options.logger,
    // A reinstall resumes what the uninstall paused (an admin's own pauses stay).
    onInstalled: async (teams) => {
      for (const team of teams) await bot.workspaceRestored('slack', team, 'uninstalled');
      log.info({ teams: teams.length }, 'Slack app installed');
    },
  });
}

const MAX_CLIENTS = 1000;

/** Posts with the one token, or (multi-workspace mode) with each workspace's own token. */
function publisherFor(
  config: SlackConfig,
  installations: SlackInstallations | undefined,
  boltLogger: webApi.WebClientOptions['logger'],
  logger: Logger,
): ChannelPublisher {
  const client = (botToken: string) =>
    createPublisherClient({ botToken, apiUrl: config.apiUrl, logger: boltLogger });
  if (!installations) {
    if (!config.botToken) throw new Error('SLACK_BOT_TOKEN is required in single-workspace mode');
    return createSlackPublisher({ client: client(config.botToken), logger });
  }
  // One Web API client per token, kept while the token is current (a reinstall brings a new one).
  const clients = new Map<string, webApi.WebClient>();
  return createSlackPublisher({
    logger,
    clientFor: async (teamId) => {
      const token = await installations.botTokenFor(teamId);
      if (!token) return undefined;
      let found = clients.get(token);
      if (!found) {
        if (clients.size >= MAX_CLIENTS) clients.clear();
        found = client(token);
        clients.set(token, found);
      }
      return found;
    },
  });
}

/** Start-up failures name the variable to fix (a revoked token) or say Slack was unreachable. */
function startError(variable: string, method: string, error: unknown): Error {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  if (typeof code === 'string') {
    return new StartupError(
      `Slack did not accept ${variable}: ${method} failed (${code}). Check the token in your Slack app's settings (see README.md, "Slack").`,
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StartupError(
    `Could not reach Slack to check ${variable} (${method}: ${detail}). Check SLACK_API_URL and the network.`,
    {
      cause: error,
    },
  );
}
