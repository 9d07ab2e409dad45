/**
 * Issue 12's open-loop benchmark: signed button clicks sent at a fixed rate, the sender never waiting for
 * an answer (as Slack sends them), to the bot and to a minimal reference server (bench/reference.server.ts),
 * each in a child process of its own, stepped through the same rates in one run (the servers alternate at
 * each rate, so a noisy neighbour hits both alike). Per rate and server: the acknowledgement (the HTTP
 * response, timed from when the click was due, so a stalled sender still counts its delay) p50/p99/max, the
 * verdict (its POST to the response_url) p99, CPU per click of the server process, acknowledged clicks
 * that never got an answer, and BUSY answers. Two kinds of members: known (they clicked the day before, so
 * the process knows them) and first-time (first sight: the bot may add one users.info each).
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SLACK_SIGNING_SECRET } from '../tests/support/test-secrets.js';
import { freePort, type ServerUnderTest } from './open-loop.servers.js';
import { percentile, round } from './stats.js';

export type MemberKind = 'known' | 'first';

export interface StepResult {
  server: string;
  kind: MemberKind;
  rate: number;
  clicks: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  verdictP99: number;
  /** Acks slower than 1 s and 3 s (Slack shows the user an error after 3 s). */
  acksOver1s: number;
  acksOver3s: number;
  /** Refused or failed requests: a status other than 200, a reset connection. */
  failed: number;
  /** Acknowledged with 200 and never answered through the response_url (must be 0). */
  lost: number;
  busy: number;
  cpuMsPerClick: number;
}

const BUSY_TEXT = /^I am busy right now/;
const VERDICT_TEXT = /^(Correct!|Not quite)/;

