/**
 * The Slack adapter as it runs in production, for tests: the real Bolt app on our HTTP server (port 0),
 * the real core on a real test database, and the fake Slack Web API on loopback. Requests reach it signed
 * exactly as Slack signs them.
 */
import { Writable } from 'node:stream';
import type { HandledEvent, InboundLimits } from '../../src/adapters/inbound.pipeline.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack.adapter.js';
import { createRecapCharts } from '../../src/charts/readiness.chart.js';
import { type Bot, createBot } from '../../src/core/bot.js';
import { systemClock } from '../../src/core/clock.js';
import { type Catalog, loadCatalog } from '../../src/core/content/catalog.js';
import { createPublisherRegistry } from '../../src/core/publishing/publisher.registry.js';
import { createInstallationsStore } from '../../src/db/installations.store.js';
import { createStores } from '../../src/db/stores.js';
import { createHttpServer, type HttpServer } from '../../src/http/http.server.js';
import { createLogger } from '../../src/logger.js';
import {
  createFakeSlack,
  type FakeSlack,
  type FakeSlackUser,
  type FakeView,
  type ResponsePost,
} from './fake-slack.js';
import { silentLog } from './harness.js';
import { suiteLogStream } from './log-sink.js';
import { fixtureContent } from './paths.js';
import { createRecordingObserver } from './recording-observer.js';
import { postSigned, type SignedPostOptions } from './slack-signing.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import {
  SLACK_APP_TOKEN as APP_TOKEN,
  SLACK_BOT_TOKEN as BOT_TOKEN,
  SLACK_SIGNING_SECRET as SIGNING_SECRET,
  SLACK_CLIENT_ID,
  SLACK_CLIENT_SECRET,
  SLACK_INSTALLATION_KEY,
  SLACK_PAYLOAD_TOKEN,
  SLACK_STATE_SECRET,
} from './test-secrets.js';

export { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET };
export const CHANNEL = 'C0GENERAL01';

export interface SlackHarness {
  fake: FakeSlack;
  database: TestDatabase;
  catalog: Catalog;
  bot: Bot;
  http: HttpServer;
  adapter: SlackAdapter;
  /** http://127.0.0.1:<port> of our HTTP server. */
  url: string;
  eventsUrl: string;
  /** Every log line the app wrote, as parsed JSON. */
  logs: Record<string, unknown>[];
  /** What the inbound pipeline reported for each event (refusal codes). */
  observer: ReturnType<typeof createRecordingObserver>;
  /** Registers a workspace member on the fake (users.info answers with it). */
  user(user: FakeSlackUser): FakeSlackUser;
  /** Sends a signed slash command; resolves with the HTTP answer and the command's response URL. */
  command(
    user: FakeSlackUser,
    command: string,
    text?: string,
    options?: {
      channel?: string;
      triggerId?: string;
      responseUrl?: string;
      team?: SlackTeam;
    } & SignedPostOptions,
  ): Promise<Sent>;
  /** Sends a signed block_actions click on a button whose value is `value`. */
  click(
    user: FakeSlackUser,
    value: string,
    options?: {
      channel?: string;
      messageTs?: string;
      actionId?: string;
      triggerId?: string;
      responseUrl?: string;
      team?: SlackTeam;
    } & SignedPostOptions,
  ): Promise<Sent>;
  /** A signed Events API `app_home_opened` (Home tab); `triggerId` of the result is the event_id. */
  homeOpened(user: FakeSlackUser, options?: { eventId?: string } & SignedPostOptions): Promise<Sent>;
  /** A signed block_actions click on a Home tab button (no channel, no response URL). */
  clickHome(user: FakeSlackUser, value: string, privateMetadata?: string): Promise<Sent>;
  /** A signed message shortcut ("Explain terms in this message") on a message with `text`. */
  shortcut(
    user: FakeSlackUser,
    text: string,
    options?: { channel?: string; callbackId?: string; responseUrl?: string },
  ): Promise<Sent>;
  /** A signed view_submission of a modal with `values` by block id (text, option value or conversation). */
  submitView(
    user: FakeSlackUser,
    view: Record<string, unknown>,
    values: Record<string, string | undefined>,
  ): Promise<Sent>;
  /**
   * Submits a modal the app opened, signed, as Slack does: `values` by block id, a select's chosen value
   * (`selected`) or a text input's text (`text`); the confirmation goes to the click's response_url.
   */
  submitModal(
    user: FakeSlackUser,
    opened: FakeView,
    values: Record<string, { selected?: string; text?: string }>,
  ): Promise<Sent>;
  /** What the inbound pipeline reported for a command or click sent above (waits until it is handled). */
  handled(sent: Sent): Promise<HandledEvent>;
  /** Waits for the `n`-th answer at a response URL and returns all of them. */
  replies(responseUrl: string, n?: number): Promise<ResponsePost[]>;
  close(): Promise<void>;
}

