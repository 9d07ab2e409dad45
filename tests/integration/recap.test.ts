import { desc, eq } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, createRecapCharts } from '../../src/charts/readiness.chart.js';
import type { Actor } from '../../src/core/actor.js';
import { createBot } from '../../src/core/bot.js';
import {
  type ChannelAddress,
  type ChannelPublisher,
  ImageRefusedError,
} from '../../src/core/publishing/publisher.port.js';
import type { Reply } from '../../src/core/replies.js';
import { posts, recaps } from '../../src/db/schema.js';
import { createStores } from '../../src/db/stores.js';
import { createDailyPostJob } from '../../src/scheduler/daily-post.job.js';
import { createHarness, type Harness, ManualClock, publishersWith, silentLog } from '../support/harness.js';
import { suiteLogger } from '../support/log-sink.js';

const logger = suiteLogger();
const charts = createRecapCharts();

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: '2027-01-04T06:00:00Z' });
});
afterAll(async () => {
  await h?.close();
});

/** A platform stand-in shared by the replicas: records every post; `refuseImages` refuses pictures. */
function createPlatform(options: { refuseImages?: boolean } = {}) {
  const sent: { channel: string; reply: Reply }[] = [];
  const publisher: ChannelPublisher = {
    async post(channel: ChannelAddress, reply: Reply) {
      if (reply.image && options.refuseImages) throw new ImageRefusedError('missing_scope');
      sent.push({ channel: channel.channelExternalId, reply });
      return `msg-${sent.length}`;
    },
    async reveal() {},
  };
  return { sent, publisher, recaps: () => sent.filter((s) => s.reply.kind === 'recap') };
}

/** One replica: its own core, stores and scheduler job over the shared database and clock. */
function replica(clock: ManualClock, publisher: ChannelPublisher) {
  const stores = createStores({ database: h.database });
  const bot = createBot({
    ...stores,
    charts,
    catalog: h.catalog,
    publishers: publishersWith([['console', publisher]]),
    clock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silentLog,
  });
  const job = createDailyPostJob({
    stores,
    quiz: bot.quiz,
    recap: bot.recap,
    readiness: bot.readiness,
    clock,
    logger,
    settings: { graceMs: 3 * 3_600_000, concurrency: 4, backoffMs: 1000, maxBackoffMs: 60_000 },
  });
  return { bot, job };
}

const person = (name: string, channel: string, admin = false): Actor => ({
  ...h.actor(name, { channel, workspace: 'recap', admin }),
});

/** Posts a question now and returns, for its post, the right letter and the first wrong one. */
async function postQuestion(bot: ReturnType<typeof createBot>, channel: string) {
  await bot.command(person('admin', channel, true), 'studybot', 'post');
  const [row] = await h.database.db.select().from(posts).orderBy(desc(posts.id)).limit(1);
  const question = h.catalog.decks[0]?.questionById.get(row?.questionId ?? '');
  if (!row || !question) throw new Error('no post');
  const wrong = question.answer === 'A' ? 'B' : 'A';
  return { postId: row.id, right: question.answer, wrong, question };
}

const decode = (reply: Reply | undefined) =>
  PNG.sync.read(Buffer.from(reply?.image?.png ?? new Uint8Array()));

