/**
 * A fake Slack on loopback for adapter and scheduler tests: the Web API (`/api/<method>`), response URLs
 * (`/response/<n>`) and a Socket Mode WebSocket (`/socket`), all on one node:http server on port 0.
 * It records every call with its parsed body, keeps the channel messages it was asked to post and edit, and
 * lets a test script the next answers of a method (a Slack error, HTTP 429 with Retry-After, a slow call).
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface FakeSlackUser {
  id: string;
  name: string;
  displayName?: string;
  realName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  deleted?: boolean;
}

/** One Web API call as the fake received it; `params` has JSON-encoded values (blocks) parsed. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  token: string | undefined;
  /** The raw form or JSON body, for searching everything that was sent. */
  raw: string;
}

/** One POST to a response URL. */
export interface ResponsePost {
  url: string;
  body: Record<string, unknown>;
  raw: string;
}

/** A file uploaded with files.getUploadURLExternal → POST to its upload URL → files.completeUploadExternal. */
export interface FakeFile {
  id: string;
  filename: string;
  altText: string | undefined;
  /** The bytes POSTed to the upload URL (empty until then). */
  bytes: Buffer;
  /** Set by files.completeUploadExternal. */
  title?: string;
  channel?: string;
  initialComment?: string;
  completed: boolean;
}

export interface FakeMessage {
  channel: string;
  /** The token that posted it: which workspace's installation spoke. */
  token: string | undefined;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: unknown[];
  /** Every version chat.update wrote, oldest first. */
  updates: { text: string; blocks: unknown[] }[];
}

/** What a scripted call answers: a Slack error, an HTTP status (429 with Retry-After), or a body. */
export type ScriptedResponse =
  | { error: string }
  | { status: 429; retryAfter?: number }
  | { status: number; text?: string }
  | { ok: true; [key: string]: unknown };

export type Script = ScriptedResponse | ((call: ApiCall) => ScriptedResponse | Promise<ScriptedResponse>);

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

/**
 * A workspace (or, with `enterpriseId` and `isEnterpriseInstall`, an org) that installs the app by OAuth:
 * `oauth.v2.access` with this `code` answers with `botToken`, and `auth.test` with that token names it.
 */
export interface FakeInstall {
  code: string;
  botToken: string;
  teamId?: string;
  teamName?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

/** A modal opened with views.open: the view as sent, and the id and hash Slack gave it. */
export interface FakeView {
  triggerId: string;
  id: string;
  hash: string;
  view: Record<string, unknown>;
}

export interface FakeSlackOptions {
  botToken: string;
  /** The app's OAuth credentials: oauth.v2.access refuses others (invalid_client_id / bad_client_secret). */
  clientId?: string;
  clientSecret?: string;
  appToken?: string;
  teamId?: string;
  teamDomain?: string;
}

export interface FakeSlack {
  /** The Web API base, for SLACK_API_URL. */
  apiUrl: string;
  baseUrl: string;
  teamId: string;
  teamDomain: string;
  botUserId: string;
  calls: ApiCall[];
  callsTo(method: string): ApiCall[];
  responses: ResponsePost[];
  responsesTo(url: string): ResponsePost[];
  /** A fresh response URL on the fake. */
  responseUrl(): string;
  messages: FakeMessage[];
  /** The Home tab each user was last shown (views.publish), by user id. */
  homes: Map<string, { view: Record<string, unknown>; published: number }>;
  /** Modals opened (views.open), oldest first, with the trigger_id each was opened with (same as `views`). */
  modals: FakeView[];
  /** Files uploaded through the external upload flow, in order. */
  files: FakeFile[];
  /** Modals opened with views.open, oldest first. */
  views: FakeView[];
  addUser(user: FakeSlackUser): void;
  /** Lets a workspace (or org) install the app by OAuth with `install.code`. */
  addInstall(install: FakeInstall): void;
  /** Revokes a token: every call with it gets `token_revoked`, as after an uninstall. */
  revokeToken(token: string): void;
  /** The next call of `method` gets this answer instead of the default (queued, one per call). */
  once(method: string, script: Script): void;
  /**
   * Holds every call of `method` until `release()`; `reached` resolves when the first call arrives.
   * `'response_url'` holds the POSTs to response URLs (an answer stuck on its way to Slack).
   */
  hold(method: string): { reached: Promise<void>; release(): void };
  /** Resolves with `probe`'s first truthy result, re-checked on every request the fake sees. */
  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
  /** Socket Mode: connections opened so far, and sending an envelope (resolves with the app's ack). */
  socketConnections(): number;
  sendEnvelope(type: string, payload: unknown): Promise<SocketAck>;
  close(): Promise<void>;
}

function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const readBody = async (req: IncomingMessage): Promise<string> => (await readBytes(req)).toString('utf8');

function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

export async function createFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0TEAM0001';
  const teamDomain = options.teamDomain ?? 'studyteam';
  const botUserId = 'U0STUDYBOT';
  const events = new EventEmitter();
  events.setMaxListeners(1000);
  const changed = () => events.emit('change');