let triggers = 0;
/** A trigger_id as Slack makes them: unique per payload (a redelivery repeats it). */
export const triggerId = () => `${Date.now()}.${++triggers}.${Math.random().toString(36).slice(2, 8)}`;

/** A request sent to the app: Slack's view of the HTTP answer, and where the event's replies go. */
export interface Sent {
  status: number;
  text: string;
  responseUrl: string;
  triggerId: string;
}

/** The workspace a payload comes from (default: the fake's own team). */
export interface SlackTeam {
  teamId: string;
  teamDomain: string;
  /** Set for a workspace of an org-wide (Enterprise Grid) install. */
  enterpriseId?: string;
}

export function commandForm(
  fake: SlackTeam,
  user: FakeSlackUser,
  command: string,
  text: string,
  channel: string,
  responseUrl: string,
  trigger: string = triggerId(),
): string {
  return new URLSearchParams({
    token: SLACK_PAYLOAD_TOKEN,
    team_id: fake.teamId,
    team_domain: fake.teamDomain,
    channel_id: channel,
    channel_name: 'general',
    user_id: user.id,
    user_name: user.name,
    command,
    text,
    api_app_id: 'A0STUDYBOT',
    ...(fake.enterpriseId ? { enterprise_id: fake.enterpriseId } : {}),
    is_enterprise_install: fake.enterpriseId ? 'true' : 'false',
    response_url: responseUrl,
    trigger_id: trigger,
  }).toString();
}

