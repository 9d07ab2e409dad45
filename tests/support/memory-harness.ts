/**
 * The core on in-memory ports: the real bot, registry and rules, with storage in plain arrays, a clock the
 * test moves and a recording publisher. For fast rule tests; tests/integration/ proves the SQL.
 */
import type { Actor } from '../../src/core/actor.js';
import { type Bot, createBot } from '../../src/core/bot.js';
import { type Catalog, loadCatalog } from '../../src/core/content/catalog.js';
import type { Reply } from '../../src/core/replies.js';
import { createRecordingPublisher, ManualClock, publishersWith, silentLog } from './harness.js';
import { createMemoryStores } from './memory/memory.stores.js';
import { fixtureContent } from './paths.js';

export interface MemoryHarness {
  bot: Bot;
  catalog: Catalog;
  clock: ManualClock;
  stores: ReturnType<typeof createMemoryStores>;
  publisher: ReturnType<typeof createRecordingPublisher>;
  actor(name: string, options?: { channel?: string; admin?: boolean; workspace?: string }): Actor;
  /** The first reply of a command. */
  say(actor: Actor, command: string, text?: string): Promise<Reply>;
  /** The first reply of a button press. */
  press(actor: Actor, actionId: string): Promise<Reply>;
}

let catalog: Catalog | undefined;

export async function createMemoryHarness(
  now = '2026-11-23T10:00:00Z',
  own?: Catalog,
): Promise<MemoryHarness> {
  catalog ??= await loadCatalog(fixtureContent);
  const decks = own ?? catalog;
  const clock = new ManualClock(new Date(now));
  const stores = createMemoryStores(() => clock.now());
  const publisher = createRecordingPublisher();
  const bot = createBot({
    ...stores,
    catalog: decks,
    publishers: publishersWith([['console', publisher]]),
    clock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silentLog,
  });
  const first = (replies: Reply[]) => {
    const [reply] = replies;
    if (!reply) throw new Error('no reply');
    return reply;
  };
  return {
    bot,
    catalog: decks,
    clock,
    stores,
    publisher,
    actor: (name, o = {}) => ({
      platform: 'console',
      workspaceId: o.workspace ?? 'w1',
      channelId: o.channel ?? 'c1',
      userId: `u-${name}`,
      userName: name,
      isAdmin: o.admin ?? false,
    }),
    say: async (actor, command, text = '') => first(await bot.command(actor, command, text)),
    press: async (actor, actionId) => first(await bot.action(actor, actionId)),
  };
}

/** The action id of button `label` on the latest question posted in a channel. */
export function buttonOf(h: MemoryHarness, label: string, channel = 'c1'): string {
  const message = [...h.publisher.messages].reverse().find((m) => m.channel.channelExternalId === channel);
  const button = message?.reply.buttons?.find((b) => b.label === label);
  if (!button) throw new Error(`no button ${label} in channel ${channel}`);
  return button.actionId;
}