describe('the weekly recap', () => {
  const channel = 'team';
  const clock = new ManualClock(new Date('2027-01-04T06:00:00Z'));
  const platform = createPlatform();

  it('is posted once by three replicas at the channel post time on its day, and not again after a restart', async () => {
    const { bot } = replica(clock, platform.publisher);
    const [setup] = await bot.command(
      person('admin', channel, true),
      'studybot',
      'setup 09:00 UTC daily recap monday',
    );
    expect(setup?.lines).toContain(
      "Weekly recap: every Monday at 09:00 (UTC), with a chart of the team's readiness. Turn it off with recap off.",
    );
    await bot.command(person('carol', channel), 'stats', 'optout');
    // The scripted week: three questions, Tuesday to Thursday; carol (opted out) answers every one right.
    const answer = (name: string, postId: number, letter: string) =>
      bot.action(person(name, channel), `answer:${postId}:${letter}`);
    const days: [string, Record<string, 'right' | 'wrong'>][] = [
      ['2027-01-05T10:00:00Z', { alice: 'right', bob: 'right', carol: 'right', dave: 'wrong' }],
      ['2027-01-06T10:00:00Z', { alice: 'right', bob: 'wrong', carol: 'right' }],
      ['2027-01-07T10:00:00Z', { alice: 'wrong', bob: 'right', carol: 'right', dave: 'wrong' }],
    ];
    const asked = [];
    for (const [at, who] of days) {
      clock.set(at);
      const q = await postQuestion(bot, channel);
      asked.push(q);
      for (const [name, how] of Object.entries(who)) {
        clock.advance(60_000);
        const [reply] = await answer(name, q.postId, how === 'right' ? q.right : q.wrong);
        expect(reply?.code).toBeUndefined();
      }
    }

    const replicas = [1, 2, 3].map(() => replica(clock, platform.publisher));
    clock.set('2027-01-11T08:59:00Z');
    await Promise.all(replicas.map((r) => r.job.tick()));
    expect(platform.recaps()).toHaveLength(0);
    clock.set('2027-01-11T09:00:00Z');
    await Promise.all(replicas.map((r) => r.job.tick()));
    clock.set('2027-01-11T09:05:00Z');
    await replica(clock, platform.publisher).job.tick();
    expect(platform.recaps()).toHaveLength(1);

    // Its figures are the scripted week's.
    const recap = platform.recaps()[0]?.reply;
    const hardest = asked[2];
    expect(recap?.title).toBe('Weekly recap, 4 Jan – 11 Jan');
    expect(recap?.lines).toEqual([
      'Participation: 4 members answered at least once, 11 answers in all.',
      // bob: 10 + 0 + 14 (a streak of 3); alice: 10 + 12 + 0; dave: none right. carol (36) is never named.
      'Top three: 1. bob (24 points, 2 of 3 right), 2. alice (22 points, 2 of 3 right), 3. dave (0 points, 0 of 2 right).',
      'Streaks: alice 3 in a row, bob 3 in a row.',
      expect.stringMatching(/^Team readiness: \d+% \(no recap last week to compare with\)\.$/),
      `Hardest question: "${hardest?.question.prompt}": 50% correct (2 of 4). Most chosen wrong answer: ${hardest?.wrong}) ${hardest?.question.choices[(hardest?.wrong.charCodeAt(0) ?? 65) - 65]} (2).`,
      expect.stringMatching(/^Look this up: \/explain [a-z0-9-]+ \(.+\)\.$/),
    ]);
    expect(recap?.lines.join('\n')).not.toContain('carol');
    expect(recap?.fields?.map((f) => f.label)).toEqual(['Identity', 'Network']);
    expect(recap?.image?.altText).toMatch(/^Bar chart of team readiness per exam objective/);
    const png = decode(recap);
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    const [row] = await h.database.db.select().from(recaps).where(eq(recaps.slot, 'recap:2027-01-11'));
    expect(row).toMatchObject({ status: 'posted', imagePosted: true });
  });

  it("compares readiness with last week's recap, and its chart differs from last week's", async () => {
    const { bot } = replica(clock, platform.publisher);
    clock.set('2027-01-11T10:00:00Z');
    const monday = platform.sent.findLast((s) => s.reply.kind === 'question');
    const action = monday?.reply.buttons?.[0]?.actionId ?? '';
    await bot.action(person('alice', channel), action);
    clock.set('2027-01-18T09:00:00Z');
    await replica(clock, platform.publisher).job.tick();
    const [first, second] = platform.recaps().map((r) => r.reply);
    expect(second?.lines[0]).toBe('Participation: 1 member answered at least once, 1 answer in all.');
    expect(second?.lines).toContainEqual(
      expect.stringMatching(/^Team readiness: \d+% \([+−±]\d+ points since last week\)\.$/),
    );
    const [a, b] = [decode(first), decode(second)];
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    expect(Buffer.compare(a.data, b.data)).not.toBe(0);
  });

  it('posts the chart as text bars when the platform refuses the picture', async () => {
    const refusing = createPlatform({ refuseImages: true });
    const { bot } = replica(clock, refusing.publisher);
    const [reply] = await bot.command(person('admin', channel, true), 'studybot', 'recap');
    expect(reply?.lines[0]).toContain('drawn as text');
    const recap = refusing.recaps()[0]?.reply;
    expect(recap?.image).toBeUndefined();
    expect(recap?.lines).toContain('Readiness per objective, this week (last week):');
    expect(recap?.lines).toContainEqual(
      expect.stringMatching(/^Identity: [█░]{10} \d+% \(last week [█░]{10} \d+%\)$/),
    );
    const rows = await h.database.db.select().from(recaps).where(eq(recaps.imagePosted, false));
    expect(rows).toHaveLength(1);
  });
});