  const calls: ApiCall[] = [];
  const responses: ResponsePost[] = [];
  const messages: FakeMessage[] = [];
  const homes = new Map<string, { view: Record<string, unknown>; published: number }>();
  const files: FakeFile[] = [];
  const views: FakeView[] = [];
  const users = new Map<string, FakeSlackUser>();
  const scripts = new Map<string, Script[]>();
  const holds = new Map<string, { gate: Promise<void>; arrived: () => void }>();
  const sockets = new Set<WebSocket>();
  const installs = new Map<string, FakeInstall>();
  const installTokens = new Map<string, FakeInstall>();
  const revoked = new Set<string>();
  const acks: SocketAck[] = [];
  let socketCount = 0;
  let tsCounter = 0;
  let responseCounter = 0;
  let baseUrl = '';

  const nextTs = () => {
    tsCounter += 1;
    return `1700000000.${String(tsCounter).padStart(6, '0')}`;
  };

  function userInfo(user: FakeSlackUser) {
    return {
      id: user.id,
      team_id: teamId,
      name: user.name,
      deleted: user.deleted ?? false,
      real_name: user.realName ?? user.name,
      is_admin: user.isAdmin ?? false,
      is_owner: user.isOwner ?? false,
      is_primary_owner: user.isPrimaryOwner ?? false,
      is_bot: false,
      profile: { display_name: user.displayName ?? '', real_name: user.realName ?? user.name },
    };
  }

  /** oauth.v2.access: the app's credentials and a code a FakeInstall handed out. */
  function oauthAccess(p: Record<string, unknown>): ScriptedResponse {
    if (options.clientId !== undefined && p.client_id !== options.clientId)
      return { error: 'invalid_client_id' };
    if (options.clientSecret !== undefined && p.client_secret !== options.clientSecret)
      return { error: 'bad_client_secret' };
    const install = installs.get(String(p.code ?? ''));
    if (!install) return { error: 'invalid_code' };
    const org = install.isEnterpriseInstall ?? false;
    return {
      ok: true,
      app_id: 'A0STUDYBOT',
      authed_user: { id: 'U0INSTALLER' },
      scope: 'commands,chat:write,users:read',
      token_type: 'bot',
      access_token: install.botToken,
      bot_user_id: botUserId,
      team: org ? null : { id: install.teamId, name: install.teamName ?? install.teamId },
      enterprise: install.enterpriseId ? { id: install.enterpriseId, name: install.enterpriseId } : null,
      is_enterprise_install: org,
    };
  }

