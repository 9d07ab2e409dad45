import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import {
  type ChannelAddress,
  type ChannelPublisher,
  PublishError,
} from '../../src/core/publishing/publisher.port.js';
import type { Reply } from '../../src/core/replies.js';
import { posts, schedules } from '../../src/db/schema.js';
import { createStores } from '../../src/db/stores.js';
import { createDailyPostJob } from '../../src/scheduler/daily-post.job.js';
import { createHarness, type Harness, ManualClock, publishersWith, silentLog } from '../support/harness.js';
import { suiteLogger } from '../support/log-sink.js';

const HOUR = 3_600_000;
const logger = suiteLogger();

// Every test gets a database of its own: the scheduler ticks over every schedule in it.
let h: Harness;
beforeEach(async () => {
  h = await createHarness({ now: '2027-01-04T06:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

interface Sent {
  channel: string;
  at: Date;
  reply: Reply;
}

/**
 * A platform stand-in shared by all replicas: it records posts with the time they arrived and can be told
 * to fail for a channel (a queue of errors, consumed one per attempt).
 */
function createPlatform(clock: ManualClock) {
  const sent: Sent[] = [];
  const failures = new Map<string, Error[]>();
  const publisher: ChannelPublisher = {
    async post(channel: ChannelAddress, reply: Reply) {
      const queued = failures.get(channel.channelExternalId);
      const error = queued?.shift();
      if (error) throw error;
      sent.push({ channel: channel.channelExternalId, at: clock.now(), reply });
      return `msg-${sent.length}`;
    },
    async reveal() {},
  };
  return { sent, failures, publisher };
}

interface ReplicaOptions {
  /** Records the retry waits the job asks for; they move the fake clock. */
  sleeps?: number[];
  /** A retry wait is where SIGTERM lands: the job is stopped instead. */
  stopOnRetry?: boolean;
  /** Replaces the wait altogether (a gate the test opens). */
  sleep?: () => Promise<void>;
  concurrency?: number;
}

/** One replica: its own bot, store and job on the shared database and clock. */
function replica(clock: ManualClock, publisher: ChannelPublisher, options: ReplicaOptions = {}) {
  const sleeps = options.sleeps ?? [];
  const store = createStores({ database: h.database });
  const bot = createBot({
    ...store,
    catalog: h.catalog,
    publishers: publishersWith([['console', publisher]]),
    clock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silentLog,
  });
  const job = createDailyPostJob({
    stores: store,
    quiz: bot.quiz,
    clock,
    logger,
    settings: {
      graceMs: 3 * HOUR,
      concurrency: options.concurrency ?? 4,
      backoffMs: 1000,
      maxBackoffMs: 60_000,
    },
    sleep: async (ms) => {
      if (options.sleep) return options.sleep();
      if (options.stopOnRetry) return job.stop();
      sleeps.push(ms);
      clock.advance(ms);
    },
  });
  return { bot, job, store };
}

async function setup(channel: string, args: string, clock: ManualClock, publisher: ChannelPublisher) {
  const { bot } = replica(clock, publisher);
  const [reply] = await bot.command(
    h.actor('admin', { admin: true, channel, workspace: 'sched' }),
    'studybot',
    `setup ${args}`,
  );
  expect(reply?.title).toBe('Daily question scheduled');
}

describe('daily posts', () => {
  it('posts a slot once when three replicas tick together, and never again after a restart', async () => {
    const clock = new ManualClock(new Date('2027-01-04T06:00:00Z'));
    const platform = createPlatform(clock);
    await setup('trio', '09:00 UTC', clock, platform.publisher);
    const replicas = [1, 2, 3].map(() => replica(clock, platform.publisher));
    clock.set('2027-01-04T08:59:00Z');
    await Promise.all(replicas.map((r) => r.job.tick()));
    expect(platform.sent.filter((s) => s.channel === 'trio')).toHaveLength(0);
    clock.set('2027-01-04T09:00:00Z');
    const reports = await Promise.all(replicas.map((r) => r.job.tick()));
    expect(reports.reduce((n, r) => n + r.posted, 0)).toBe(1);
    for (const minute of ['09:01', '09:02', '12:00']) {
      clock.set(`2027-01-04T${minute}:00Z`);
      await Promise.all([...replicas, replica(clock, platform.publisher)].map((r) => r.job.tick()));
    }
    expect(platform.sent.filter((s) => s.channel === 'trio')).toHaveLength(1);
    clock.set('2027-01-05T09:00:00Z');
    await Promise.all(replicas.map((r) => r.job.tick()));
    expect(platform.sent.filter((s) => s.channel === 'trio').map((s) => s.at.toISOString())).toEqual([
      '2027-01-04T09:00:00.000Z',
      '2027-01-05T09:00:00.000Z',
    ]);
  });

  it('catches up a slot missed while down inside the window, and skips it with a record outside', async () => {
    const clock = new ManualClock(new Date('2027-01-04T06:00:00Z'));
    const platform = createPlatform(clock);
    await setup('late', '09:00 UTC', clock, platform.publisher);
    await setup('too-late', '05:00 UTC', clock, platform.publisher);
    // Nobody ran from before 09:00 until 10:30 the next day (05:00 was 5.5 h ago, 09:00 1.5 h ago).
    clock.set('2027-01-05T10:30:00Z');
    const report = await replica(clock, platform.publisher).job.tick();
    expect(platform.sent.filter((s) => s.channel === 'late').map((s) => s.at.toISOString())).toEqual([
      '2027-01-05T10:30:00.000Z',
    ]);
    expect(platform.sent.filter((s) => s.channel === 'too-late')).toHaveLength(0);
    expect(report.skipped).toBe(1);
    const skipped = await h.database.db.select().from(posts).where(eq(posts.status, 'skipped'));
    expect(skipped.map((p) => [p.slot, p.lastError])).toEqual([
      ['2027-01-05', 'missed while the bot was down, and past the catch-up window'],
    ]);
    // A restart does not repost, and the skipped slot stays skipped.
    await replica(clock, platform.publisher).job.tick();
    expect(platform.sent.filter((s) => s.channel === 'late' || s.channel === 'too-late')).toHaveLength(1);
  });

  for (const [zone, days] of [
    ['Europe/Berlin', ['2027-03-27', '2027-03-28', '2027-03-29', '2027-10-30', '2027-10-31', '2027-11-01']],
    [
      'America/New_York',
      ['2027-03-13', '2027-03-14', '2027-03-15', '2027-11-06', '2027-11-07', '2027-11-08'],
    ],
  ] as const) {
    it(`posts once a day at 09:00 local across the 2027 clock changes in ${zone}`, async () => {
      const clock = new ManualClock(new Date(`${days[0]}T00:00:00Z`));
      const platform = createPlatform(clock);
      const channel = `dst-${zone}`;
      const r = replica(clock, platform.publisher);
      for (const start of [days[0], days[3]]) {
        clock.set(`${start}T00:00:00Z`);
        await setup(channel, `09:00 ${zone}`, clock, platform.publisher);
        // Tick every 10 minutes for three days around the change.
        for (let t = 0; t < 3 * 24 * 6; t++) {
          await r.job.tick();
          clock.advance(10 * 60_000);
        }
      }
      const local = platform.sent
        .filter((s) => s.channel === channel)
        .map((s) => s.at.toLocaleString('sv-SE', { timeZone: zone }).slice(0, 16));
      expect(local).toEqual(days.map((d) => `${d} 09:00`));
    });
  }

  it('keeps posting to other channels when one is unreachable, and pauses that one', async () => {
    const clock = new ManualClock(new Date('2027-02-01T06:00:00Z'));
    const platform = createPlatform(clock);
    for (const c of ['ok-1', 'gone', 'ok-2']) await setup(c, '09:00 UTC', clock, platform.publisher);
    platform.failures.set('gone', [new PublishError('unreachable', 'channel_not_found')]);
    clock.set('2027-02-01T09:00:00Z');
    const report = await replica(clock, platform.publisher).job.tick();
    expect(report).toMatchObject({ posted: 2, failed: 1 });
    expect(platform.sent.map((s) => s.channel).sort()).toEqual(expect.arrayContaining(['ok-1', 'ok-2']));
    const paused = await h.database.db.select().from(schedules).where(eq(schedules.paused, true));
    expect(paused.map((s) => s.pausedReason)).toContain('the bot cannot post here (channel_not_found)');
    const [status] = await replica(clock, platform.publisher).bot.command(
      h.actor('admin', { admin: true, channel: 'gone', workspace: 'sched' }),
      'studybot',
      'status',
    );
    expect(status?.lines[0]).toBe(
      'Paused (the bot cannot post here (channel_not_found)). /studybot resume restarts it.',
    );
  });

  it('lets a channel wait out its retry without holding up the others', async () => {
    const clock = new ManualClock(new Date('2027-02-01T06:00:00Z'));
    const platform = createPlatform(clock);
    for (const c of ['stuck', 'ok-1', 'ok-2', 'ok-3']) await setup(c, '09:00 UTC', clock, platform.publisher);
    platform.failures.set('stuck', [new Error('socket hang up')]);
    let release: (() => void) | undefined;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    // One post at a time, and the stuck channel's retry wait lasts until the test says so.
    const { job } = replica(clock, platform.publisher, { concurrency: 1, sleep: () => waiting });
    clock.set('2027-02-01T09:00:00Z');
    const tick = job.tick();
    const others = async () => {
      for (let i = 0; i < 200 && platform.sent.length < 3; i++) await new Promise((r) => setTimeout(r, 25));
      return platform.sent.map((s) => s.channel).sort();
    };
    expect(await others()).toEqual(['ok-1', 'ok-2', 'ok-3']);
    release?.();
    expect((await tick).posted).toBe(4);
    expect(platform.sent.map((s) => s.channel)).toContain('stuck');
  });

  it('retries transient failures with backoff, honours Retry-After, and gives up at the end of the window', async () => {
    const clock = new ManualClock(new Date('2027-02-02T06:00:00Z'));
    const platform = createPlatform(clock);
    const sleeps: number[] = [];
    await setup('flaky', '09:00 UTC', clock, platform.publisher);
    await setup('limited', '09:00 UTC', clock, platform.publisher);
    await setup('down', '09:00 UTC', clock, platform.publisher);
    platform.failures.set('flaky', [new Error('socket hang up'), new Error('socket hang up')]);
    platform.failures.set('limited', [new PublishError('rate-limited', 'ratelimited', 7000)]);
    platform.failures.set(
      'down',
      Array.from({ length: 10_000 }, () => new PublishError('transient', 'internal_error')),
    );
    clock.set('2027-02-02T09:00:00Z');
    const report = await replica(clock, platform.publisher, { sleeps }).job.tick();
    expect(platform.sent.map((s) => s.channel).sort()).toEqual(['flaky', 'limited']);
    // Retry-After 7 s once for the rate-limited channel; 1, 2, 4 … s doubling to the 60 s cap for the rest.
    expect(sleeps.filter((ms) => ms === 7000)).toHaveLength(1);
    expect(sleeps).toEqual(expect.arrayContaining([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000]));
    expect(Math.max(...sleeps)).toBe(60_000);
    // The channel that never recovers stops retrying when its three-hour catch-up window runs out.
    expect(clock.now().getTime()).toBeLessThanOrEqual(new Date('2027-02-02T12:00:00Z').getTime());
    expect(report.failed).toBe(1);
    const failed = await h.database.db.select().from(posts).where(eq(posts.status, 'failed'));
    expect(
      failed.some((p) => /^internal_error \(gave up after \d+ attempts\)$/.test(p.lastError ?? '')),
    ).toBe(true);
  });

  it('leaves a claim interrupted by shutdown to a takeover, which posts it once', async () => {
    const clock = new ManualClock(new Date('2027-02-03T06:00:00Z'));
    const platform = createPlatform(clock);
    await setup('handover', '09:00 UTC', clock, platform.publisher);
    platform.failures.set('handover', [new Error('socket hang up')]);
    clock.set('2027-02-03T09:00:00Z');
    // The first replica's retry wait is where SIGTERM lands.
    await replica(clock, platform.publisher, { stopOnRetry: true }).job.tick();
    expect(platform.sent.filter((s) => s.channel === 'handover')).toHaveLength(0);
    const [claimed] = await h.database.db.select().from(posts).where(eq(posts.slot, '2027-02-03'));
    expect(claimed?.status).toBe('claimed');
    expect(claimed?.lastError).toBe('socket hang up');
    // Within the lease nobody takes it; after it, one replica does.
    clock.advance(60_000);
    await replica(clock, platform.publisher).job.tick();
    expect(platform.sent.filter((s) => s.channel === 'handover')).toHaveLength(0);
    clock.advance(5 * 60_000);
    await Promise.all([
      replica(clock, platform.publisher).job.tick(),
      replica(clock, platform.publisher).job.tick(),
    ]);
    expect(platform.sent.filter((s) => s.channel === 'handover')).toHaveLength(1);
  });

  it('marks an abandoned claim failed, with the reason, once the window has passed', async () => {
    const clock = new ManualClock(new Date('2027-02-04T06:00:00Z'));
    const platform = createPlatform(clock);
    await setup('orphan', '09:00 UTC', clock, platform.publisher);
    platform.failures.set('orphan', [new Error('socket hang up')]);
    clock.set('2027-02-04T09:00:00Z');
    await replica(clock, platform.publisher, { stopOnRetry: true }).job.tick();
    clock.set('2027-02-04T13:00:00Z');
    await replica(clock, platform.publisher).job.tick();
    const [row] = await h.database.db.select().from(posts).where(eq(posts.slot, '2027-02-04'));
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toBe(
      'socket hang up; not posted: its process stopped and the catch-up window passed',
    );
    expect(platform.sent.filter((s) => s.channel === 'orphan')).toHaveLength(0);
  });

  it('closes questions whose window ended and reveals them, once across replicas', async () => {
    const clock = new ManualClock(new Date('2027-02-05T06:00:00Z'));
    const platform = createPlatform(clock);
    let reveals = 0;
    platform.publisher.reveal = async () => {
      reveals++;
    };
    await setup('window', '09:00 UTC', clock, platform.publisher);
    clock.set('2027-02-05T09:00:00Z');
    await replica(clock, platform.publisher).job.tick();
    await replica(clock, platform.publisher).bot.command(
      h.actor('admin', { admin: true, channel: 'window', workspace: 'sched' }),
      'studybot',
      'pause',
    );
    clock.set('2027-02-06T09:30:00Z');
    const reports = await Promise.all([1, 2, 3].map(() => replica(clock, platform.publisher).job.tick()));
    expect(reports.reduce((n, r) => n + r.closed, 0)).toBe(1);
    expect(reveals).toBe(1);
  });
});
