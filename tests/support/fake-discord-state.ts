/**
 * What the fake Discord's REST side, gateway and interaction helpers share: its ids, the record of
 * every call and frame, scripted failures, stored channel messages, and ways to wait for any of them.
 */
import { EventEmitter } from 'node:events';

export { DISCORD_TOKEN as FAKE_TOKEN } from './test-secrets.js';

import { DISCORD_TOKEN as FAKE_TOKEN } from './test-secrets.js';

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

export type Json = Record<string, unknown>;

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
  /** Files of a multipart request (`files[n]` parts), in order. */
  files?: UploadedFile[];
}

/** One file part of a multipart request, as Discord receives an attachment. */
export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
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

export interface FakeDiscordOptions {
  /** The token the fake accepts (REST `Authorization: Bot …`, gateway IDENTIFY). */
  token?: string;
  heartbeatIntervalMs?: number;
}

export type FakeState = ReturnType<typeof createFakeState>;

export function createFakeState(options: FakeDiscordOptions) {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const applicationId = snowflake();
  const calls: RecordedCall[] = [];
  /** Frames the client sent on the gateway, in order. */
  const received: GatewayFrame[] = [];

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

  return {
    token: options.token ?? FAKE_TOKEN,
    heartbeatInterval: options.heartbeatIntervalMs ?? 41_250,
    events,
    applicationId,
    botUser: {
      id: applicationId,
      username: 'studybot',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
    guild: { id: snowflake(), name: 'Study Hall', ownerId: snowflake() },
    channelId: snowflake(),
    calls,
    received,
    /** Request URLs of gateway connections (with ?v=10&encoding=json). */
    connections: [] as string[],
    failures: [] as ScriptedFailure[],
    /** Channel messages by id, as created (and edited) through REST. */
    messages: new Map<string, Json>(),
    /** The latest command registration. */
    commands: undefined as { scope: string; body: unknown } | undefined,
    /** Filled in once the server listens. */
    base: '',
    gatewayUrl: '',

    waitForEvent,

    /** The first recorded call (past or future) matching `predicate`. */
    waitForCall(
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
    },

    /** The first gateway frame the client sent (past or future) matching `predicate`. */
    async waitForFrame(predicate: (f: GatewayFrame) => boolean, timeoutMs = 20_000): Promise<GatewayFrame> {
      for (;;) {
        const found = received.find(predicate);
        if (found) return found;
        await waitForEvent('frame', timeoutMs);
      }
    },
  };
}

/** A message object as Discord returns it for a created or edited message. */
export function messageObject(state: FakeState, channelId: string, body: Json): Json {
  return {
    id: snowflake(),
    channel_id: channelId,
    guild_id: state.guild.id,
    type: 0,
    author: state.botUser,
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
  };
}
