/**
 * `npm run bench`: prints a table of figures and, as its last line, one JSON object with all of them.
 * Runs against a fresh database created on DATABASE_URL's server (dropped afterwards), else an in-memory
 * PGlite. Sizes can be lowered for a quick look: BENCH_ANSWERS_LOADED, BENCH_ANSWERS, BENCH_HTTP_MEMBERS,
 * BENCH_FANOUT_CHANNELS. BENCH_ONLY=readiness,answers (a comma list of explain, lookup, answers, leaderboard,
 * readiness, fanout, http, open, pgbench) runs only those steps; BENCH_READINESS_LARGE_TEAM=1 adds 50,000 members;
 * BENCH_READINESS_TEAMS=500,5000 names the team sizes instead (an empty list after filtering: none);
 * BENCH_READINESS_SAMPLES (200) sets how many personal and team reads are timed.
 * The open-loop step (issue 12, docs/performance.md): BENCH_OPEN_RATES (clicks/s, default 100,200,400,800,1600),
 * BENCH_OPEN_SECONDS (per rate, default 2), BENCH_OPEN_KINDS (known,first), BENCH_OPEN_DRAIN_S (30),
 * BENCH_BASE_DIR (another checkout with node_modules, run beside this one as `bot-base`), and
 * BENCH_INBOUND_CONCURRENCY / BENCH_INBOUND_QUEUE (passed to the bot as INBOUND_*).
 */
import os from 'node:os';
import postgres from 'postgres';
import { parseConfig } from '../src/config.js';
import { loadCatalog } from '../src/core/content/catalog.js';
import { createTermIndex } from '../src/core/explain/term.index.js';
import { createDatabase, type Database } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { benchExplain } from './explain.bench.js';
import { benchFanout } from './fanout.bench.js';
import { benchLookup } from './lookup.bench.js';
import { runOpenLoop } from './open-loop.report.js';
import { benchAnswers, benchLeaderboard } from './quiz.bench.js';
import { benchReadiness } from './readiness.bench.js';
import { benchPgbench, benchSlackHttp } from './slack-http.bench.js';

const config = parseConfig(process.env);
const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const catalog = await loadCatalog(config.contentDir);

/** A database of the benchmark's own, so its rows never mix with a real bot's. */
async function benchDatabase(): Promise<{
  database: Database;
  url: string | undefined;
  drop: () => Promise<void>;
}> {
  if (config.database.url === undefined) {
    const database = await createDatabase({ url: undefined, dataDir: 'memory://' });
    await runMigrations(database);
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `studybot_bench_${Date.now().toString(36)}`;
  const admin = postgres(config.database.url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(config.database.url);
  url.pathname = `/${name}`;
  const database = await createDatabase({
    url: url.toString(),
    dataDir: 'memory://',
    poolMax: config.database.poolMax,
  });
  await runMigrations(database);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

const step = (name: string) => process.stderr.write(`bench: ${name}…\n`);
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
/** Whether a step runs: all of them, unless BENCH_ONLY names some. */
const runs = (name: string) => only === undefined || only.includes(name);
const results: Record<string, number | string> = {
  database: config.database.url === undefined ? 'pglite' : 'postgres',
  machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
};

if (runs('explain')) {
  step('explain');
  Object.assign(results, benchExplain(catalog));
}
if (runs('lookup')) {
  step('lookup');
  Object.assign(
    results,
    benchLookup(
      createTermIndex(catalog.decks),
      catalog.decks.flatMap((d) => d.terms.flatMap((t) => [t.id, t.term, ...t.aliases])),
    ),
  );
}

const { database, url, drop } = await benchDatabase();
try {
  if (runs('answers')) {
    step('answers through the core');
    Object.assign(
      results,
      await benchAnswers(database, catalog, {
        answers: size('BENCH_ANSWERS', 10_000),
        members: 5_000,
        concurrency: 50,
      }),
    );
  }
  if (runs('leaderboard')) {
    step('leaderboards at 1,000,000 answers');
    Object.assign(
      results,
      await benchLeaderboard(database, {
        answers: size('BENCH_ANSWERS_LOADED', 1_000_000),
        members: 5_000,
        samples: 500,
      }),
    );
  }
  if (runs('readiness')) {
    step('readiness: one member, and teams of 500, 5,000 (and 50,000) members');
    const teams = process.env.BENCH_READINESS_TEAMS
      ? process.env.BENCH_READINESS_TEAMS.split(',')
          .map((s) => Number(s.trim()))
          .filter((n) => n > 0)
      : process.env.BENCH_READINESS_LARGE_TEAM === '1'
        ? [500, 5_000, 50_000]
        : [500, 5_000];
    Object.assign(
      results,
      await benchReadiness(database, catalog, { teams, samples: size('BENCH_READINESS_SAMPLES', 200) }),
    );
  }
  if (runs('fanout')) {
    step('fan-out of one slot');
    Object.assign(
      results,
      await benchFanout(database, catalog, {
        channels: size('BENCH_FANOUT_CHANNELS', 1_000),
        rate: 100,
        concurrency: config.postConcurrency,
      }),
    );
  }
  if (runs('http')) {
    step('Slack HTTP path (a bot process)');
    Object.assign(
      results,
      await benchSlackHttp({
        databaseUrl: url,
        contentDir: config.contentDir,
        members: size('BENCH_HTTP_MEMBERS', 2_000),
        concurrency: 50,
        poolMax: config.database.poolMax,
      }),
    );
  }
  if (runs('open')) {
    step('open loop: the bot and the reference server at fixed click rates');
    const list = (name: string, fallback: string) =>
      (process.env[name] ?? fallback)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    Object.assign(
      results,
      await runOpenLoop({
        databaseUrl: url,
        contentDir: config.contentDir,
        poolMax: config.database.poolMax,
        rates: list('BENCH_OPEN_RATES', '100,200,400,800,1600').map(Number),
        seconds: size('BENCH_OPEN_SECONDS', 2),
        drainMs: size('BENCH_OPEN_DRAIN_S', 30) * 1000,
        kinds: list('BENCH_OPEN_KINDS', 'known,first').filter((k) => k === 'known' || k === 'first'),
        baseDir: process.env.BENCH_BASE_DIR,
        botNodeArgs: process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter((a) => a !== '') ?? [],
        inbound: {
          ...(process.env.BENCH_INBOUND_CONCURRENCY
            ? { concurrency: process.env.BENCH_INBOUND_CONCURRENCY }
            : {}),
          ...(process.env.BENCH_INBOUND_QUEUE ? { queue: process.env.BENCH_INBOUND_QUEUE } : {}),
        },
      }),
    );
  }
  if (url && runs('pgbench')) {
    step('pgbench, the same answer statement');
    Object.assign(
      results,
      await benchPgbench({ databaseUrl: url, clients: config.database.poolMax, seconds: 10, members: 2_000 }),
    );
    if (runs('http'))
      results.http_vs_pgbench = Number(
        (Number(results.http_answers_per_s) / Number(results.pgbench_tps)).toFixed(2),
      );
  }
} finally {
  await drop();
}

console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
console.log(JSON.stringify(results));
