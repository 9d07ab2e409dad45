/**
 * A fake Discord on loopback for tests that run the real discord.js client: the REST API under
 * `<base>/api/v10` (node:http) and the gateway on the same port (`ws`), both on port 0.
 *
 * Gateway: HELLO → IDENTIFY → READY (+ GUILD_CREATE per guild) → heartbeats ACKed; RESUME → RESUMED.
 * JSON text frames, no compression (what discord.js asks for without zlib-sync installed). Tests dispatch
 * INTERACTION_CREATE with `interact()`.
 * REST: /gateway/bot, /users/@me, /applications/@me, command registration, interaction callbacks,
 * webhook follow-ups/edits/deletes and channel messages. Every call is recorded with its body; tests can
 * script failures (`failNext`), such as Discord error codes or a 429 with Retry-After.
 */
import { EventEmitter } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

export const FAKE_TOKEN = 'MTQwMDAwMDAwMDAwMDAwMDAwMQ.GfAkEt.studybot-fake-token-for-tests-only';

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;
/** A fresh, realistic snowflake (19 digits): discord.js derives rate-limit buckets from 17–19 digit ids. */
export function snowflake(): string {
  sequence += 1n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (sequence & 0xfffn)).toString();
}

/** Permission bit sets as Discord sends them in `member.permissions`. */
export const PERMS = {
  member: String(1024n | 2048n | 65536n),
  manageServer: String(1024n | 2048n | 65536n | 32n),
  administrator: String(8n),
};

export interface RecordedCall {
  method: string;
  /** Without the `/api/v10` prefix, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
  status: number;
  /** What the fake answered (a created message, an error body…). */
  response: unknown;
}

export interface ScriptedFailure {
  method?: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching calls fail (default 1). */
  times?: number;
}

export interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  nick?: string | null;
  permissions: string;
}

type Json = Record<string, unknown>;

export interface FakeDiscordOptions {
  /** The token the fake accepts (REST `Authorization: Bot …`, gateway IDENTIFY). */
  token?: string;
  heartbeatIntervalMs?: number;
}

export type FakeDiscord = Awaited<ReturnType<typeof createFakeDiscord>>;