export function blockActionsForm(
  fake: SlackTeam,
  user: FakeSlackUser,
  value: string,
  options: { channel: string; messageTs: string; actionId: string; responseUrl: string; triggerId?: string },
): string {
  const payload = {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: fake.teamId },
    api_app_id: 'A0STUDYBOT',
    token: SLACK_PAYLOAD_TOKEN,
    container: {
      type: 'message',
      message_ts: options.messageTs,
      channel_id: options.channel,
      is_ephemeral: false,
    },
    trigger_id: options.triggerId ?? triggerId(),
    team: { id: fake.teamId, domain: fake.teamDomain },
    enterprise: fake.enterpriseId ? { id: fake.enterpriseId, name: fake.enterpriseId } : null,
    is_enterprise_install: Boolean(fake.enterpriseId),
    channel: { id: options.channel, name: 'general' },
    message: { type: 'message', ts: options.messageTs, text: 'question', bot_id: 'B0STUDYBOT' },
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.actionId,
        block_id: 'studybot_buttons_0',
        text: { type: 'plain_text', text: 'A', emoji: true },
        value,
        type: 'button',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export async function createSlackHarness(
  options: {
    mode?: 'http' | 'socket';
    start?: boolean;
    limits?: InboundLimits;
    /** Multi-workspace mode: no bot token; workspaces install by OAuth (tests/support/slack-oauth.ts). */
    oauth?: boolean;
  } = {},
): Promise<SlackHarness> {
  const fake = await createFakeSlack({
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    clientId: SLACK_CLIENT_ID,
    clientSecret: SLACK_CLIENT_SECRET,
  });
  const database = await createTestDatabase();
  const catalog = await loadCatalog(fixtureContent);
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      callback();
    },
  });
  const logger = createLogger({
    level: 'debug',
    format: 'json',
    destination: suiteLogStream(destination),
    secrets: [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET],
  });
  const publishers = createPublisherRegistry();
  const observer = createRecordingObserver();
  const stores = createStores({ database });
  const bot = createBot({
    ...stores,
    charts: createRecapCharts(),
    catalog,
    publishers,
    clock: systemClock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silentLog,
  });
  const http = createHttpServer({ port: 0, host: '127.0.0.1', logger });
  http.addHealthCheck('database', () => database.ping());
  const adapter = createSlackAdapter({
    config: {
      botToken: options.oauth ? undefined : BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      appToken: options.mode === 'socket' ? APP_TOKEN : undefined,
      apiUrl: fake.apiUrl,
      oauth: options.oauth
        ? {
            clientId: SLACK_CLIENT_ID,
            clientSecret: SLACK_CLIENT_SECRET,
            stateSecret: SLACK_STATE_SECRET,
            installationKey: Buffer.from(SLACK_INSTALLATION_KEY, 'base64'),
          }
        : undefined,
    },
    ...(options.oauth ? { installations: createInstallationsStore(database.db) } : {}),
    bot,
    http,
    logger,
    observer,
    inbound: { deliveries: stores.deliveries, ...(options.limits ? { limits: options.limits } : {}) },
  });
  publishers.register('slack', adapter.publisher);
  const port = await http.listen();
  if (options.start ?? true) await adapter.start();
  const url = `http://127.0.0.1:${port}`;
  const eventsUrl = `${url}/slack/events`;

  return {
    fake,
    database,
    catalog,
    bot,
    http,
    adapter,
    url,
    eventsUrl,
    logs,
    observer,
    user(user) {
      fake.addUser(user);
      return user;
    },
    async command(user, command, text = '', o = {}) {
      const responseUrl = o.responseUrl ?? fake.responseUrl();
      const trigger = o.triggerId ?? triggerId();
      const body = commandForm(
        o.team ?? fake,
        user,
        command,
        text,
        o.channel ?? CHANNEL,
        responseUrl,
        trigger,
      );
      return { ...(await postSigned(eventsUrl, SIGNING_SECRET, body, o)), responseUrl, triggerId: trigger };
    },
    async click(user, value, o = {}) {
      const responseUrl = o.responseUrl ?? fake.responseUrl();
      const trigger = o.triggerId ?? triggerId();
      const body = blockActionsForm(o.team ?? fake, user, value, {
        channel: o.channel ?? CHANNEL,
        messageTs: o.messageTs ?? '1700000000.000001',
        actionId: o.actionId ?? 'studybot_0',
        responseUrl,
        triggerId: trigger,
      });
      return { ...(await postSigned(eventsUrl, SIGNING_SECRET, body, o)), responseUrl, triggerId: trigger };
    },
    async homeOpened(user, o = {}) {
      const eventId = o.eventId ?? `Ev${triggerId().replace(/\W/g, '')}`;
      const body = JSON.stringify({
        token: SLACK_PAYLOAD_TOKEN,
        team_id: fake.teamId,
        api_app_id: 'A0STUDYBOT',
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: fake.teamId, user_id: fake.botUserId, is_bot: true }],
        event: {
          type: 'app_home_opened',
          user: user.id,
          channel: `D0${user.id.slice(2)}`,
          tab: 'home',
          event_ts: `${Date.now() / 1000}`,
        },
      });
      const sent = await postSigned(eventsUrl, SIGNING_SECRET, body, {
        contentType: 'application/json',
        ...o,
      });
      return { ...sent, responseUrl: '', triggerId: eventId };
    },
    async clickHome(user, value, privateMetadata = '') {
      const trigger = triggerId();
      const payload = {
        type: 'block_actions',
        user: { id: user.id, username: user.name, name: user.name, team_id: fake.teamId },
        api_app_id: 'A0STUDYBOT',
        token: SLACK_PAYLOAD_TOKEN,
        container: { type: 'view', view_id: 'V1' },
        trigger_id: trigger,
        team: { id: fake.teamId, domain: fake.teamDomain },
        view: {
          id: 'V1',
          type: 'home',
          private_metadata: privateMetadata,
          blocks: [],
          state: { values: {} },
        },
        actions: [
          {
            action_id: 'studybot_0',
            block_id: 'studybot_buttons_0_s2',
            text: { type: 'plain_text', text: 'x', emoji: false },
            value,
            type: 'button',
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return { ...(await postSigned(eventsUrl, SIGNING_SECRET, body)), responseUrl: '', triggerId: trigger };
    },
    async shortcut(user, text, o = {}) {
      const responseUrl = o.responseUrl ?? fake.responseUrl();
      const trigger = triggerId();
      const payload = {
        type: 'message_action',
        callback_id: o.callbackId ?? 'explain_message',
        trigger_id: trigger,
        response_url: responseUrl,
        token: SLACK_PAYLOAD_TOKEN,
        action_ts: `${Date.now() / 1000}`,
        team: { id: fake.teamId, domain: fake.teamDomain },
        user: { id: user.id, username: user.name, name: user.name, team_id: fake.teamId },
        channel: { id: o.channel ?? CHANNEL, name: 'general' },
        message_ts: '1700000000.000009',
        message: { type: 'message', user: 'U0SOMEONE1', ts: '1700000000.000009', text },
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return { ...(await postSigned(eventsUrl, SIGNING_SECRET, body)), responseUrl, triggerId: trigger };
    },
    async submitView(user, view, values) {
      const trigger = triggerId();
      const blocks = (view.blocks ?? []) as { block_id: string; element: { type: string } }[];
      const state: Record<string, Record<string, unknown>> = {};
      for (const block of blocks) {
        const value = values[block.block_id];
        const type = block.element.type;
        const element =
          type === 'conversations_select'
            ? { type, selected_conversation: value ?? null }
            : type === 'static_select'
              ? { type, selected_option: value === undefined ? null : { value } }
              : { type, value: value ?? null };
        state[block.block_id] = { value: element };
      }
      const payload = {
        type: 'view_submission',
        team: { id: fake.teamId, domain: fake.teamDomain },
        user: { id: user.id, username: user.name, name: user.name, team_id: fake.teamId },
        api_app_id: 'A0STUDYBOT',
        token: SLACK_PAYLOAD_TOKEN,
        trigger_id: trigger,
        view: { id: 'VM1', type: 'modal', ...view, state: { values: state } },
        response_urls: [],
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return { ...(await postSigned(eventsUrl, SIGNING_SECRET, body)), responseUrl: '', triggerId: trigger };
    },
    async submitModal(user, opened, values) {
      const state: Record<string, Record<string, unknown>> = {};
      for (const [block, v] of Object.entries(values)) {
        state[block] = {
          [block]:
            v.selected !== undefined
              ? {
                  type: 'static_select',
                  selected_option: { text: { type: 'plain_text', text: v.selected }, value: v.selected },
                }
              : { type: 'plain_text_input', value: v.text ?? null },
        };
      }
      const payload = {
        type: 'view_submission',
        team: { id: fake.teamId, domain: fake.teamDomain },
        user: { id: user.id, username: user.name, name: user.name, team_id: fake.teamId },
        api_app_id: 'A0STUDYBOT',
        token: SLACK_PAYLOAD_TOKEN,
        trigger_id: triggerId(),
        view: {
          ...opened.view,
          id: opened.id,
          hash: opened.hash,
          team_id: fake.teamId,
          state: { values: state },
        },
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const meta = JSON.parse(String(opened.view.private_metadata ?? '{}')) as { responseUrl?: string };
      return {
        ...(await postSigned(eventsUrl, SIGNING_SECRET, body)),
        responseUrl: meta.responseUrl ?? '',
        triggerId: `${opened.id}:${opened.hash}`,
      };
    },
    handled: (sent) => observer.eventFor(sent.triggerId),
    replies(responseUrl, n = 1) {
      return fake.waitFor(() => {
        const got = fake.responsesTo(responseUrl);
        return got.length >= n ? got : undefined;
      }, `${n} answer(s) at ${responseUrl}`);
    },
    async close() {
      await adapter.stop();
      await http.close();
      await fake.close();
      await database.close();
    },
  };
}

/** The plain text of a rendered message's blocks (headers, sections, fields, context), for assertions. */
export function blockText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') walk(v);
    }
  };
  walk(blocks);
  return out.join('\n');
}

/** The buttons of a message's blocks: action id, label and value. */
export function buttonsOf(blocks: unknown): { actionId: string; label: string; value: string }[] {
  const list = Array.isArray(blocks) ? (blocks as Record<string, unknown>[]) : [];
  return list
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements as Record<string, unknown>[]) ?? [])
    .filter((e) => e.type === 'button')
    .map((e) => ({
      actionId: String(e.action_id),
      label: String((e.text as { text: string }).text),
      value: String(e.value),
    }));
}
