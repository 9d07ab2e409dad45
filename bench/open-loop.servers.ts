/**
 * The servers `bench/open-loop.bench.ts` drives, each in a child process of its own so its CPU is its own
 * (`bench/cpu-probe.ts` answers `process.cpuUsage()` over IPC): the bot as `npm start` runs it (optionally a
 * second bot from another checkout, to measure a change before and after in one run) and the reference server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createFakeSlack, type FakeSlack, type FakeSlackUser } from '../tests/support/fake-slack.js';
import { buttonsOf, commandForm } from '../tests/support/slack-harness.js';
import { postSigned } from '../tests/support/slack-signing.js';
import { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET } from '../tests/support/test-secrets.js';

export interface ServerUnderTest {
  name: string;
  events: string;
  teamId: string;
  /** The fake Slack behind it (users.info for the bot); members must be added before they click. */
  fake: FakeSlack;
  /** CPU (user + system) the server process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** An open question to click: the button value of its right answer, with where it was posted. */
  nextQuestion(): Promise<{ value: string; channel: string; ts: string; actionId: string }>;
  stop(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/**
 * Has `admin` post the channel's next question (`/studybot post`, signed) and returns it with its first
 * button, once the fake Slack has it.
 */
export async function postNextQuestion(
  fake: FakeSlack,
  events: string,
  admin: FakeSlackUser,
  channel: string,
) {
  const before = fake.messages.filter((m) => m.channel === channel).length;
  await postSigned(
    events,
    SLACK_SIGNING_SECRET,
    commandForm(fake, admin, '/studybot', 'post', channel, fake.responseUrl()),
  );
  const question = await fake.waitFor(
    () => fake.messages.filter((m) => m.channel === channel)[before],
    'the question',
  );
  const button = buttonsOf(question.blocks)[0];
  if (!button) throw new Error('the question has no button');
  return { question, button };
}

const probe = path.join(import.meta.dirname, 'cpu-probe.ts');

function spawnServer(cwd: string, script: string, env: Record<string, string>, nodeArgs: string[] = []) {
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', '--import', probe, script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no CPU figure from the server')), 10_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      const { cpu } = m as { cpu: { user: number; system: number } };
      resolve((cpu.user + cpu.system) / 1000);
    });
    child.send('cpu');
  });
}

/** SIGTERM, as a process manager stops it; SIGKILL after `graceMs`. Says on stderr how long the stop took. */
async function stopChild(child: ChildProcess, name: string, graceMs = 30_000) {
  if (child.exitCode !== null) return;
  const t0 = performance.now();
  const closed = new Promise((r) => child.once('close', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    process.stderr.write(`bench: ${name} did not stop within ${graceMs / 1000} s of SIGTERM; killed\n`);
    child.kill('SIGKILL');
  }, graceMs);
  await closed;
  clearTimeout(timer);
  process.stderr.write(`bench: ${name} stopped in ${Math.round(performance.now() - t0)} ms\n`);
}

async function waitFor(what: string, child: ChildProcess, ok: () => boolean, log: () => string) {
  for (let i = 0; !ok(); i++) {
    if (i > 900 || child.exitCode !== null) throw new Error(`${what} did not start:\n${log().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The environment a benchmarked bot starts with, as `npm start` reads it: Slack over HTTP on `port` against
 * the fake Slack at `apiUrl`, PostgreSQL at `databaseUrl` or PGlite under `dataDir`, JSON logs.
 */
export function botEnv(o: {
  databaseUrl: string | undefined;
  dataDir: string;
  poolMax: number;
  port: number;
  apiUrl: string;
  contentDir: string;
  logLevel: string;
}): Record<string, string> {
  return {
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : { DATA_DIR: o.dataDir }),
    DATABASE_POOL_MAX: String(o.poolMax),
    PORT: String(o.port),
    SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET,
    SLACK_API_URL: o.apiUrl,
    CONTENT_DIR: o.contentDir,
    LOG_LEVEL: o.logLevel,
    LOG_FORMAT: 'json',
  };
}

/** A bot process from `cwd` (this checkout, or another one for a before/after), Slack over HTTP. */
export async function startBot(options: {
  name: string;
  cwd: string;
  teamId: string;
  databaseUrl: string | undefined;
  contentDir: string;
  poolMax: number;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<ServerUnderTest> {
  const fake = await createFakeSlack({ botToken: SLACK_BOT_TOKEN, teamId: options.teamId });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'studybot-bench-open-'));
  const port = await freePort();
  const child = spawnServer(
    options.cwd,
    'src/main.ts',
    { ...botEnv({ ...options, port, dataDir, apiUrl: fake.apiUrl, logLevel: 'warn' }), ...options.env },
    options.nodeArgs,
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  });
  child.stdout?.on('data', () => undefined);
  const events = `http://127.0.0.1:${port}/slack/events`;
  const admin: FakeSlackUser = { id: 'U0ADMIN01', name: 'admin', isAdmin: true };
  fake.addUser(admin);
  try {
    // LOG_LEVEL=warn hides "ready": ask the health endpoint instead.
    let up = false;
    const poll = setInterval(() => {
      fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => {
          up = r.ok;
        })
        .catch(() => undefined);
    }, 200);
    await waitFor(
      options.name,
      child,
      () => up,
      () => log,
    ).finally(() => clearInterval(poll));
  } catch (error) {
    await stopChild(child, options.name);
    await fake.close();
    throw error;
  }
  const channel = 'C0BENCH001';
  return {
    name: options.name,
    events,
    teamId: options.teamId,
    fake,
    cpuMs: () => cpuOf(child),
    async nextQuestion() {
      const { question, button } = await postNextQuestion(fake, events, admin, channel);
      return { value: button.value, channel, ts: question.ts, actionId: button.actionId };
    },
    async stop() {
      await stopChild(child, options.name);
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The reference server (bench/reference.server.ts) on the same kind of database as the bot. */
export async function startReference(options: {
  databaseUrl: string | undefined;
  teamId: string;
  posts: number;
  poolMax: number;
}): Promise<ServerUnderTest> {
  const fake = await createFakeSlack({ botToken: SLACK_BOT_TOKEN, teamId: options.teamId });
  const port = await freePort();
  const child = spawnServer(process.cwd(), path.join(import.meta.dirname, 'reference.server.ts'), {
    PORT: String(port),
    SIGNING_SECRET: SLACK_SIGNING_SECRET,
    TEAM_ID: options.teamId,
    POSTS: String(options.posts),
    POOL_MAX: String(options.poolMax),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  let out = '';
  let log = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  });
  await waitFor(
    'the reference server',
    child,
    () => out.includes('\n'),
    () => log,
  );
  const posts = (JSON.parse(out.split('\n')[0] ?? '{}') as { posts: number[] }).posts;
  let next = 0;
  return {
    name: 'reference',
    events: `http://127.0.0.1:${port}/slack/events`,
    teamId: options.teamId,
    fake,
    cpuMs: () => cpuOf(child),
    async nextQuestion() {
      const id = posts[next++];
      if (id === undefined) throw new Error('the reference server ran out of posts');
      return { value: `answer:${id}:A`, channel: 'C0REFERENC', ts: '1.000001', actionId: 'answer_0' };
    },
    async stop() {
      await stopChild(child, 'reference');
      await fake.close();
    },
  };
}