  /** Slack's default answer for each method the adapter uses. */
  function defaultResponse(call: ApiCall): ScriptedResponse {
    const p = call.params;
    const text = typeof p.text === 'string' ? p.text : '';
    const blocks = Array.isArray(p.blocks) ? p.blocks : [];
    switch (call.method) {
      case 'auth.test': {
        const install = call.token ? installTokens.get(call.token) : undefined;
        return {
          ok: true,
          url: `https://${install?.teamId ?? teamDomain}.slack.com/`,
          team: install?.teamName ?? 'Study Team',
          user: 'studybot',
          team_id: install ? (install.teamId ?? '') : teamId,
          ...(install?.enterpriseId ? { enterprise_id: install.enterpriseId } : {}),
          user_id: botUserId,
          bot_id: 'B0STUDYBOT',
          is_enterprise_install: install?.isEnterpriseInstall ?? false,
        };
      }
      case 'oauth.v2.access':
        return oauthAccess(p);
      case 'chat.postMessage': {
        const channel = String(p.channel ?? '');
        if (!channel) return { error: 'channel_not_found' };
        const ts = nextTs();
        const threadTs = typeof p.thread_ts === 'string' ? p.thread_ts : undefined;
        messages.push({ channel, token: call.token, ts, threadTs, text, blocks, updates: [] });
        return { ok: true, channel, ts, message: { type: 'message', text, ts, bot_id: 'B0STUDYBOT' } };
      }
      case 'chat.update': {
        const message = messages.find((m) => m.channel === p.channel && m.ts === p.ts);
        if (!message) return { error: 'message_not_found' };
        message.updates.push({ text, blocks });
        message.text = text;
        message.blocks = blocks;
        return { ok: true, channel: message.channel, ts: message.ts, text };
      }
      case 'views.open': {
        // Slack wants the trigger_id of an interaction (valid for 3 s) and a view with a type.
        const view = (p.view ?? {}) as Record<string, unknown>;
        if (typeof p.trigger_id !== 'string' || p.trigger_id === '') return { error: 'invalid_trigger_id' };
        if (view.type !== 'modal') return { error: 'invalid_arguments' };
        const opened = {
          triggerId: p.trigger_id,
          id: `V${views.length + 1}`,
          hash: `h${views.length + 1}`,
          view,
        };
        views.push(opened);
        return { ok: true, view: { ...view, id: opened.id, hash: opened.hash, state: { values: {} } } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.publish': {
        const user = String(p.user_id ?? '');
        const view = (p.view ?? {}) as Record<string, unknown>;
        if (!user) return { error: 'invalid_arguments' };
        if (view.type !== 'home') return { error: 'invalid_arguments' };
        // Slack refuses a view whose block ids repeat.
        const ids = ((view.blocks ?? []) as { block_id?: string }[]).flatMap((b) =>
          b.block_id ? [b.block_id] : [],
        );
        if (new Set(ids).size !== ids.length) return { error: 'invalid_blocks' };
        homes.set(user, { view, published: (homes.get(user)?.published ?? 0) + 1 });
        return { ok: true, view: { id: `V${homes.size}`, ...view } };
      }
      case 'users.info': {
        const user = users.get(String(p.user ?? ''));
        return user ? { ok: true, user: userInfo(user) } : { error: 'user_not_found' };
      }
      case 'files.getUploadURLExternal': {
        const id = `F0${String(files.length + 1).padStart(8, '0')}`;
        const filename = String(p.filename ?? '');
        if (!filename || !Number(p.length)) return { error: 'invalid_arguments' };
        files.push({
          id,
          filename,
          altText: typeof p.alt_text === 'string' ? p.alt_text : undefined,
          bytes: Buffer.alloc(0),
          completed: false,
        });
        return { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const list = (Array.isArray(p.files) ? p.files : []) as { id?: string; title?: string }[];
        const done = list.map((f) => files.find((x) => x.id === f.id && x.bytes.length > 0));
        if (done.length === 0 || done.some((f) => !f)) return { error: 'invalid_arguments' };
        for (const [i, file] of done.entries()) {
          if (!file) continue;
          Object.assign(file, {
            completed: true,
            title: list[i]?.title,
            channel: typeof p.channel_id === 'string' ? p.channel_id : undefined,
            initialComment: typeof p.initial_comment === 'string' ? p.initial_comment : undefined,
          });
        }
        return { ok: true, files: done.map((f) => ({ id: f?.id, title: f?.title })) };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${baseUrl.replace(/^http/, 'ws')}/socket?ticket=${randomUUID()}` };
      default:
        return { error: 'unknown_method' };
    }
  }

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const call: ApiCall = { method, params: parseParams(raw, req.headers['content-type']), token, raw };
    calls.push(call);
    changed();
    const hold = holds.get(method);
    if (hold) {
      hold.arrived();
      await hold.gate;
    }
    const expected = method === 'apps.connections.open' ? options.appToken : options.botToken;
    const known =
      token !== undefined &&
      (token === expected || (method !== 'apps.connections.open' && installTokens.has(token)));
    let answer: ScriptedResponse;
    const script = scripts.get(method)?.shift();
    if (token !== undefined && revoked.has(token)) answer = { error: 'token_revoked' };
    else if (!known && method !== 'oauth.v2.access') answer = { error: 'invalid_auth' };
    else if (script) answer = typeof script === 'function' ? await script(call) : script;
    else answer = defaultResponse(call);
    if ('error' in answer) json(res, 200, { ok: false, error: answer.error });
    else if ('status' in answer && typeof answer.status === 'number') {
      const status = answer.status;
      const retryAfter = 'retryAfter' in answer ? answer.retryAfter : undefined;
      const headers: Record<string, string> =
        status === 429 && retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
      json(res, status, { ok: false, error: status === 429 ? 'ratelimited' : 'http_error' }, headers);
    } else json(res, 200, answer);
    changed();
  }

  async function handleResponseUrl(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const hold = holds.get('response_url');
    if (hold) {
      hold.arrived();
      await hold.gate;
    }
    responses.push({ url: `${baseUrl}${req.url ?? ''}`, body: parseParams(raw, 'application/json'), raw });
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    changed();
  }

  /** The upload URL files.getUploadURLExternal handed out: stores the bytes, as files.slack.com does. */
  async function handleUpload(path: string, req: IncomingMessage, res: ServerResponse) {
    const raw = await readBytes(req);
    const type = req.headers['content-type'] ?? '';
    // The Web API client posts the file as multipart/form-data (one file part); a raw body is taken as is.
    let bytes = raw;
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request(baseUrl, {
        method: 'POST',
        headers: { 'content-type': type },
        body: raw,
      }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
      bytes = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    }
    const file = files.find((f) => `/upload/${f.id}` === path);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    file.bytes = bytes;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
    changed();
  }

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const api = /^\/api\/([A-Za-z0-9.]+)$/.exec(path);
    const done = (p: Promise<void>) =>
      p.catch((error: unknown) => {
        if (!res.headersSent) json(res, 500, { ok: false, error: String(error) });
      });
    if (req.method === 'POST' && api?.[1]) return void done(handleApi(api[1], req, res));
    if (req.method === 'POST' && path.startsWith('/response/')) return void done(handleResponseUrl(req, res));
    if (req.method === 'POST' && path.startsWith('/upload/')) return void done(handleUpload(path, req, res));
    res.writeHead(404).end();
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/socket')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      socketCount += 1;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const message = tryJson(String(data)) as SocketAck | undefined;
        if (message && typeof message === 'object' && typeof message.envelope_id === 'string')
          acks.push(message);
        changed();
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: sockets.size,
          debug_info: { host: 'fake-slack', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A0STUDYBOT' },
        }),
      );
      changed();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const waitFor = <T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 20_000) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined || value === null || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      // The bound only turns a hang into a readable failure; no test asserts how long anything takes.
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: gave up waiting for ${what}`));
      }, timeoutMs);
      const poll = setInterval(check, 50);
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        events.off('change', check);
      };
      events.on('change', check);
      check();
    });

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    teamId,
    teamDomain,
    botUserId,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responses,
    responsesTo: (url) => responses.filter((r) => r.url === url),
    responseUrl: () => {
      responseCounter += 1;
      return `${baseUrl}/response/${responseCounter}-${randomUUID().slice(0, 8)}`;
    },
    messages,
    homes,
    modals: views,
    files,
    views,
    addUser: (user) => {
      users.set(user.id, user);
    },
    addInstall: (install) => {
      installs.set(install.code, install);
      installTokens.set(install.botToken, install);
    },
    revokeToken: (token) => {
      revoked.add(token);
    },
    once: (method, script) => {
      const queue = scripts.get(method) ?? [];
      queue.push(script);
      scripts.set(method, queue);
    },
    hold: (method) => {
      let release: () => void = () => undefined;
      let arrived: () => void = () => undefined;
      const reached = new Promise<void>((r) => {
        arrived = r;
      });
      const gate = new Promise<void>((r) => {
        release = () => {
          holds.delete(method);
          r();
        };
      });
      holds.set(method, { gate, arrived });
      return { reached, release };
    },
    waitFor,
    socketConnections: () => socketCount,
    sendEnvelope: async (type, payload) => {
      const [ws] = [...sockets];
      if (!ws) throw new Error('fake Slack: no Socket Mode connection to send on');
      const envelopeId = randomUUID();
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
        }),
      );
      return waitFor(() => acks.find((a) => a.envelope_id === envelopeId), `the ack of a ${type} envelope`);
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