export async function createFakeDiscord(options: FakeDiscordOptions = {}) {
  const token = options.token ?? FAKE_TOKEN;
  const heartbeatInterval = options.heartbeatIntervalMs ?? 41_250;
  const events = new EventEmitter();
  events.setMaxListeners(0);

  const applicationId = snowflake();
  const botUser = {
    id: applicationId,
    username: 'studybot',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };
  const guild = { id: snowflake(), name: 'Study Hall' };
  const channelId = snowflake();
  const ownerId = snowflake();

  const calls: RecordedCall[] = [];
  /** Frames the client sent on the gateway, in order. */
  const received: GatewayFrame[] = [];
  /** Request URLs of gateway connections (with ?v=10&encoding=json). */
  const connections: string[] = [];
  const failures: ScriptedFailure[] = [];
  const messages = new Map<string, Json>();
  const callbacks = new Map<string, Json>();
  let commands: { scope: string; body: unknown } | undefined;

  let seq = 0;
  let sessionId = '';
  let current: { ws: WebSocket; socket: Duplex } | undefined;
  let ready = false;
  let readyGate: Promise<void> = Promise.resolve();

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => handle(req, res, raw));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, socket, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}`;

  // ---------------------------------------------------------------- gateway

  function send(ws: WebSocket, frame: GatewayFrame) {
    ws.send(JSON.stringify(frame));
  }

  function dispatchOn(ws: WebSocket, t: string, d: unknown) {
    seq += 1;
    send(ws, { op: 0, t, s: seq, d });
  }

  function guildCreate() {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: ownerId,
      unavailable: false,
      member_count: 3,
      large: false,
      features: [],
      emojis: [],
      stickers: [],
      roles: [
        {
          id: guild.id,
          name: '@everyone',
          permissions: PERMS.member,
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      channels: [
        { id: channelId, type: 0, name: 'study', guild_id: guild.id, position: 0, permission_overwrites: [] },
      ],
      threads: [],
      members: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      joined_at: new Date().toISOString(),
      preferred_locale: 'en-US',
      premium_tier: 0,
      system_channel_flags: 0,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
    };
  }

  function onConnection(ws: WebSocket, socket: Duplex, req: IncomingMessage) {
    connections.push(req.url ?? '');
    events.emit('connection');
    send(ws, { op: 10, d: { heartbeat_interval: heartbeatInterval } });
    ws.on('message', (data) => {
      let frame: GatewayFrame;
      try {
        frame = JSON.parse(String(data)) as GatewayFrame;
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      received.push(frame);
      events.emit('frame', frame);
      void onFrame(ws, socket, frame);
    });
    ws.on('close', () => {
      if (current?.ws === ws) {
        current = undefined;
        ready = false;
      }
      events.emit('gateway-closed');
    });
  }

  async function onFrame(ws: WebSocket, socket: Duplex, frame: GatewayFrame) {
    const d = (frame.d ?? {}) as Json;
    switch (frame.op) {
      case 1:
        send(ws, { op: 11 });
        return;
      case 2: {
        if (d.token !== token) {
          ws.close(4004, 'Authentication failed');
          return;
        }
        await readyGate;
        sessionId = `session-${snowflake()}`;
        seq = 0;
        dispatchOn(ws, 'READY', {
          v: 10,
          user: botUser,
          guilds: [{ id: guild.id, unavailable: true }],
          session_id: sessionId,
          resume_gateway_url: gatewayUrl,
          shard: [0, 1],
          application: { id: applicationId, flags: 0 },
        });
        dispatchOn(ws, 'GUILD_CREATE', guildCreate());
        current = { ws, socket };
        ready = true;
        events.emit('ready');
        return;
      }
      case 6: {
        if (d.token !== token || d.session_id !== sessionId) {
          send(ws, { op: 9, d: false });
          return;
        }
        dispatchOn(ws, 'RESUMED', {});
        current = { ws, socket };
        ready = true;
        events.emit('resumed');
        events.emit('ready');
        return;
      }
      default:
        return;
    }
  }

  async function readyConnection(): Promise<WebSocket> {
    while (!current || !ready) await waitForEvent('ready');
    return current.ws;
  }

  // ---------------------------------------------------------------- REST

  function reply(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    if (body === undefined) {
      res.writeHead(status, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  function messageObject(channel: string, body: Json, extra: Json = {}): Json {
    const id = snowflake();
    return {
      id,
      channel_id: channel,
      guild_id: guild.id,
      type: 0,
      author: botUser,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      ...body,
      ...extra,
    };
  }

  const routes: [
    string,
    RegExp,
    (m: RegExpExecArray, body: Json, query: URLSearchParams) => [number, unknown?],
  ][] = [
    [
      'GET',
      /^\/gateway\/bot$/,
      () => [
        200,
        {
          url: gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ],
    ],
    ['GET', /^\/users\/@me$/, () => [200, botUser]],
    [
      'GET',
      /^\/applications\/@me$/,
      () => [
        200,
        { id: applicationId, name: 'studybot', description: '', bot_public: true, flags: 0, bot: botUser },
      ],
    ],
    [
      'PUT',
      /^\/applications\/(\d+)\/commands$/,
      (_m, body) => {
        commands = { scope: 'global', body };
        return [200, withIds(body)];
      },
    ],
    [
      'PUT',
      /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      (m, body) => {
        commands = { scope: `guild:${m[2]}`, body };
        return [200, withIds(body)];
      },
    ],
    [
      'POST',
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      (m, body, query) => {
        callbacks.set(m[2] ?? '', body);
        if (query.get('with_response') === 'true')
          return [200, { interaction: { id: m[1], type: 2 }, resource: { type: body.type } }];
        return [204];
      },
    ],
    ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, () => [200, messageObject(channelId, {})]],
    [
      'PATCH',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/,
      (_m, body) => [200, messageObject(channelId, body)],
    ],
    ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, () => [204]],
    ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, (_m, body) => [200, messageObject(channelId, body)]],
    [
      'POST',
      /^\/channels\/(\d+)\/messages$/,
      (m, body) => {
        const message = messageObject(m[1] ?? '', body);
        messages.set(String(message.id), message);
        return [200, message];
      },
    ],
    [
      'PATCH',
      /^\/channels\/(\d+)\/messages\/(\d+)$/,
      (m, body) => {
        const existing = messages.get(m[2] ?? '');
        if (!existing || existing.channel_id !== m[1])
          return [404, { message: 'Unknown Message', code: 10008 }];
        const updated = { ...existing, ...body, edited_timestamp: new Date().toISOString() };
        messages.set(String(existing.id), updated);
        return [200, updated];
      },
    ],
    [
      'GET',
      /^\/channels\/(\d+)\/messages\/(\d+)$/,
      (m) => {
        const existing = messages.get(m[2] ?? '');
        return existing ? [200, existing] : [404, { message: 'Unknown Message', code: 10008 }];
      },
    ],
  ];

  function withIds(body: unknown): unknown {
    return Array.isArray(body)
      ? body.map((c: Json) => ({
          id: snowflake(),
          application_id: applicationId,
          version: snowflake(),
          ...c,
        }))
      : body;
  }

  /** Interaction callbacks and webhooks are authorised by their token in the URL, not the bot token. */
  const needsBotToken = (path: string) => !/^\/(interactions|webhooks)\//.test(path);

  function handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v\d+/, '');
    let body: Json = {};
    try {
      body = raw === '' ? {} : (JSON.parse(raw) as Json);
    } catch {
      body = { unparsed: raw };
    }
    const call: RecordedCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: raw === '' ? undefined : body,
      authorization: req.headers.authorization,
      status: 0,
      response: undefined,
    };
    const finish = (status: number, payload?: unknown, headers?: Record<string, string>) => {
      call.status = status;
      call.response = payload;
      calls.push(call);
      reply(res, status, payload, headers);
      events.emit('call', call);
    };

    const failure = failures.find((f) => (f.method ?? method) === method && f.path.test(path));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.splice(failures.indexOf(failure), 1);
      finish(failure.status, failure.body ?? { message: 'Scripted failure', code: 0 }, failure.headers);
      return;
    }
    if (needsBotToken(path) && req.headers.authorization !== `Bot ${token}`) {
      finish(401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    for (const [m, pattern, handler] of routes) {
      const match = m === method ? pattern.exec(path) : null;
      if (match) {
        const [status, payload] = handler(match, body, url.searchParams);
        finish(status, payload);
        return;
      }
    }
    finish(404, { message: '404: Not Found', code: 0 });
  }

  // ---------------------------------------------------------------- waiting

  function waitForEvent(name: string, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        events.off(name, done);
        reject(new Error(`fake Discord: no '${name}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      events.once(name, done);
    });
  }

  /** The first recorded call (past or future) matching `predicate`. */
  function waitForCall(
    predicate: (c: RecordedCall) => boolean,
    what = 'a matching call',
    timeoutMs = 20_000,
  ): Promise<RecordedCall> {
    const found = calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        events.off('call', onCall);
        const seen = calls.map((c) => `${c.method} ${c.path} → ${c.status}`).join('\n  ');
        reject(new Error(`fake Discord: no ${what} within ${timeoutMs} ms. Calls so far:\n  ${seen}`));
      }, timeoutMs);
      const onCall = (c: RecordedCall) => {
        if (!predicate(c)) return;
        clearTimeout(timer);
        events.off('call', onCall);
        resolve(c);
      };
      events.on('call', onCall);
    });
  }

  /** The first gateway frame the client sent (past or future) matching `predicate`. */
  async function waitForFrame(
    predicate: (f: GatewayFrame) => boolean,
    timeoutMs = 20_000,
  ): Promise<GatewayFrame> {
    for (;;) {
      const found = received.find(predicate);
      if (found) return found;
      await waitForEvent('frame', timeoutMs);
    }
  }

  // ---------------------------------------------------------------- interactions

  let userCount = 0;
  function user(name: string, permissions = PERMS.member, nick: string | null = null): FakeUser {
    userCount += 1;
    return {
      id: snowflake(),
      username: name.toLowerCase().replace(/[^a-z0-9_.]/g, '') || `user${userCount}`,
      global_name: name,
      nick,
      permissions,
    };
  }

  interface Where {
    /** Omit for a direct message. */
    guildId?: string | null;
    channelId?: string;
  }

  function interactionBase(type: number, as: FakeUser, where: Where = {}): Json {
    const inGuild = where.guildId !== null;
    const gid = where.guildId ?? guild.id;
    const cid = where.channelId ?? channelId;
    const apiUser = {
      id: as.id,
      username: as.username,
      global_name: as.global_name,
      discriminator: '0',
      avatar: null,
    };
    return {
      id: snowflake(),
      application_id: applicationId,
      type,
      token: `itok-${snowflake()}-${Math.random().toString(36).slice(2, 10)}`,
      version: 1,
      locale: 'en-US',
      app_permissions: String(1024n | 2048n | 16384n | 65536n),
      entitlements: [],
      attachment_size_limit: 10_485_760,
      ...(inGuild
        ? {
            guild_id: gid,
            guild_locale: 'en-US',
            channel_id: cid,
            channel: { id: cid, type: 0, guild_id: gid, name: 'study' },
            member: {
              user: apiUser,
              nick: as.nick ?? null,
              roles: [],
              permissions: as.permissions,
              joined_at: new Date().toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
              avatar: null,
            },
            authorizing_integration_owners: { '0': gid },
            context: 0,
          }
        : {
            channel_id: cid,
            channel: { id: cid, type: 1, recipients: [apiUser] },
            user: apiUser,
            authorizing_integration_owners: { '0': gid },
            context: 1,
          }),
    };
  }

  /** A slash command; `options` as Discord sends them (`[{ name, type, value }]`, subcommands nested). */
  function command(name: string, options: Json[], as: FakeUser, where?: Where): Json {
    return { ...interactionBase(2, as, where), data: { id: snowflake(), name, type: 1, options } };
  }

  /** `/studybot <sub>` with its options. */
  function studybot(sub: string, subOptions: Json[], as: FakeUser, where?: Where): Json {
    return command('studybot', [{ name: sub, type: 1, options: subOptions }], as, where);
  }

  const str = (name: string, value: string, focused = false): Json => ({
    name,
    type: 3,
    value,
    ...(focused ? { focused } : {}),
  });

  function autocomplete(name: string, options: Json[], as: FakeUser, where?: Where): Json {
    return { ...interactionBase(4, as, where), data: { id: snowflake(), name, type: 1, options } };
  }

  /** A click on a button with `customId` under the channel message `messageId` (a posted question). */
  function button(customId: string, as: FakeUser, messageId?: string, where?: Where): Json {
    const message =
      (messageId && messages.get(messageId)) || messageObject(where?.channelId ?? channelId, {});
    return { ...interactionBase(3, as, where), message, data: { custom_id: customId, component_type: 2 } };
  }

  async function interact(interaction: Json): Promise<Json> {
    const ws = await readyConnection();
    dispatchOn(ws, 'INTERACTION_CREATE', interaction);
    return interaction;
  }

  /** Every REST call made with this interaction's token, in order. */
  function callsFor(interaction: Json): RecordedCall[] {
    const t = String(interaction.token);
    return calls.filter((c) => c.path.includes(`/${t}`));
  }

  interface Answer {
    via: 'reply' | 'edit' | 'follow-up' | 'autocomplete';
    ephemeral: boolean;
    /** The message (embeds, components, allowed_mentions) or the autocomplete data. */
    body: Json;
  }

  /**
   * What the user finally sees for an interaction: a direct reply, the edit of a deferred reply, a
   * follow-up (after which a leftover deferred reply is deleted), or autocomplete choices.
   */
  async function answerTo(interaction: Json): Promise<Answer> {
    const t = String(interaction.token);
    const callback = await waitForCall(
      (c) => c.path.includes(`/${t}/callback`),
      `callback for interaction ${String(interaction.id)}`,
    );
    const cb = callback.body as { type: number; data?: Json };
    if (cb.type === 8) return { via: 'autocomplete', ephemeral: true, body: cb.data ?? {} };
    if (cb.type === 4)
      return { via: 'reply', ephemeral: ((Number(cb.data?.flags) || 0) & 64) === 64, body: cb.data ?? {} };
    const deferredEphemeral = ((Number(cb.data?.flags) || 0) & 64) === 64;
    const next = await waitForCall(
      (c) =>
        c.path.startsWith(`/webhooks/${applicationId}/${t}`) && (c.method === 'PATCH' || c.method === 'POST'),
      `edit or follow-up for interaction ${String(interaction.id)}`,
    );
    const body = (next.body ?? {}) as Json;
    if (next.method === 'PATCH') return { via: 'edit', ephemeral: deferredEphemeral, body };
    return { via: 'follow-up', ephemeral: ((Number(body.flags) || 0) & 64) === 64, body };
  }

  return {
    applicationId,
    botUser,
    guildId: guild.id,
    guildName: guild.name,
    channelId,
    apiUrl: `${base}/api`,
    gatewayUrl,
    token,
    calls,
    received,
    connections,
    messages,
    callbacks,
    get commands() {
      return commands;
    },
    get sessionId() {
      return sessionId;
    },
    /** Makes the next matching REST call(s) fail with `status` and `body`. */
    failNext(failure: ScriptedFailure) {
      failures.push(failure);
    },
    /** A 429 as Discord sends it: Retry-After and the rate-limit headers, `retry_after` in the body. */
    rateLimitNext(path: RegExp, retryAfterSeconds: number, method = 'POST') {
      failures.push({
        method,
        path,
        status: 429,
        headers: {
          'retry-after': String(retryAfterSeconds),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfterSeconds),
          'x-ratelimit-scope': 'user',
        },
        body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      });
    },
    /** Holds READY back until the returned function is called. */
    holdReady(): () => void {
      let release: () => void = () => undefined;
      readyGate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => release();
    },
    /** Sends a malformed WebSocket frame: the client's socket errors, it drops the connection and resumes. */
    breakGateway() {
      if (!current) throw new Error('fake Discord: no gateway connection to break');
      // FIN + reserved opcode 0xF, no payload: not a valid frame, so the client's `ws` raises an error.
      current.socket.write(Buffer.from([0x8f, 0x00]));
    },
    waitForCall,
    waitForFrame,
    waitForEvent,
    user,
    command,
    studybot,
    autocomplete,
    button,
    str,
    interact,
    callsFor,
    answerTo,
    /** Dispatches an interaction and waits for what the user sees. */
    async ask(interaction: Json): Promise<Answer> {
      await interact(interaction);
      return answerTo(interaction);
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
