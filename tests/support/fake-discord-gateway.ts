/**
 * The fake Discord gateway: HELLO on connect; IDENTIFY (right token) → READY with the guild unavailable,
 * then its GUILD_CREATE; heartbeats ACKed; RESUME (right session) → RESUMED. JSON text frames only.
 */
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { type FakeState, type GatewayFrame, type Json, PERMS, snowflake } from './fake-discord-state.js';

export type FakeGateway = ReturnType<typeof attachGateway>;

function guildCreate(state: FakeState): Json {
  const { guild, channelId } = state;
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: guild.ownerId,
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

export function attachGateway(server: http.Server, state: FakeState) {
  const { events } = state;
  const wss = new WebSocketServer({ noServer: true });
  let seq = 0;
  let sessionId = '';
  let current: { ws: WebSocket; socket: Duplex } | undefined;
  let ready = false;
  let readyGate: Promise<void> = Promise.resolve();

  const send = (ws: WebSocket, frame: GatewayFrame) => ws.send(JSON.stringify(frame));
  function dispatchOn(ws: WebSocket, t: string, d: unknown) {
    seq += 1;
    send(ws, { op: 0, t, s: seq, d });
  }

  function onConnection(ws: WebSocket, socket: Duplex, req: IncomingMessage) {
    state.connections.push(req.url ?? '');
    events.emit('connection');
    send(ws, { op: 10, d: { heartbeat_interval: state.heartbeatInterval } });
    ws.on('message', (data) => {
      let frame: GatewayFrame;
      try {
        frame = JSON.parse(String(data)) as GatewayFrame;
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      state.received.push(frame);
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

  function becomeCurrent(ws: WebSocket, socket: Duplex) {
    current = { ws, socket };
    ready = true;
    events.emit('ready');
  }

  async function onFrame(ws: WebSocket, socket: Duplex, frame: GatewayFrame) {
    const d = (frame.d ?? {}) as Json;
    if (frame.op === 1) send(ws, { op: 11 });
    else if (frame.op === 2) {
      if (d.token !== state.token) {
        ws.close(4004, 'Authentication failed');
        return;
      }
      await readyGate;
      sessionId = `session-${snowflake()}`;
      seq = 0;
      dispatchOn(ws, 'READY', {
        v: 10,
        user: state.botUser,
        guilds: [{ id: state.guild.id, unavailable: true }],
        session_id: sessionId,
        resume_gateway_url: state.gatewayUrl,
        shard: Array.isArray(d.shard) ? d.shard : [0, 1],
        application: { id: state.applicationId, flags: 0 },
      });
      dispatchOn(ws, 'GUILD_CREATE', guildCreate(state));
      becomeCurrent(ws, socket);
    } else if (frame.op === 6) {
      if (d.token !== state.token || d.session_id !== sessionId) {
        send(ws, { op: 9, d: false });
        return;
      }
      dispatchOn(ws, 'RESUMED', {});
      events.emit('resumed');
      becomeCurrent(ws, socket);
    }
  }

  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, socket, req));
  });

  return {
    get sessionId() {
      return sessionId;
    },
    /** Sends a dispatch on the ready connection, waiting for one after a reconnect. */
    async dispatch(t: string, d: unknown): Promise<void> {
      while (!current || !ready) await state.waitForEvent('ready');
      dispatchOn(current.ws, t, d);
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
    breakConnection() {
      if (!current) throw new Error('fake Discord: no gateway connection to break');
      // FIN + reserved opcode 0xF, no payload: not a valid frame, so the client's `ws` raises an error.
      current.socket.write(Buffer.from([0x8f, 0x00]));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
