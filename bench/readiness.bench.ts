/**
 * Readiness figures: `/readiness` for one member over a 500-question deck with 5,000 reviews, and
 * `/readiness team` (one snapshot read) plus the snapshot's recomputation at growing team sizes, each member
 * with REVIEWS_PER_MEMBER reviews (5,000 members → 1,000,000). Rows are written straight in SQL.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../src/core/actor.js';
import { createBot } from '../src/core/bot.js';
import { type Catalog, createCatalog } from '../src/core/content/catalog.js';
import type { Deck } from '../src/core/content/content.loader.js';
import type { Question } from '../src/core/content/content.schema.js';
import { createPublisherRegistry } from '../src/core/publishing/publisher.registry.js';
import type { Database } from '../src/db/client.js';
import { createStores } from '../src/db/stores.js';
import { backendCpuMs, processCpuMs } from './cpu.js';
import { percentile, round } from './stats.js';

const silent = { warn: () => undefined, info: () => undefined };
const REVIEWS_PER_MEMBER = 200;
const CARDS_PER_MEMBER = 150;

/** The first deck, its questions repeated under new ids until it has `size` (same objectives and weights). */
function deckOfSize(deck: Deck, size: number): Deck {
  const questions: Question[] = Array.from({ length: size }, (_, i) => {
    const q = deck.questions[i % deck.questions.length] as Question;
    return { ...q, id: `${q.id}-b${i}` };
  });
  return { ...deck, questions, questionById: new Map(questions.map((q) => [q.id, q])) };
}

const timed = async (samples: number, fn: () => Promise<unknown>) => {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
};

/** Members, a channel, cards and a review log for one workspace, in SQL; returns the workspace external id. */
async function seed(
  database: Database,
  deck: Deck,
  name: string,
  members: number,
  perMember: number,
  cards: number,
) {
  const { db } = database;
  const ids = deck.questions.map((q) => q.id);
  await db.execute(
    sql`insert into workspaces (platform, external_id, name, timezone) values ('console', ${name}, ${name}, 'UTC')`,
  );
  await db.execute(sql`insert into channels (workspace_id, external_id, deck_id)
    select id, 'c1', ${deck.meta.id} from workspaces where external_id = ${name}`);
  await db.execute(sql`insert into members (workspace_id, external_id, display_name)
    select w.id, 'u-m' || g, 'm' || g from workspaces w, generate_series(1, ${members}) g where w.external_id = ${name}`);
  const q = sql`(${JSON.stringify(ids)}::jsonb ->> ((g.n * 7919 + m.id * 31) % ${ids.length})::int)`;
  // Cards: `cards` questions per member, last reviewed 0–29 days ago, stability 1–60 days.
  await db.execute(sql`insert into reviews (member_id, deck_id, question_id, card, due, reps, lapses, last_reviewed_at, stability, first_correct)
    select m.id, ${deck.meta.id}, ${q}, '{}'::jsonb, now(), 1, 0, now() - ((g.n % 30) || ' days')::interval, 1 + (g.n * 13 % 60), (g.n + m.id) % 3 <> 0
    from members m join workspaces w on w.id = m.workspace_id and w.external_id = ${name},
         generate_series(0, ${cards - 1}) g(n)
    on conflict do nothing`);
  // The review log: `perMember` daily answers in the channel over the last 30 days.
  await db.execute(sql`insert into review_log (member_id, workspace_id, channel_id, deck_id, question_id, source, source_id, choice, correct, rating, reviewed_at, applied, card_before)
    select m.id, w.id, c.id, ${deck.meta.id}, ${q}, 'daily', g.n, 'A', (g.n + m.id) % 3 <> 0, 3,
           now() - ((g.n % 30) || ' days')::interval - ((m.id % 1440) || ' minutes')::interval, true,
           case when g.n < ${cards} then null else '{}'::jsonb end
    from members m join workspaces w on w.id = m.workspace_id and w.external_id = ${name}
         join channels c on c.workspace_id = w.id,
         generate_series(0, ${perMember - 1}) g(n)`);
  await db.execute(sql`analyze`);
}

/**
 * The scheduler's fold after a busy daily question: 2,000 members with one unfolded review each (and an
 * earlier card), folded by the readiness pass (200 members per transaction). CPU per member, this process.
 */
