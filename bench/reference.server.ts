/**
 * The minimal reference server of `npm run bench` (issue 12): the core of what the bot does for a click,
 * and nothing else. node:http; the body read once; the Slack signature (HMAC-SHA256 of `v0:<ts>:<body>`)
 * and the timestamp (five minutes) checked; the payload parsed; the 200 acknowledgement; then the member
 * (an upsert on first sight, a Map after), the bot's own answer statement (`ANSWER_QUERY`, prepared), and
 * the verdict POSTed to the payload's response_url with `fetch` (keep-alive). No Bolt, no pipeline, no
 * bound, no redelivery memory, no users.info, no logging.
 *
 * Environment (set by bench/open-loop.bench.ts): PORT, SIGNING_SECRET, TEAM_ID, POSTS, POOL_MAX, and
 * DATABASE_URL (PostgreSQL, a database already migrated) or none (an in-memory PGlite, migrated here).
 * Prints one JSON line `{"ready":true,"posts":[…ids]}` on stdout when it listens.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { ANSWER_QUERY } from '../src/db/answers.store.js';
import { createDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';

const env = process.env;
const secret = env.SIGNING_SECRET ?? '';
const teamId = env.TEAM_ID ?? 'T0REFERENC';
const database = await createDatabase({
  url: env.DATABASE_URL || undefined,
  dataDir: 'memory://',
  poolMax: Number(env.POOL_MAX ?? 10),
});
if (!env.DATABASE_URL) await runMigrations(database);

// Setup, not measured: a workspace, a channel and open posts of one question whose answer is A.
const [ws] = await database.queryText<{ id: number }>(
  `insert into workspaces (platform, external_id, timezone) values ('slack', $1, 'UTC') returning id`,
  [teamId],
);
const [ch] = await database.queryText<{ id: number }>(
  `insert into channels (workspace_id, external_id, deck_id, post_seq) values ($1, 'C0REFERENC', 'bench', $2) returning id`,
  [ws?.id, Number(env.POSTS ?? 20)],
);
const posts = await database.queryText<{ id: number }>(
  `insert into posts (channel_id, workspace_id, slot, seq, cycle, deck_id, question_id, status, posted_at, closes_at)
   select $1, $2, 'ref-' || g, g, 0, 'bench', 'q-bench', 'open', now(), now() + interval '1 day'
   from generate_series(1, $3::int) g returning id`,
  [ch?.id, ws?.id, Number(env.POSTS ?? 20)],
);

const memberIds = new Map<string, number>();
const MEMBER_SQL = `insert into members (workspace_id, external_id, display_name) values ($1, $2, $3)
  on conflict (workspace_id, external_id) do update set display_name = excluded.display_name returning id`;

async function memberId(userId: string, name: string): Promise<number> {
  const known = memberIds.get(userId);
  if (known !== undefined) return known;
  const [row] = await database.queryText<{ id: number }>(MEMBER_SQL, [ws?.id, userId, name]);
  const id = Number(row?.id);
  memberIds.set(userId, id);
  return id;
}

function signed(req: http.IncomingMessage, body: Buffer): boolean {
  const ts = Number(req.headers['x-slack-request-timestamp']);
  const signature = String(req.headers['x-slack-signature'] ?? '');
  if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return false;
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`;
  return (
    signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  );
}

interface Click {
  user: { id: string; username?: string };
  actions: { value: string }[];
  response_url: string;
}

const week = 'week:bench';
const month = 'month:bench';

async function answer(click: Click): Promise<void> {
  const match = /^answer:(\d+):([A-E])$/.exec(click.actions[0]?.value ?? '');
  if (!match) return;
  const choice = match[2] ?? '';
  const correct = choice === 'A';
  const member = await memberId(click.user.id, click.user.username ?? click.user.id);
  const values: Record<string, unknown> = {
    postId: Number(match[1]),
    memberId: member,
    correct,
    topic: 'bench',
    choice,
    deckId: 'bench',
    questionId: 'q-bench',
    rating: correct ? 3 : 1,
    at: new Date().toISOString(),
    board0: week,
    board1: month,
    // No redelivery memory: the statement's delivery CTE inserts nothing when its id is null.
    deliveryPlatform: null,
    deliveryId: null,
    deliveryExpires: null,
  };
  const params = ANSWER_QUERY.params.map((p) =>
    typeof p === 'object' && p !== null && 'name' in p ? values[String((p as { name: string }).name)] : p,
  );
  const [row] = await database.queryText<{ inserted: number; points: number | null }>(
    ANSWER_QUERY.sql,
    params,
  );
  const text = !row?.inserted ? 'Already answered' : correct ? `Correct! +${row.points}` : 'Not quite.';
  await fetch(click.response_url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, response_type: 'ephemeral', replace_original: false }),
  }).then((r) => r.arrayBuffer());
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (!signed(req, body)) {
      res.writeHead(401).end();
      return;
    }
    let click: Click;
    try {
      click = JSON.parse(new URLSearchParams(body.toString()).get('payload') ?? '') as Click;
    } catch {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200).end();
    answer(click).catch((error: unknown) => process.stderr.write(`reference: ${String(error)}\n`));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ ready: true, posts: posts.map((p) => Number(p.id)) })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void database.close().finally(() => process.exit(0));
});
