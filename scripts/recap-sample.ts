/**
 * `npm run recap:sample [file]`: a weekly recap made the way the bot makes one, for the README. It runs the
 * real core on a throw-away embedded database with the real decks, scripts two weeks of a small team
 * answering the daily question (the second better than the first), lets the scheduler post both Monday
 * recaps, and writes the second recap's chart (default docs/images/recap-chart.png) and prints its text.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRecapCharts } from '../src/charts/readiness.chart.js';
import { createBot } from '../src/core/bot.js';
import { loadCatalog } from '../src/core/content/catalog.js';
import type { ChannelPublisher } from '../src/core/publishing/publisher.port.js';
import { createPublisherRegistry } from '../src/core/publishing/publisher.registry.js';
import type { Reply } from '../src/core/replies.js';
import { createDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { createStores } from '../src/db/stores.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/project-root.js';
import { createDailyPostJob } from '../src/scheduler/daily-post.job.js';

const out = path.resolve(process.argv[2] ?? path.join(projectRoot(), 'docs/images/recap-chart.png'));
const dataDir = await mkdtemp(path.join(tmpdir(), 'studybot-recap-sample-'));
let now = new Date('2027-01-04T06:00:00Z');
const clock = { now: () => new Date(now) };
const posted: Reply[] = [];
const publisher: ChannelPublisher = {
  async post(_channel, reply) {
    posted.push(reply);
    return `m${posted.length}`;
  },
  async reveal() {},
};
const database = await createDatabase({ url: undefined, dataDir, poolMax: 2 });
try {
  await runMigrations(database);
  const catalog = await loadCatalog(path.join(projectRoot(), 'content'));
  const publishers = createPublisherRegistry();
  publishers.register('console', publisher);
  const stores = createStores({ database });
  const log = { warn: () => undefined, info: () => undefined };
  const bot = createBot({
    ...stores,
    catalog,
    publishers,
    charts: createRecapCharts(),
    clock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log,
  });
  const job = createDailyPostJob({
    stores,
    quiz: bot.quiz,
    recap: bot.recap,
    readiness: bot.readiness,
    clock,
    logger: createLogger({ level: 'silent', format: 'json' }),
    settings: { graceMs: 3 * 3_600_000, concurrency: 2, backoffMs: 1000, maxBackoffMs: 1000 },
  });
  const who = (name: string, isAdmin = false) => ({
    platform: 'console' as const,
    workspaceId: 'sample',
    channelId: 'study',
    userId: `u-${name}`,
    userName: name,
    isAdmin,
  });
  await bot.command(who('admin', true), 'studybot', 'setup 09:00 UTC daily recap monday');
  const team = ['Alice', 'Bob', 'Carol', 'Dev', 'Eve'];
  // Each day at 09:00 the scheduler posts; members answer; week 1 they are right ~45% of the time, week 2 ~80%.
  for (let day = 0; day < 15; day++) {
    now = new Date(Date.UTC(2027, 0, 4 + day, 9, 0));
    await job.tick();
    const question = posted.findLast((r) => r.kind === 'question');
    const deck = catalog.decks[0];
    const buttons = question?.buttons ?? [];
    for (const [i, name] of team.entries()) {
      if ((day + i) % 4 === 3) continue;
      now = new Date(now.getTime() + (i + 1) * 600_000);
      const postId = buttons[0]?.actionId.split(':')[1];
      const row = await stores.posts.getPost(Number(postId));
      const right = deck?.questionById.get(row?.questionId ?? '')?.answer ?? 'A';
      const wrong = right === 'A' ? 'B' : 'A';
      const good = day < 7 ? (day * 3 + i) % 9 < 4 : (day + i) % 5 !== 0;
      await bot.action(who(name), `answer:${postId}:${good ? right : wrong}`);
    }
  }
  const recap = posted.filter((r) => r.kind === 'recap').at(-1);
  if (!recap?.image) throw new Error('no recap with a chart was posted');
  await writeFile(out, recap.image.png);
  console.log(
    [recap.title, ...recap.lines, ...(recap.fields ?? []).map((f) => `${f.label}: ${f.value}`)].join('\n'),
  );
  console.log(`\nChart: ${path.relative(process.cwd(), out)} (${recap.image.width}×${recap.image.height})`);
} finally {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
