import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/db/stores.js';
import { createFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { recordChildOutput } from '../support/log-sink.js';
import { fixtureContent, repoRoot } from '../support/paths.js';
import { childEnv } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { testDatabaseUrl } from '../support/test-env.js';
import { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET } from '../support/test-secrets.js';

// Three processes share one database only through a database server.
const onServer = testDatabaseUrl() !== undefined;

/** Signals a child's whole process group (npm → tsx → node). */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    // already gone
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe.skipIf(!onServer)('npm start as three processes on one database, Slack configured', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  const children: { child: ChildProcess; stderr: string; port: number }[] = [];

  beforeAll(async () => {
    fake = await createFakeSlack({ botToken: SLACK_BOT_TOKEN });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const c of children) signal(c.child, 'SIGKILL');
    await fake.close();
    await database.close();
  });

  it('posts a channel’s due slot exactly once, and each process stops cleanly on SIGTERM', async () => {
    // A channel whose daily time is this minute, set up an hour ago: due the moment a process starts.
    const store = createStores({ database });
    const actor = {
      platform: 'slack' as const,
      workspaceId: fake.teamId,
      channelId: 'C0TRIO0001',
      userId: 'U1',
      userName: 'admin',
      isAdmin: true,
    };
    const { workspace } = await store.members.ensureMember(actor, 'UTC');
    const channel = await store.channels.ensureChannel(workspace.id, actor.channelId, 'sample');
    const now = new Date();
    await store.schedules.upsertSchedule({
      channelId: channel.id,
      timeOfDay: now.toISOString().slice(11, 16),
      timezone: 'UTC',
      days: 'daily',
      at: new Date(now.getTime() - 3_600_000),
    });

    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const child = spawn('npm', ['--silent', 'start'], {
        cwd: repoRoot,
        env: childEnv({
          DATABASE_URL: database.url,
          DATABASE_POOL_MAX: '4',
          PORT: String(port),
          SLACK_BOT_TOKEN,
          SLACK_SIGNING_SECRET,
          SLACK_API_URL: fake.apiUrl,
          CONTENT_DIR: fixtureContent,
          LOG_LEVEL: 'debug',
          LOG_FORMAT: 'json',
        }),
        stdio: ['ignore', 'ignore', 'pipe'],
        // Its own process group, so a signal reaches npm, tsx and the bot itself, as in a container.
        detached: true,
      });
      const entry = { child, stderr: '', port };
      child.stderr?.on('data', (d: Buffer) => {
        entry.stderr += d.toString();
      });
      children.push(entry);
    }
    // Every process has run its start-up tick (the catch-up) once it logs one.
    await fake.waitFor(
      () => children.every((c) => c.stderr.includes('"msg":"scheduler tick"')),
      'a scheduler tick in all three processes',
      90_000,
    );
    for (const c of children) expect((await fetch(`http://127.0.0.1:${c.port}/healthz`)).status).toBe(200);
    const posts = fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0TRIO0001');
    expect(posts).toHaveLength(1);
    const ticks = children.map(
      (c) => c.stderr.split('\n').find((l) => l.includes('"msg":"scheduler tick"')) ?? '',
    );
    expect(ticks.filter((t) => t.includes('"posted":1'))).toHaveLength(1);

    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            c.child.on('close', () => resolve());
            signal(c.child, 'SIGTERM');
          }),
      ),
    );
    for (const [i, c] of children.entries()) recordChildOutput(`replica ${i + 1} (stderr)`, c.stderr);
    // npm itself dies of the signal; the bot under it must have finished its orderly stop.
    for (const c of children) {
      expect(c.stderr).toContain('"msg":"shutting down"');
      expect(c.stderr).toMatch(/"reason":"SIGTERM","msg":"stopped"/);
      expect(c.stderr).not.toContain('stopping failed');
    }
  });
});
