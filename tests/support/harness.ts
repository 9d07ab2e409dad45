import type { Actor, Platform } from '../../src/core/actor.js';
import { createBot } from '../../src/core/bot.js';
import type { Clock } from '../../src/core/clock.js';
import { type Catalog, loadCatalog } from '../../src/core/content/catalog.js';
import type { ChannelAddress, ChannelPublisher } from '../../src/core/publishing/publisher.port.js';
import { createPublisherRegistry } from '../../src/core/publishing/publisher.registry.js';
import type { Reply } from '../../src/core/replies.js';
import { createStores } from '../../src/db/stores.js';
import { fixtureContent } from './paths.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface PostedMessage {
  ref: string;
  channel: ChannelAddress;
  reply: Reply;
  updated?: Reply;
  reveal?: Reply;
}

/** A stand-in for a chat platform's channel: it records what the core posts and reveals. */
export function createRecordingPublisher(): ChannelPublisher & {
  messages: PostedMessage[];
  failNext: number;
} {
  const messages: PostedMessage[] = [];
  const publisher = {
    messages,
    failNext: 0,
    async post(channel: ChannelAddress, reply: Reply) {
      if (publisher.failNext > 0) {
        publisher.failNext -= 1;
        throw new Error('platform refused the post');
      }
      const ref = `m${messages.length + 1}`;
      messages.push({ ref, channel, reply });
      return ref;
    },
    async reveal(_channel: ChannelAddress, ref: string, updated: Reply, reveal: Reply) {
      const message = messages.find((m) => m.ref === ref);
      if (!message) throw new Error(`no message ${ref}`);
      message.updated = updated;
      message.reveal = reveal;
    },
  };
  return publisher;
}

export const silentLog = { warn: () => undefined, info: () => undefined };

export interface Harness {
  database: TestDatabase;
  catalog: Catalog;
  clock: ManualClock;
  publisher: ReturnType<typeof createRecordingPublisher>;
  bot: ReturnType<typeof createBot>;
  actor(
    name: string,
    options?: { workspace?: string; channel?: string; admin?: boolean; platform?: Platform },
  ): Actor;
  /** The same core on the same database, as after a restart. */
  restart(catalog?: Catalog): ReturnType<typeof createBot>;
  close(): Promise<void>;
}

export async function createHarness(
  options: { contentDir?: string; now?: string; poolMax?: number } = {},
): Promise<Harness> {
  const database = await createTestDatabase(options.poolMax ? { poolMax: options.poolMax } : {});
  const catalog = await loadCatalog(options.contentDir ?? fixtureContent);
  const clock = new ManualClock(new Date(options.now ?? '2026-11-23T10:00:00Z'));
  const publisher = createRecordingPublisher();
  const publishers = createPublisherRegistry();
  publishers.register('console', publisher);
  publishers.register('slack', publisher);
  const make = (c: Catalog) =>
    createBot({
      ...createStores({ database }),
      catalog: c,
      publishers,
      clock,
      settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
      log: silentLog,
    });
  return {
    database,
    catalog,
    clock,
    publisher,
    bot: make(catalog),
    restart: (c = catalog) => make(c),
    actor: (name, o = {}) => ({
      platform: o.platform ?? 'console',
      workspaceId: o.workspace ?? 'w1',
      channelId: o.channel ?? 'c1',
      userId: `u-${name}`,
      userName: name,
      isAdmin: o.admin ?? false,
    }),
    close: () => database.close(),
  };
}

/** The `answer:<post>:<letter>` action of the latest question posted in a channel. */
export function answerActionOf(h: Harness, letter: string, channel = 'c1'): string {
  const message = [...h.publisher.messages].reverse().find((m) => m.channel.channelExternalId === channel);
  const button = message?.reply.buttons?.find((b) => b.label === letter);
  if (!button) throw new Error(`no button ${letter} in channel ${channel}`);
  return button.actionId;
}

/** The question id behind a posted message (its answer buttons carry the post id). */
export const postIdOf = (actionId: string): number => Number(actionId.split(':')[1]);

/** A publisher registry holding the given platforms' publishers (what the app's adapters register). */
export function publishersWith(entries: [Platform, ChannelPublisher][]) {
  const registry = createPublisherRegistry();
  for (const [platform, publisher] of entries) registry.register(platform, publisher);
  return registry;
}
