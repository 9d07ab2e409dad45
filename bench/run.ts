/**
 * `npm run bench`: prints a table of figures and, as its last line, one JSON object with all of them.
 * Runs against a fresh database created on DATABASE_URL's server (dropped afterwards), else an in-memory
 * PGlite. Sizes can be lowered for a quick look: BENCH_ANSWERS_LOADED, BENCH_ANSWERS, BENCH_HTTP_MEMBERS,
 * BENCH_FANOUT_CHANNELS.
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
import { benchAnswers, benchLeaderboard } from './quiz.bench.js';
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
const results: Record<string, number | string> = {
  database: config.database.url === undefined ? 'pglite' : 'postgres',
  machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
};

step('explain');
Object.assign(results, benchExplain(catalog));
step('lookup');
Object.assign(
  results,
  benchLookup(
    createTermIndex(catalog.decks),
    catalog.decks.flatMap((d) => d.terms.flatMap((t) => [t.id, t.term, ...t.aliases])),
  ),
);

const { database, url, drop } = await benchDatabase();
try {
  step('answers through the core');
  Object.assign(
    results,
    await benchAnswers(database, catalog, {
      answers: size('BENCH_ANSWERS', 10_000),
      members: 5_000,
      concurrency: 50,
    }),
  );
  step('leaderboards at 1,000,000 answers');
  Object.assign(
    results,
    await benchLeaderboard(database, {
      answers: size('BENCH_ANSWERS_LOADED', 1_000_000),
      members: 5_000,
      samples: 500,
    }),
  );
  step('fan-out of one slot');
  Object.assign(
    results,
    await benchFanout(database, catalog, {
      channels: size('BENCH_FANOUT_CHANNELS', 1_000),
      rate: 100,
      concurrency: config.postConcurrency,
    }),
  );
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
  if (url) {
    step('pgbench, the same answer statement');
    Object.assign(
      results,
      await benchPgbench({ databaseUrl: url, clients: config.database.poolMax, seconds: 10, members: 2_000 }),
    );
    results.http_vs_pgbench = Number(
      (Number(results.http_answers_per_s) / Number(results.pgbench_tps)).toFixed(2),
    );
  }
} finally {
  await drop();
}

console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
console.log(JSON.stringify(results));