/** Where the servers POST their answers: arrival times and texts by response_url path. */
async function createSink() {
  const arrived = new Map<string, { at: number; text: string }>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      let text = '';
      try {
        text = String((JSON.parse(Buffer.concat(chunks).toString()) as { text?: unknown }).text ?? '');
      } catch {
        text = '';
      }
      if (!arrived.has(req.url ?? '')) arrived.set(req.url ?? '', { at, text });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.keepAliveTimeout = 65_000;
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: (id: string) => `http://127.0.0.1:${bound}/r/${id}`,
    arrived,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

type Sink = Awaited<ReturnType<typeof createSink>>;

function clickBody(
  server: ServerUnderTest,
  question: { value: string; channel: string; ts: string; actionId: string },
  member: { id: string; name: string },
  responseUrl: string,
  trigger: string,
): string {
  const payload = {
    type: 'block_actions',
    user: { id: member.id, username: member.name, name: member.name, team_id: server.teamId },
    api_app_id: 'A0STUDYBOT',
    token: 'bench-payload-token',
    container: {
      type: 'message',
      message_ts: question.ts,
      channel_id: question.channel,
      is_ephemeral: false,
    },
    trigger_id: trigger,
    team: { id: server.teamId, domain: 'bench' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: question.channel, name: 'general' },
    message: { type: 'message', ts: question.ts, text: 'question', bot_id: 'B0STUDYBOT' },
    response_url: responseUrl,
    actions: [
      {
        action_id: question.actionId,
        block_id: 'studybot_buttons_0',
        text: { type: 'plain_text', text: 'A', emoji: true },
        value: question.value,
        type: 'button',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

let clickSeq = 0;

/**
 * Sends `members.length` clicks on `server`'s next question at `rate` a second, open loop, and waits for
 * their answers (at most `drainMs` after the last ack). Bodies are built and signed before the clock starts.
 */
export async function openLoopStep(options: {
  server: ServerUnderTest;
  sink: Sink;
  members: { id: string; name: string }[];
  rate: number;
  kind: MemberKind;
  drainMs: number;
  /** The question to click; by default the server's next one. */
  question?: { value: string; channel: string; ts: string; actionId: string };
}): Promise<StepResult & { unanswered: { id: string; name: string }[] }> {
  const { server, sink, members, rate } = options;
  const question = options.question ?? (await server.nextQuestion());
  const url = new URL(server.events);
  const ts = Math.floor(Date.now() / 1000);
  const clicks = members.map((member) => {
    const id = `${++clickSeq}`;
    const body = clickBody(server, question, member, sink.url(id), `bench.${id}`);
    const signature = `v0=${createHmac('sha256', SLACK_SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    return { path: `/r/${id}`, body, signature, due: 0, ack: Number.NaN, status: 0 };
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const cpuBefore = await server.cpuMs();
  let pending = clicks.length;
  let allAcked: () => void = () => undefined;
  const acked = new Promise<void>((r) => {
    allAcked = r;
  });
  const settle = (click: (typeof clicks)[number], status: number) => {
    click.status = status;
    click.ack = performance.now() - click.due;
    if (--pending === 0) allAcked();
  };
  const send = (click: (typeof clicks)[number]) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(click.body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': click.signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => settle(click, res.statusCode ?? 0));
      },
    );
    req.on('error', () => settle(click, -1));
    req.end(click.body);
  };
  const start = performance.now() + 20;
  clicks.forEach((c, i) => {
    c.due = start + (i * 1000) / rate;
  });
  let next = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (next < clicks.length && (clicks[next]?.due ?? 0) <= now)
        send(clicks[next++] as (typeof clicks)[number]);
      if (next < clicks.length) setTimeout(tick, 1);
      else done();
    };
    setTimeout(tick, 20);
  });
  await acked;
  const ok = clicks.filter((c) => c.status === 200);
  const deadline = performance.now() + options.drainMs;
  while (ok.some((c) => !sink.arrived.has(c.path)) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const cpuMs = (await server.cpuMs()) - cpuBefore;
  agent.destroy();
  const acks = ok.map((c) => c.ack).sort((a, b) => a - b);
  const answers = ok.flatMap((c) => {
    const a = sink.arrived.get(c.path);
    return a ? [{ ...a, ms: a.at - c.due }] : [];
  });
  const verdicts = answers
    .filter((a) => VERDICT_TEXT.test(a.text))
    .map((a) => a.ms)
    .sort((a, b) => a - b);
  const unanswered = members.filter((_, i) => {
    const answer = sink.arrived.get(clicks[i]?.path ?? '');
    return answer === undefined || !VERDICT_TEXT.test(answer.text);
  });
  for (const c of clicks) sink.arrived.delete(c.path);
  const all = clicks.map((c) => c.ack);
  return {
    server: server.name,
    kind: options.kind,
    rate,
    clicks: clicks.length,
    ackP50: round(percentile(acks, 50), 1),
    ackP99: round(percentile(acks, 99), 1),
    ackMax: round(acks.at(-1) ?? Number.NaN, 1),
    verdictP99: round(percentile(verdicts, 99), 1),
    acksOver1s: all.filter((a) => a > 1000).length,
    acksOver3s: all.filter((a) => a > 3000).length,
    failed: clicks.length - ok.length,
    lost: ok.length - answers.length,
    busy: answers.filter((a) => BUSY_TEXT.test(a.text)).length,
    cpuMsPerClick: round(cpuMs / clicks.length, 3),
    unanswered,
  };
}

/**
 * Has every member click one question at a gentle rate (200/s); those answered BUSY (or not at all) press
 * again, at most five times. For known members: the process has met each of them once, as yesterday.
 */
async function warmUp(options: {
  server: ServerUnderTest;
  sink: Sink;
  members: { id: string; name: string }[];
  drainMs: number;
}): Promise<void> {
  let left = options.members;
  const question = await options.server.nextQuestion();
  for (let round = 0; round < 5 && left.length > 0; round++) {
    const outcome = await openLoopStep({ ...options, members: left, rate: 200, kind: 'known', question });
    left = outcome.unanswered;
    if (left.length > 0) await new Promise((r) => setTimeout(r, 2_000));
  }
  if (left.length > 0) throw new Error(`${left.length} members were never handled in the warm-up`);
}

/**
 * Every server through every rate, for known and then first-time members. Known members click a warm-up
 * question first (as yesterday's), so their process has seen them; first-time members are new at each step.
 */
export async function benchOpenLoop(options: {
  servers: ServerUnderTest[];
  rates: number[];
  seconds: number;
  drainMs: number;
  kinds: MemberKind[];
  onStep?: (result: StepResult) => void;
}): Promise<StepResult[]> {
  const sink = await createSink();
  const results: StepResult[] = [];
  const poolSize = Math.ceil(Math.max(...options.rates) * options.seconds);
  try {
    // A warm-up for every server (JIT, connection pools), as any server that has run a while is warm.
    for (const server of options.servers) {
      const warm = Array.from({ length: 400 }, (_, i) => ({
        id: `UW${String(i).padStart(8, '0')}`,
        name: `warm${i}`,
      }));
      for (const m of warm) server.fake.addUser(m);
      await openLoopStep({ server, sink, members: warm, rate: 200, kind: 'first', drainMs: options.drainMs });
    }
    for (const kind of options.kinds) {
      const pools = new Map<string, { id: string; name: string }[]>();
      if (kind === 'known') {
        for (const server of options.servers) {
          const pool = Array.from({ length: poolSize }, (_, i) => ({
            id: `UK${String(i).padStart(8, '0')}`,
            name: `known${i}`,
          }));
          for (const m of pool) server.fake.addUser(m);
          pools.set(server.name, pool);
          // Yesterday's question: the process meets every member once (and looks up their names). A member
          // answered BUSY presses again, so every one of them was really handled.
          await warmUp({ server, sink, members: pool, drainMs: options.drainMs });
        }
        await new Promise((r) => setTimeout(r, 2_000));
      }
      for (const rate of options.rates) {
        const count = Math.ceil(rate * options.seconds);
        for (const server of options.servers) {
          let members = pools.get(server.name)?.slice(0, count);
          if (!members) {
            members = Array.from({ length: count }, (_, i) => ({
              id: `UF${rate}${String(i).padStart(7, '0')}`,
              name: `first${rate}-${i}`,
            }));
            for (const m of members) server.fake.addUser(m);
          }
          const { unanswered: _, ...result } = await openLoopStep({
            server,
            sink,
            members,
            rate,
            kind,
            drainMs: options.drainMs,
          });
          results.push(result);
          options.onStep?.(result);
          // Let the server settle (background lookups, GC) before the next one is driven.
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
    }
  } finally {
    await sink.close();
  }
  return results;
}

/** Highest rate whose ack p99 is within 100 ms with nothing refused or lost (0 when none is). */
export function capacity(results: StepResult[], server: string, kind: MemberKind): number {
  return Math.max(
    0,
    ...results
      .filter(
        (r) => r.server === server && r.kind === kind && r.ackP99 <= 100 && r.failed === 0 && r.lost === 0,
      )
      .map((r) => r.rate),
  );
}