async function benchFold(database: Database, bot: ReturnType<typeof createBot>, deck: Deck) {
  const members = 2_000;
  const [q1, q2] = deck.questions.map((q) => q.id);
  await database.db.execute(
    sql`insert into workspaces (platform, external_id, name, timezone) values ('console', 'bench-fold', 'f', 'UTC')`,
  );
  await database.db.execute(sql`insert into members (workspace_id, external_id, display_name)
    select w.id, 'f' || g, 'f' || g from workspaces w, generate_series(1, ${members}) g where w.external_id = 'bench-fold'`);
  const review = (question: string | undefined, sourceId: number, ago: string) =>
    database.db.execute(sql`insert into review_log (member_id, workspace_id, channel_id, deck_id, question_id, source, source_id, choice, correct, rating, reviewed_at)
      select m.id, m.workspace_id, null, ${deck.meta.id}, ${question ?? ''}, 'practice', ${sourceId}, 'A', true, 3, now() - ${ago}::interval
      from members m join workspaces w on w.id = m.workspace_id and w.external_id = 'bench-fold'`);
  await review(q1, 1, '3 days');
  await bot.readiness.refresh(0); // the earlier cards
  await review(q2, 2, '1 minute');
  const [t0, c0] = [performance.now(), processCpuMs()];
  const { folded } = await bot.readiness.refresh(0);
  const [t1, c1] = [performance.now(), processCpuMs()];
  return {
    readiness_fold_members: folded,
    readiness_fold_ms: round(t1 - t0, 1),
    readiness_fold_cpu_node_ms_per_member: round((c1 - c0) / Math.max(1, folded), 3),
  };
}

export async function benchReadiness(
  database: Database,
  catalog: Catalog,
  options: { teams: number[]; samples: number },
) {
  const first = catalog.decks[0];
  if (!first) throw new Error('no deck');
  const deck = deckOfSize(first, 500);
  const bot = createBot({
    ...createStores({ database }),
    catalog: createCatalog([deck]),
    publishers: createPublisherRegistry(),
    clock: { now: () => new Date() },
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silent,
  });
  const actor = (workspace: string, user: string): Actor => ({
    platform: 'console',
    workspaceId: workspace,
    channelId: 'c1',
    userId: user,
    userName: user,
    isAdmin: false,
  });
  const results: Record<string, number> = {};

  // One member: 500 cards, 5,000 reviews of history, in a workspace of 50.
  await seed(database, deck, 'bench-me', 50, 100, 10);
  await database.db.execute(sql`insert into review_log (member_id, workspace_id, channel_id, deck_id, question_id, source, source_id, choice, correct, rating, reviewed_at, applied)
    select m.id, m.workspace_id, null, ${deck.meta.id}, ${sql.raw("'x'")} || g, 'practice', g, 'A', true, 3, now() - (g || ' minutes')::interval, true
    from members m join workspaces w on w.id = m.workspace_id and w.external_id = 'bench-me' and m.external_id = 'u-m1',
         generate_series(1, 4900) g`);
  await database.db.execute(sql`insert into reviews (member_id, deck_id, question_id, card, due, reps, lapses, last_reviewed_at, stability)
    select m.id, ${deck.meta.id}, q.id, '{}'::jsonb, now(), 10, 1, now() - interval '3 days', 12
    from members m join workspaces w on w.id = m.workspace_id and w.external_id = 'bench-me' and m.external_id = 'u-m1',
         jsonb_array_elements_text(${JSON.stringify(deck.questions.map((x) => x.id))}::jsonb) q(id)
    on conflict do nothing`);
  const me = actor('bench-me', 'u-m1');
  await bot.command(me, 'readiness', ''); // warm: priors snapshot, prepared statements
  const [pg0, node0] = [await backendCpuMs(database), processCpuMs()];
  const personal = await timed(options.samples, () => bot.command(me, 'readiness', ''));
  const [pg1, node1] = [await backendCpuMs(database), processCpuMs()];
  results.readiness_me_p50_ms = round(percentile(personal, 50));
  results.readiness_me_p95_ms = round(percentile(personal, 95));
  results.readiness_me_p99_ms = round(percentile(personal, 99));
  // CPU per call: this process (including the kernel's loopback work for its writes) and the backends.
  results.readiness_me_cpu_node_ms = round((node1 - node0) / options.samples);
  if (pg0 !== undefined && pg1 !== undefined)
    results.readiness_me_cpu_pg_ms = round((pg1 - pg0) / options.samples);

  Object.assign(results, await benchFold(database, bot, deck));

  for (const members of options.teams) {
    const name = `bench-team-${members}`;
    const t0 = performance.now();
    await seed(database, deck, name, members, REVIEWS_PER_MEMBER, CARDS_PER_MEMBER);
    results[`readiness_team_${members}_seed_s`] = round((performance.now() - t0) / 1000, 1);
    const caller = actor(name, 'u-m1');
    const [workspace] = await database.query<{ id: number }>(
      sql`select id from workspaces where external_id = ${name}`,
    );
    const [channel] = await database.query<{ id: number }>(
      sql`select id from channels where workspace_id = ${workspace?.id ?? 0}`,
    );
    const scope = {
      channelId: Number(channel?.id),
      workspaceId: Number(workspace?.id),
      deckId: deck.meta.id,
    };
    const refresh = await timed(3, () => bot.readiness.refreshTeam(scope, deck, new Date()));
    results[`readiness_team_${members}_refresh_ms`] = round(percentile(refresh, 50), 1);
    const read = await timed(options.samples, () => bot.command(caller, 'readiness', 'team'));
    results[`readiness_team_${members}_p50_ms`] = round(percentile(read, 50));
    results[`readiness_team_${members}_p95_ms`] = round(percentile(read, 95));
  }
  return results;
}
