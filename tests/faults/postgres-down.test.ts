import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import { type Bot, createBot } from '../../src/core/bot.js';
import { systemClock } from '../../src/core/clock.js';
import { loadCatalog } from '../../src/core/content/catalog.js';
import { replyForError } from '../../src/core/errors.js';
import { createDatabase, type Database } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { answers, members } from '../../src/db/schema.js';
import { createStores } from '../../src/db/stores.js';
import { createRecordingPublisher, publishersWith, silentLog } from '../support/harness.js';
import { fixtureContent } from '../support/paths.js';
import { type PrivatePostgres, postgresBinDir, startPrivatePostgres } from '../support/private-postgres.js';

// Stopping PostgreSQL needs a server of the test's own; without the server binaries there is none to stop.
const canRun = postgresBinDir() !== undefined;

let pg: PrivatePostgres;
let database: Database;
let bot: Bot;
const platform = createRecordingPublisher();

const actor = (name: string, admin = false): Actor => ({
  platform: 'console',
  workspaceId: 'faults',
  channelId: 'burst',
  userId: `u-${name}`,
  userName: name,
  isAdmin: admin,
});

beforeAll(async () => {
  if (!canRun) return;
  pg = await startPrivatePostgres();
  database = await createDatabase({ url: pg.url, dataDir: 'memory://', poolMax: 10 });
  await runMigrations(database);
  bot = createBot({
    ...createStores({ database }),
    catalog: await loadCatalog(fixtureContent),
    publishers: publishersWith([['console', platform]]),
    clock: systemClock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silentLog,
  });
});
afterAll(async () => {
  if (!canRun) return;
  await database?.close().catch(() => undefined);
  await pg?.destroy();
});

/** One click as an adapter handles it: the core's reply, or the reply for the error it threw. */
async function click(
  name: string,
  actionId: string,
): Promise<{ name: string; code: string | undefined; confirmed: boolean }> {
  const reply = await bot.action(actor(name), actionId).then(
    (r) => r[0],
    (error: unknown) => replyForError(error, 'console'),
  );
  return { name, code: reply?.code, confirmed: reply?.kind === 'feedback' };
}

describe.skipIf(!canRun)('PostgreSQL stops in the middle of a burst of answers', () => {
  it('tells users to try again, loses nothing it confirmed, and recovers without a restart', async () => {
    await bot.command(actor('admin', true), 'studybot', 'post');
    const actionId = platform.messages[0]?.reply.buttons?.[0]?.actionId;
    if (!actionId) throw new Error('no question posted');
    // Members who clicked before are known to the process (as after a day of use).
    await Promise.all(Array.from({ length: 400 }, (_, i) => bot.command(actor(`m${i}`), 'stats', '')));

    let done = 0;
    let stopped: Promise<unknown> | undefined;
    const burst = Array.from({ length: 400 }, (_, i) =>
      click(`m${i}`, actionId).then((r) => {
        done++;
        if (done === 100) stopped = pg.stop('immediate');
        return r;
      }),
    );
    const results = await Promise.all(burst);
    await stopped;
    const confirmed = results.filter((r) => r.confirmed);
    const refused = results.filter((r) => !r.confirmed);
    expect(confirmed.length).toBeGreaterThanOrEqual(100);
    expect(refused.length).toBeGreaterThan(0);
    // Each refused click was told its answer was not recorded (or, before the member was known, that
    // nothing changed): both ask to try again.
    for (const r of refused) expect(['NOT_RECORDED', 'INTERNAL']).toContain(r.code);

    await pg.start();
    // The same process, no restart: new answers go through once the database is back.
    let recovered = await click('late-1', actionId);
    for (let attempt = 0; !recovered.confirmed && attempt < 20; attempt++) {
      await new Promise((r) => setTimeout(r, 250));
      recovered = await click('late-1', actionId);
    }
    expect(recovered.confirmed).toBe(true);

    const stored = await database.db
      .select({ who: members.externalId })
      .from(answers)
      .innerJoin(members, eq(members.id, answers.memberId));
    const storedSet = new Set(stored.map((s) => s.who));
    const lost = confirmed.filter((c) => !storedSet.has(`u-${c.name}`));
    expect(lost).toEqual([]);
    // A refused click can be repeated: it is either recorded now or reported as already answered.
    const retry = await click(refused[0]?.name ?? 'none', actionId);
    expect(retry.confirmed || retry.code === 'ALREADY_ANSWERED').toBe(true);
  });
});

describe.skipIf(!canRun)('PostgreSQL ends the connection of a running transaction', () => {
  it('fails that transaction with a catchable error, and the pool serves the next ones', async () => {
    // A transaction runs on a connection reserved from the pool (src/db/client.ts). The server ends its
    // backend (as on a failover or an administrator's pg_terminate_backend) while the transaction waits.
    // postgres.js 3.4.9 then threw from a timer, out of every try/catch, and killed the process
    // (porsager/postgres#1208); our patch of it (patches/) rejects the query with CONNECTION_CLOSED instead.
    for (const pause of [0, 50, 200]) {
      const failed = await database
        .transaction(async (tx) => {
          const [row] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
            pid: number;
          }[];
          await database.db.execute(sql`select pg_terminate_backend(${row?.pid})`);
          await new Promise((r) => setTimeout(r, pause));
          await tx.execute(sql`select 1`);
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      // drizzle wraps the driver's error; its cause says how the connection ended.
      const cause = (failed as { cause?: { code?: string } } | undefined)?.cause;
      expect(cause?.code).toMatch(/^(CONNECTION_CLOSED|ECONNRESET|57P01)$/);
      // The same pool, no restart: every connection answers again, the ended one reconnected.
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => database.db.execute(sql`select 1 as one`)),
      );
      expect(answers).toHaveLength(20);
    }
  });
});
