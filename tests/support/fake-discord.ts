/**
 * A fake Discord on loopback for tests that run the real discord.js client: the REST API under
 * `<base>/api/v10` (node:http) and the gateway on the same port (`ws`), both on port 0.
 *
 * Gateway (fake-discord-gateway.ts): HELLO → IDENTIFY → READY (+ GUILD_CREATE) → heartbeats ACKed;
 * RESUME → RESUMED. JSON text frames, no compression (what discord.js asks for without zlib-sync).
 * REST (fake-discord-rest.ts): /gateway/bot, /users/@me, /applications/@me, command registration,
 * interaction callbacks, webhook follow-ups/edits/deletes and channel messages, every call recorded.
 * Interactions (fake-discord-interactions.ts): payloads to dispatch, and what the user saw.
 * Tests script failures (`failNext`, `rateLimitNext`), hold READY back, or break the connection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachGateway } from './fake-discord-gateway.js';
import { type Answer, interactionHelpers } from './fake-discord-interactions.js';
import { createRestHandler } from './fake-discord-rest.js';
import {
  createFakeState,
  type FakeDiscordOptions,
  type Json,
  type ScriptedFailure,
} from './fake-discord-state.js';

export type { Answer, FakeUser, Where } from './fake-discord-interactions.js';
export {
  FAKE_TOKEN,
  type FakeDiscordOptions,
  type GatewayFrame,
  PERMS,
  type RecordedCall,
  type ScriptedFailure,
  snowflake,
} from './fake-discord-state.js';

export type FakeDiscord = Awaited<ReturnType<typeof createFakeDiscord>>;

export async function createFakeDiscord(options: FakeDiscordOptions = {}) {
  const state = createFakeState(options);
  const server = http.createServer(createRestHandler(state));
  const gateway = attachGateway(server, state);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.base = `http://127.0.0.1:${port}`;
  state.gatewayUrl = `ws://127.0.0.1:${port}`;
  const interactions = interactionHelpers(state);

  /** Dispatches INTERACTION_CREATE on the ready gateway connection. */
  async function interact(interaction: Json): Promise<Json> {
    await gateway.dispatch('INTERACTION_CREATE', interaction);
    return interaction;
  }

  return {
    ...interactions,
    applicationId: state.applicationId,
    botUser: state.botUser,
    guildId: state.guild.id,
    guildName: state.guild.name,
    channelId: state.channelId,
    apiUrl: `${state.base}/api`,
    gatewayUrl: state.gatewayUrl,
    token: state.token,
    calls: state.calls,
    received: state.received,
    connections: state.connections,
    messages: state.messages,
    get commands() {
      return state.commands;
    },
    get sessionId() {
      return gateway.sessionId;
    },
    waitForCall: state.waitForCall,
    waitForFrame: state.waitForFrame,
    waitForEvent: state.waitForEvent,
    holdReady: gateway.holdReady,
    /** Sends a malformed frame: the client's socket errors, it drops the connection and resumes. */
    breakGateway: gateway.breakConnection,
    interact,
    /** Sends any gateway dispatch (GUILD_DELETE, …) on the ready connection. */
    dispatch: (t: string, d: Json) => gateway.dispatch(t, d),
    /** Dispatches an interaction and waits for what the user sees. */
    async ask(interaction: Json): Promise<Answer> {
      await interact(interaction);
      return interactions.answerTo(interaction);
    },
    /** Makes the next matching REST call(s) fail with `status` and `body`. */
    failNext(failure: ScriptedFailure) {
      state.failures.push(failure);
    },
    /** A 429 as Discord sends it: Retry-After and the rate-limit headers, `retry_after` in the body. */
    rateLimitNext(path: RegExp, retryAfterSeconds: number, method = 'POST') {
      state.failures.push({
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
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
