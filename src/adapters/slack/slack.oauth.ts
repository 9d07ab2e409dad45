/**
 * Multi-workspace mode: Bolt's built-in OAuth ("Add to Slack") on our HTTP server, and what an uninstall
 * does. Bolt's `HTTPReceiver` builds the `InstallProvider` from these options: `GET /slack/install` renders
 * the Add to Slack page and sets the state cookie; `GET /slack/oauth_redirect` checks the `state` (signed
 * with SLACK_STATE_SECRET and matched against the cookie; a forged one gets 400 and nothing is stored),
 * exchanges the code (`oauth.v2.access`) and stores the installation; every event is then authorized from
 * the installation store, so each workspace is answered with its own token.
 */
import {
  type App,
  AuthorizationError,
  HTTPReceiver,
  HTTPReceiverDeferredRequestError,
  type HTTPReceiverOptions,
  isRawBodyError,
  type webApi,
} from '@slack/bolt';
import type { Bot } from '../../core/bot.js';
import type { HttpServer } from '../../http/http.server.js';
import type { Logger } from '../../logger.js';
import type { SlackInstallations } from './slack.installations.js';
import { BOT_SCOPES } from './slack.manifest.js';

export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

/** The OAuth options of Bolt's HTTPReceiver for multi-workspace mode. */
export function oauthReceiverOptions(options: {
  oauth: { clientId: string; clientSecret: string; stateSecret: string };
  installations: SlackInstallations;
  clientOptions: webApi.WebClientOptions;
}): Partial<HTTPReceiverOptions> {
  const { oauth } = options;
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: options.installations,
    scopes: [...BOT_SCOPES],
    installerOptions: {
      installPath: SLACK_INSTALL_PATH,
      redirectUriPath: SLACK_REDIRECT_PATH,
      // The page with the Add to Slack button (not a redirect), so the state cookie is set on our host.
      directInstall: false,
      // oauth.v2.access and auth.test go to SLACK_API_URL like every other call.
      clientOptions: options.clientOptions,
    },
  };
}

/**
 * Bolt's HTTPReceiver for multi-workspace mode: the events route plus the installer (install page, OAuth
 * redirect, authorize from the installation store). Bad requests answer 400 (401 for an unknown workspace)
 * and are logged; acknowledgement is the HTTP response as soon as ack() is called.
 */
export function createOAuthReceiver(options: {
  signingSecret: string;
  path: string;
  boltLogger: NonNullable<HTTPReceiverOptions['logger']>;
  log: Logger;
  oauth: { clientId: string; clientSecret: string; stateSecret: string };
  installations: SlackInstallations;
  clientOptions: webApi.WebClientOptions;
}): HTTPReceiver {
  const { log } = options;
  return new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: options.path,
    logger: options.boltLogger,
    processBeforeResponse: false,
    // A signed request Bolt cannot make sense of (a malformed payload) is the sender's fault: 400, not 500.
    dispatchErrorHandler: ({ error, request, response }) => {
      const status = isRawBodyError(error)
        ? error.statusCode
        : error instanceof HTTPReceiverDeferredRequestError
          ? 404
          : 400;
      log.warn({ err: error, method: request.method, status }, 'refused a Slack request Bolt could not read');
      if (!response.headersSent) response.writeHead(status).end();
    },
    ...oauthReceiverOptions(options),
    processEventErrorHandler: async ({ error, response }) => {
      if (response.headersSent) return false;
      const status = error instanceof AuthorizationError ? 401 : 400;
      log.warn({ err: error, status }, 'refused a Slack event Bolt could not process');
      response.writeHead(status).end();
      return true;
    },
  });
}

/** Serves the install page and the OAuth redirect (GET only) through Bolt's request listener. */
export function mountSlackInstall(options: {
  http: HttpServer;
  listener: (
    req: Parameters<Parameters<HttpServer['route']>[1]>[0],
    res: Parameters<Parameters<HttpServer['route']>[1]>[1],
  ) => void;
  ready: () => boolean;
}): void {
  for (const path of [SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH]) {
    options.http.route(path, (req, res) => {
      if (req.method !== 'GET') {
        res.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      if (!options.ready()) {
        res.writeHead(503, { 'retry-after': '1' }).end();
        return;
      }
      options.listener(req, res);
    });
  }
}

interface LifecycleContext {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/**
 * `app_uninstalled` and `tokens_revoked` (bot tokens): the installation is deleted (multi-workspace mode)
 * and the schedules of every team it served are paused. Slack does not promise their order and may send
 * both, so each step is idempotent: a second event finds nothing left to delete or pause.
 */
export function listenForUninstall(options: {
  app: App;
  bot: Bot;
  installations: SlackInstallations | undefined;
  logger: Logger;
}): void {
  const { app, bot, installations } = options;
  const log = options.logger.child({ module: 'slack', component: 'uninstall' });

  async function removed(context: LifecycleContext, why: string): Promise<void> {
    const query = {
      teamId: context.teamId,
      enterpriseId: context.enterpriseId,
      isEnterpriseInstall: Boolean(context.isEnterpriseInstall),
    };
    const teams = installations ? await installations.remove(query) : query.teamId ? [query.teamId] : [];
    let paused = 0;
    for (const team of teams) paused += await bot.workspaceRemoved('slack', team, 'uninstalled');
    log.warn(
      { ...query, why, teams: teams.length, paused },
      'Slack app removed from a workspace: its schedules are paused',
    );
  }

  app.event('app_uninstalled', async ({ context }) => {
    await removed(context, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, context }) => {
    // Only the bot's tokens matter: studybot keeps no user tokens it acts with.
    if ((event.tokens.bot ?? []).length === 0) return;
    await removed(context, 'tokens_revoked');
  });
}
