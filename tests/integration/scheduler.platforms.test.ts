import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPublisher } from '../../src/adapters/discord/discord.publisher.js';
import { restOptions } from '../../src/adapters/discord/discord.rest.js';
import { createPublisherClient, createSlackPublisher } from '../../src/adapters/slack/slack.publisher.js';
import type { Platform } from '../../src/core/actor.js';
import { createBot } from '../../src/core/bot.js';
import { systemClock } from '../../src/core/clock.js';
import { loadCatalog } from '../../src/core/content/catalog.js';
import type { ChannelPublisher } from '../../src/core/publishing/publisher.port.js';
import { createStores } from '../../src/db/stores.js';
import { createDailyPostJob } from '../../src/scheduler/daily-post.job.js';
import { createFakeDiscord, type FakeDiscord } from '../support/fake-discord.js';
import { createFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { publishersWith, silentLog } from '../support/harness.js';
import { suiteLogger } from '../support/log-sink.js';
import { fixtureContent } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';
import { SLACK_BOT_TOKEN } from '../support/test-secrets.js';

const logger = suiteLogger();
let database: TestDatabase;
let slack: FakeSlack;
let discord: FakeDiscord;

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await createFakeSlack({ botToken: SLACK_BOT_TOKEN });
  discord = await createFakeDiscord();
});
afterAll(async () => {
  await slack.close();
  await discord.close();
  await database.close();
});

/**
 * A scheduled channel whose slot is due now, posted by the real daily-post job through a platform's real
 * publisher; `waits` records each backoff the job asked for (it really waits them).
 */
async function postDueSlot(
  platform: Platform,
  publisher: ChannelPublisher,
  workspace: string,
  channel: string,
) {
  const store = createStores({ database });
  const bot = createBot({
    ...store,
    catalog: await loadCatalog(fixtureContent),
    publishers: publishersWith([[platform, publisher]]),
    clock: systemClock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silentLog,
  });
  const actor = {
    platform,
    workspaceId: workspace,
    channelId: channel,
    userId: 'U1',
    userName: 'admin',
    isAdmin: true,
  };
  const { workspace: ws } = await store.members.ensureMember(actor, 'UTC');
  const row = await store.channels.ensureChannel(ws.id, channel, 'sample');
  const now = new Date();
  const hhmm = now.toISOString().slice(11, 16);
  // Set up an hour ago for this very minute: the slot is due at once.
  await store.schedules.upsertSchedule({
    channelId: row.id,
    timeOfDay: hhmm,
    timezone: 'UTC',
    days: 'daily',
    at: new Date(now.getTime() - 3_600_000),
  });
  const waits: number[] = [];
  const job = createDailyPostJob({
    stores: store,
    quiz: bot.quiz,
    clock: systemClock,
    logger,
    settings: { graceMs: 3 * 3_600_000, concurrency: 4, backoffMs: 1000, maxBackoffMs: 60_000 },
    sleep: (ms, signal) => {
      waits.push(ms);
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  });
  const report = await job.tick();
  return { report, waits };
}

describe('the scheduler against the platforms, rate limited', () => {
  it("honours Slack's 429 Retry-After and posts once", async () => {
    const publisher = createSlackPublisher({
      client: createPublisherClient({ botToken: SLACK_BOT_TOKEN, apiUrl: slack.apiUrl, logger: undefined }),
      logger,
    });
    slack.once('chat.postMessage', { status: 429, retryAfter: 1 });
    const { report, waits } = await postDueSlot('slack', publisher, slack.teamId, 'C0LIMITED1');
    expect(report.posted).toBe(1);
    expect(waits).toEqual([1000]);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0LIMITED1')).toHaveLength(
      2,
    );
    expect(slack.messages.filter((m) => m.channel === 'C0LIMITED1')).toHaveLength(1);
  });

  it("honours Discord's 429 Retry-After and posts once", async () => {
    const rest = new REST(restOptions({ apiUrl: discord.apiUrl })).setToken(discord.token);
    const publisher = createDiscordPublisher(rest, logger);
    discord.rateLimitNext(new RegExp(`^/channels/${discord.channelId}/messages$`), 1);
    const { report, waits } = await postDueSlot('discord', publisher, discord.guildId, discord.channelId);
    expect(report.posted).toBe(1);
    // discord.js reports the time left until the bucket resets: Retry-After plus its small safety offset.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(900);
    expect(waits[0]).toBeLessThanOrEqual(1500);
    const posts = discord.calls.filter(
      (c) => c.method === 'POST' && c.path === `/channels/${discord.channelId}/messages`,
    );
    expect(posts.filter((c) => c.status === 429)).toHaveLength(1);
    expect(posts.filter((c) => c.status === 200)).toHaveLength(1);
  });
});
