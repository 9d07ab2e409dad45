import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createFakeSlack, type FakeSlackUser } from '../tests/support/fake-slack.js';
import { blockActionsForm } from '../tests/support/slack-harness.js';
import { postSigned } from '../tests/support/slack-signing.js';
import { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET } from '../tests/support/test-secrets.js';
import { botEnv, freePort, postNextQuestion } from './open-loop.servers.js';
import { percentile, round } from './stats.js';

const run = promisify(execFile);
const CHANNEL = 'C0BENCH001';

/** CPU time (user + system) a process has used, in ms, from /proc; 0 where there is no /proc. */
async function processCpuMs(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** CPU time of every PostgreSQL server process on this machine (Linux /proc), in ms. */
async function postgresCpuMs(): Promise<number> {
  let total = 0;
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (!stat.includes('(postgres)')) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  }
  return total;
}

/**
 * The full Slack HTTP path: a running bot process (as `npm start` runs it) receives signed button clicks
 * from `members` members, `concurrency` at a time, acknowledges each, records it, and answers through the
 * response_url. Measures the HTTP response (the ack) and answers per second until the last answer arrived.
 */
export async function benchSlackHttp(options: {
  databaseUrl: string | undefined;
  contentDir: string;
  members: number;
  concurrency: number;
  poolMax: number;
}) {
  const fake = await createFakeSlack({ botToken: SLACK_BOT_TOKEN });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'studybot-bench-http-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_BOT_NODE_ARGS?.split(' ') ?? []), '--import', 'tsx', 'src/main.ts'],
    {
      env: {
        PATH: process.env.PATH,
        ...botEnv({ ...options, port, dataDir, apiUrl: fake.apiUrl, logLevel: 'info' }),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const events = `http://127.0.0.1:${port}/slack/events`;
  try {
    for (let i = 0; !log.includes('Slack adapter ready'); i++) {
      if (i > 600 || child.exitCode !== null) throw new Error(`the bot did not start:\n${log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const admin: FakeSlackUser = { id: 'U0ADMIN01', name: 'admin', isAdmin: true };
    fake.addUser(admin);

    /** Posts the channel's next question and has `count` members (ids from `prefix`) click its first button. */
    async function round_(prefix: string, count: number) {
      const { question, button } = await postNextQuestion(fake, events, admin, CHANNEL);
      const member = (i: number) => ({ id: `${prefix}${String(i).padStart(8, '0')}`, name: `${prefix}${i}` });
      for (let i = 0; i < count; i++) fake.addUser(member(i));
      const urls = new Set<string>();
      const latencies: number[] = [];
      let next = 0;
      const cpuBefore = await processCpuMs(child.pid);
      const pgBefore = await postgresCpuMs();
      const ownBefore = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (next < count) {
            const responseUrl = fake.responseUrl();
            urls.add(responseUrl);
            const body = blockActionsForm(fake, member(next++), button.value, {
              channel: CHANNEL,
              messageTs: question.ts,
              actionId: button.actionId,
              responseUrl,
            });
            const t0 = performance.now();
            const res = await postSigned(events, SLACK_SIGNING_SECRET, body);
            latencies.push(performance.now() - t0);
            if (res.status !== 200) throw new Error(`click answered ${res.status}`);
          }
        }),
      );
      const answered = () => fake.responses.filter((r) => urls.has(r.url)).length;
      await fake.waitFor(() => answered() >= count, 'every answer', 120_000);
      const seconds = (performance.now() - started) / 1000;
      const botCpuMs = (await processCpuMs(child.pid)) - cpuBefore;
      const pgCpuMs = (await postgresCpuMs()) - pgBefore;
      const own = process.cpuUsage(ownBefore);
      const loadCpuMs = (own.user + own.system) / 1000;
      const verdicts = fake.responses.filter(
        (r) => urls.has(r.url) && /^(Correct!|Not quite)/.test(String(r.body.text)),
      );
      if (verdicts.length !== count)
        throw new Error(`only ${verdicts.length} of ${count} answers were recorded`);
      return { seconds, botCpuMs, pgCpuMs, loadCpuMs, latencies: latencies.sort((x, y) => x - y) };
    }

    // A first round warms the process up (JIT, connection pools), as any bot that has run a while is.
    await round_('W', Math.min(500, options.members));
    const measured = await round_('U', options.members);
    return {
      http_answers: options.members,
      http_answers_per_s: round(options.members / measured.seconds, 1),
      http_ack_p50_ms: round(percentile(measured.latencies, 50)),
      http_ack_p99_ms: round(percentile(measured.latencies, 99)),
      // CPU the bot process spent per answer (Linux /proc), to tell the bot's cost from the machine's.
      http_bot_cpu_ms_per_answer: round(measured.botCpuMs / options.members),
      // The rest of the machine's work per answer: the load generator with the fake Slack, and PostgreSQL.
      http_loadgen_cpu_ms_per_answer: round(measured.loadCpuMs / options.members),
      http_postgres_cpu_ms_per_answer: round(measured.pgCpuMs / options.members),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('close', r));
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The same answer statement the bot runs, driven bare by pgbench against a copy of its schema: `clients`
 * connections (the bot's pool size) for `seconds`. Every transaction records a new (post, member) answer.
 */
export async function benchPgbench(options: {
  databaseUrl: string;
  clients: number;
  seconds: number;
  members: number;
}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'studybot-pgbench-'));
  const psql = (sql: string) => run('psql', [options.databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
  try {
    const posts = 200;
    await psql(`
      insert into workspaces (platform, external_id, timezone) values ('console', 'pgbench', 'UTC');
      insert into channels (workspace_id, external_id, deck_id, post_seq)
        select id, 'pgbench', 'sample', ${posts} from workspaces where external_id = 'pgbench';
      insert into members (workspace_id, external_id, display_name)
        select w.id, 'pg' || g, 'Member ' || g from workspaces w, generate_series(1, ${options.members}) g where w.external_id = 'pgbench';
      insert into posts (channel_id, workspace_id, slot, seq, cycle, deck_id, question_id, status, posted_at, closes_at)
        select c.id, c.workspace_id, 'pgbench-' || g, g, 0, 'sample', 'q-scp', 'open', now(), now() + interval '1 day'
        from channels c, generate_series(1, ${posts}) g where c.external_id = 'pgbench';
      create sequence pgbench_answer_seq;`);
    const ids = await run('psql', [
      options.databaseUrl,
      '-Atc',
      `select (select min(id) from posts where slot like 'pgbench-%') || ' ' || (select min(id) from members where external_id like 'pg%')`,
    ]);
    const [post0, member0] = ids.stdout.trim().split(' ').map(Number);
    // The statement of src/db/answers.store.ts, with the (post, member) pair drawn from a sequence so every
    // transaction inserts a new answer, its streak and its four board totals.
    const script = `
with k as (select nextval('pgbench_answer_seq') - 1 as k),
ids as (select ${post0} + (k / ${options.members}) % ${posts} as post_id, ${member0} + k % ${options.members} as member_id from k),
p as (select posts.id, workspace_id, channel_id, seq from posts, ids where posts.id = ids.post_id and status = 'open' and seq is not null and (closes_at is null or closes_at > now()) for share of posts),
m as (select members.id, leaderboard_opt_out from members, ids where members.id = ids.member_id for share of members),
prev as (select s.last_seq, s.current, s.best from streaks s join p on s.channel_id = p.channel_id, ids where s.member_id = ids.member_id for update of s),
calc as (select p.id as post_id, p.workspace_id, p.channel_id, p.seq, case when prev.last_seq = p.seq - 1 then prev.current + 1 when prev.last_seq >= p.seq then prev.current else 1 end as streak, coalesce(prev.best, 0) as prev_best from p left join prev on true),
pts as (select calc.*, greatest(calc.prev_best, calc.streak) as best, 10 + least(greatest(calc.streak - 1, 0) * 2, 10) as points from calc),
ins as (insert into answers (post_id, member_id, workspace_id, channel_id, topic, choice, correct, points, answered_at) select pts.post_id, ids.member_id, workspace_id, channel_id, 'identity', 'B', true, points, now() from pts, ids on conflict do nothing returning post_id, points),
st as (insert into streaks (member_id, channel_id, last_seq, current, best, last_answered_at) select ids.member_id, pts.channel_id, pts.seq, pts.streak, pts.best, now() from pts join ins on true, ids on conflict (member_id, channel_id) do update set last_seq = greatest(streaks.last_seq, excluded.last_seq), current = excluded.current, best = greatest(streaks.best, excluded.best), last_answered_at = excluded.last_answered_at returning current, best),
sc as (insert into member_scores (workspace_id, board, member_id, points, correct, answered, reached_at, hidden) select pts.workspace_id, b.board, ids.member_id, ins.points, 1, 1, now(), m.leaderboard_opt_out from pts join ins on true cross join m cross join ids cross join (values ('all'), ('week:2026-11-23'), ('month:2026-11'), ('channel:' || (select channel_id from p))) as b(board) on conflict (workspace_id, board, member_id) do update set points = member_scores.points + excluded.points, correct = member_scores.correct + excluded.correct, answered = member_scores.answered + 1, reached_at = case when excluded.points > 0 then excluded.reached_at else member_scores.reached_at end returning 1)
select (select count(*) from ins) as inserted;
`.replace(/\n(?!$)/g, ' ');
    const file = path.join(dir, 'answer.sql');
    await writeFile(file, `${script.trim()}\n`);
    const { stdout } = await run('pgbench', [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(options.clients),
      '-j',
      '2',
      '-T',
      String(options.seconds),
      '-f',
      file,
      options.databaseUrl,
    ]);
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1] ?? Number.NaN);
    return {
      pgbench_tps: round(tps, 1),
      pgbench_latency_avg_ms: round(latency),
      pgbench_clients: options.clients,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
