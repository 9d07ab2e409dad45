/**
 * The "Add to Slack" flow and Events API requests, for multi-workspace tests: a browser visiting
 * /slack/install (which sets the state cookie and links to Slack's authorize page), then Slack sending it
 * back to /slack/oauth_redirect with a code; events signed exactly as Slack signs them.
 */
import { randomUUID } from 'node:crypto';
import type { SlackHarness, SlackTeam } from './slack-harness.js';
import { postSigned } from './slack-signing.js';
import { SLACK_PAYLOAD_TOKEN, SLACK_SIGNING_SECRET } from './test-secrets.js';

const COOKIE = 'slack-app-oauth-state';

/** GET /slack/install: the page, the authorize link on it, and the state cookie it set. */
export async function visitInstallPage(h: SlackHarness) {
  const response = await fetch(`${h.url}/slack/install`);
  const html = await response.text();
  const cookie = /slack-app-oauth-state=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  const link = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/
    .exec(html)?.[1]
    ?.replaceAll('&amp;', '&');
  return { status: response.status, html, cookie, authorizeUrl: link ? new URL(link) : undefined };
}

/** Slack sending the installer back: GET /slack/oauth_redirect with `code` and `state` (and the cookie). */
export async function oauthRedirect(
  h: SlackHarness,
  code: string,
  state: string,
  cookie: string | undefined,
) {
  const query = new URLSearchParams({ code, state });
  const response = await fetch(`${h.url}/slack/oauth_redirect?${query}`, {
    headers: cookie === undefined ? {} : { cookie: `${COOKIE}=${cookie}` },
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text() };
}

/** The whole flow for the workspace (or org) the fake hands `code` to; resolves with the redirect's answer. */
export async function installByOAuth(h: SlackHarness, code: string) {
  const page = await visitInstallPage(h);
  const state = page.authorizeUrl?.searchParams.get('state');
  if (!state || !page.cookie) throw new Error('the install page set no state');
  return oauthRedirect(h, code, state, page.cookie);
}

/** A signed Events API request (`event_callback`) from `team`; resolves with the HTTP answer. */
export function sendEvent(
  h: SlackHarness,
  team: SlackTeam & { isEnterpriseInstall?: boolean },
  event: object,
) {
  const body = JSON.stringify({
    token: SLACK_PAYLOAD_TOKEN,
    team_id: team.teamId,
    ...(team.enterpriseId ? { enterprise_id: team.enterpriseId } : {}),
    api_app_id: 'A0STUDYBOT',
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: 'event_callback',
    event_id: `Ev${randomUUID().replaceAll('-', '').slice(0, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    is_enterprise_install: team.isEnterpriseInstall ?? false,
  });
  return postSigned(h.eventsUrl, SLACK_SIGNING_SECRET, body, { contentType: 'application/json' });
}
