import { sql } from 'drizzle-orm';
import type { Actor } from '../src/core/actor.js';
import { createBot } from '../src/core/bot.js';
import type { Catalog } from '../src/core/content/catalog.js';
import type { ChannelPublisher } from '../src/core/publishing/publisher.port.js';
import { createPublisherRegistry } from '../src/core/publishing/publisher.registry.js';
import { boardFor } from '../src/core/scores/periods.js';
import type { Database } from '../src/db/client.js';
import { createStores } from '../src/db/stores.js';
import { backendCpuMs, processCpuMs } from './cpu.js';
import { percentile, round } from './stats.js';

const silent = { warn: () => undefined, info: () => undefined };

/** A channel that accepts every post at once: the benchmark measures the core and the database. */
const nullPublisher: ChannelPublisher = {
  post: async () => `m${Math.random()}`,
  reveal: async () => undefined,
};

/** Runs `jobs` with at most `concurrency` in flight; returns each job's latency in ms, sorted. */
async function pool(
  jobs: (() => Promise<unknown>)[],
  concurrency: number,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        if (!job) break;
        const t0 = performance.now();
        await job();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

/** 10,000 answers from 5,000 members at 50 concurrent, through the same core path a click takes. */
export async function benchAnswers(
  database: Database,
  catalog: Catalog,
  options: { answers: number; members: number; concurrency: number },
) {
  const store = createStores({ database });
  const publishers = createPublisherRegistry();
  publishers.register('console', nullPublisher);
  const bot = createBot({
    ...store,
    catalog,
    publishers,
    clock: { now: () => new Date() },
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silent,
  });
  const actor = (i: number, channel: string): Actor => ({
    platform: 'console',
    workspaceId: 'bench-answers',
    channelId: channel,
    userId: `member-${i}`,
    userName: `Member ${i}`,
    isAdmin: true,
  });
  const posts = Math.ceil(options.answers / options.members);
  const jobs: (() => Promise<unknown>)[] = [];
  for (let p = 0; p < posts; p++) {
    const channel = `bench-${p}`;
    const outcome = await bot.quiz.postNow(actor(0, channel));
    const postId = outcome.post.id;
    for (let i = 0; i < options.members && jobs.length < options.answers; i++) {
      jobs.push(async () => {
        const [reply] = await bot.action(actor(i, channel), `answer:${postId}:${i % 2 === 0 ? 'A' : 'B'}`);
        if (reply?.kind !== 'feedback') throw new Error(`answer not recorded: ${reply?.lines[0]}`);
      });
    }
  }
  // Members are created on first sight; create them first so the run measures answering, not sign-up.
  await pool(
    Array.from(
      { length: options.members },
      (_, i) => () => store.members.ensureMember(actor(i, 'bench-0'), 'UTC'),
    ),
    options.concurrency,
  );
  const [pg0, node0] = [await backendCpuMs(database), processCpuMs()];
  const { latencies, seconds } = await pool(jobs, options.concurrency);
  const [pg1, node1] = [await backendCpuMs(database), processCpuMs()];
  const n = latencies.length;
  return {
    answers_recorded: n,
    answers_per_s: round(n / seconds, 1),
    answer_p50_ms: round(percentile(latencies, 50)),
    answer_p99_ms: round(percentile(latencies, 99)),
    // CPU per answer: less disturbed by a busy machine than answers/s (bench/cpu.ts).
    answer_cpu_node_ms: round((node1 - node0) / n),
    ...(pg0 !== undefined && pg1 !== undefined ? { answer_cpu_pg_ms: round((pg1 - pg0) / n) } : {}),
  };
}

/**
 * Loads `answers` synthetic answers (members × posts) with their board totals straight in SQL, then times
 * the week and all-time leaderboards (top 10 plus the caller's rank) for random callers.
 */
export async function benchLeaderboard(
  database: Database,
  options: { answers: number; members: number; samples: number },
) {
  const { db } = database;
  const posts = Math.ceil(options.answers / options.members);
  const t0 = performance.now();
  await db.execute(
    sql`insert into workspaces (platform, external_id, name, timezone) values ('console', 'bench-board', 'bench', 'UTC')`,
  );
  await db.execute(sql`insert into channels (workspace_id, external_id, deck_id, post_seq)
    select id, 'board', 'aws-security', ${posts} from workspaces where external_id = 'bench-board'`);
  await db.execute(sql`insert into members (workspace_id, external_id, display_name)
    select w.id, 'm' || g, 'Member ' || g from workspaces w, generate_series(1, ${options.members}) g where w.external_id = 'bench-board'`);
  // One post a day, ending now, so the answers spread over many weeks and months.
  await db.execute(sql`insert into posts (channel_id, workspace_id, slot, seq, cycle, deck_id, question_id, status, posted_at, closes_at, closed_at)
    select c.id, c.workspace_id, 'bench-' || g, g, 0, 'aws-security', 'q' || g, 'closed',
           now() - ((${posts} - g) || ' days')::interval, now() - ((${posts} - g) || ' days')::interval + interval '1 day', now()
    from channels c, generate_series(1, ${posts}) g where c.external_id = 'board'`);
  await db.execute(sql`insert into answers (post_id, member_id, workspace_id, channel_id, topic, choice, correct, points, answered_at)
    select p.id, m.id, p.workspace_id, p.channel_id, 'iam', 'A', (hashtext(p.id || ':' || m.id) % 3 <> 0),
           case when hashtext(p.id || ':' || m.id) % 3 <> 0 then 10 + (abs(hashtext(m.id || '')) % 6) * 2 else 0 end,
           p.posted_at + ((abs(hashtext(m.id || ':' || p.id)) % 86000) || ' seconds')::interval
    from posts p join channels c on c.id = p.channel_id and c.external_id = 'board'
    join members m on m.workspace_id = p.workspace_id`);
  for (const board of [
    sql`'all'`,
    sql`'week:' || to_char(date_trunc('week', a.answered_at at time zone 'UTC'), 'YYYY-MM-DD')`,
    sql`'month:' || to_char(a.answered_at at time zone 'UTC', 'YYYY-MM')`,
    sql`'channel:' || a.channel_id`,
  ]) {
    await db.execute(sql`insert into member_scores (workspace_id, board, member_id, points, correct, answered, reached_at)
      select a.workspace_id, ${board}, a.member_id, sum(a.points), count(*) filter (where a.correct), count(*), max(a.answered_at)
      from answers a join workspaces w on w.id = a.workspace_id and w.external_id = 'bench-board'
      group by 1, 2, 3`);
  }
  // A settled table, as autovacuum leaves it: statistics and the visibility map for index-only scans.
  await db.execute(sql`vacuum analyze`);
  const loadSeconds = (performance.now() - t0) / 1000;
  const [loaded] = await database.query<{ n: number }>(sql`select count(*)::int as n from answers`);
  const [ws] = await database.query<{ id: number; lo: number; hi: number }>(
    sql`select w.id, min(m.id) as lo, max(m.id) as hi from workspaces w join members m on m.workspace_id = w.id
        where w.external_id = 'bench-board' group by w.id`,
  );
  if (!ws) throw new Error('bench workspace missing');
  const store = createStores({ database });
  const workspaceId = ws.id;
  const lo = Number(ws.lo);
  const hi = Number(ws.hi);
  const week = boardFor('week', new Date(), 'UTC');
  const time = async (board: string) => {
    const samples: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      const member = lo + Math.floor(Math.random() * (hi - lo + 1));
      const t = performance.now();
      const result = await store.scores.leaderboard(workspaceId, board, member, 10);
      samples.push(performance.now() - t);
      if (result.top.length === 0) throw new Error(`board ${board} is empty`);
    }
    return samples.sort((a, b) => a - b);
  };
  await time('all'); // warm-up
  const weekSamples = await time(week);
  const allSamples = await time('all');
  return {
    answers_loaded: Number(loaded?.n ?? 0),
    load_s: round(loadSeconds, 1),
    leaderboard_week_p95_ms: round(percentile(weekSamples, 95)),
    leaderboard_all_p95_ms: round(percentile(allSamples, 95)),
    leaderboard_p95_ms: round(Math.max(percentile(weekSamples, 95), percentile(allSamples, 95))),
  };
}
