/**
 * The inbound pipeline's rules for every adapter (issue 12): a delivery is acted on once, button answers
 * are idempotent even without that memory, and work beyond the bound is refused honestly with BUSY.
 */
import { describe, expect, it } from 'vitest';
import {
  createInboundPipeline,
  type InboundEvent,
  type InboundRequest,
} from '../../../src/adapters/inbound.pipeline.js';
import type { Actor } from '../../../src/core/actor.js';
import type { Reply } from '../../../src/core/replies.js';
import { suiteLogger } from '../../support/log-sink.js';
import { createMemoryDeliveries } from '../../support/memory/deliveries.memory.js';
import { buttonOf, createMemoryHarness } from '../../support/memory-harness.js';
import { createRecordingObserver } from '../../support/recording-observer.js';

function eventOf(actor: Actor, request: InboundRequest, deliveryId: string, sent: Reply[][]) {
  return {
    platform: 'console',
    deliveryId,
    request,
    about: {},
    actor: async () => actor,
    render: (reply: Reply) => reply,
    async send(replies) {
      sent.push(replies.map((r) => r.reply));
    },
  } satisfies InboundEvent<Reply>;
}

/** A bot in memory behind a pipeline that remembers deliveries, with an observer of what it reports. */
async function withDeliveryMemory() {
  const h = await createMemoryHarness();
  const observer = createRecordingObserver();
  const deliveries = createMemoryDeliveries();
  const pipeline = createInboundPipeline({ bot: h.bot, logger: suiteLogger(), observer, deliveries });
  return { h, observer, pipeline };
}

describe('the inbound pipeline', () => {
  it('acts on a delivery once: a redelivery is reported and nothing runs or is sent', async () => {
    const { h, observer, pipeline } = await withDeliveryMemory();
    const admin = h.actor('ada', { admin: true });
    const sent: Reply[][] = [];
    const post = eventOf(admin, { kind: 'command', name: 'studybot', text: 'post' }, 'd-1', sent);
    await pipeline.handle(post);
    await pipeline.handle(post);
    expect(observer.events.map((e) => e.outcome)).toEqual(['ok', 'redelivered']);
    expect(h.publisher.messages.filter((m) => m.reply.kind === 'question')).toHaveLength(1);
    expect(sent).toHaveLength(1);
  });

  it('records a button answer once even without the delivery memory: the same click twice is ALREADY_ANSWERED', async () => {
    // Button answers were already idempotent before the delivery memory: the answers table's primary key
    // (post, member) turns a second click, redelivered or new, into no row and no points.
    const h = await createMemoryHarness();
    const observer = createRecordingObserver();
    const pipeline = createInboundPipeline({ bot: h.bot, logger: suiteLogger(), observer });
    await h.say(h.actor('ada', { admin: true }), 'studybot', 'post');
    const bo = h.actor('bo');
    const sent: Reply[][] = [];
    const click = eventOf(bo, { kind: 'action', actionId: buttonOf(h, 'A') }, 'd-2', sent);
    await pipeline.handle(click);
    await pipeline.handle(click);
    expect(observer.events.map((e) => e.codes)).toEqual([[], ['ALREADY_ANSWERED']]);
    const board = await h.say(bo, 'leaderboard', 'all');
    expect(board.lines.filter((l) => l.includes('bo:'))).toHaveLength(1);
    expect(board.lines.join('\n')).toMatch(/bo: (0|10) pts \(\d\/1 right\)/);
  });

  it('remembers an answer click in the answer itself: a redelivery, even of a refusal, is sent nothing', async () => {
    const { h, observer, pipeline } = await withDeliveryMemory();
    await h.say(h.actor('ada', { admin: true }), 'studybot', 'post');
    const sent: Reply[][] = [];
    const click = eventOf(h.actor('bo'), { kind: 'action', actionId: buttonOf(h, 'A') }, 'd-3', sent);
    await pipeline.handle(click);
    await pipeline.handle(click);
    // A letter the question does not have is refused before the answer's statement; still sent once.
    const bad = buttonOf(h, 'A').replace(/:A$/, ':E');
    const refused = eventOf(h.actor('cy'), { kind: 'action', actionId: bad }, 'd-4', sent);
    await pipeline.handle(refused);
    await pipeline.handle(refused);
    expect(observer.events.map((e) => [e.outcome, e.codes])).toEqual([
      ['ok', []],
      ['redelivered', []],
      ['ok', ['CHOICE_INVALID']],
      ['redelivered', []],
    ]);
    // A redelivery sends no reply (the empty send lets Discord remove its "thinking…" deferral).
    expect(sent.map((replies) => replies.map((r) => r.code ?? 'verdict'))).toEqual([
      ['verdict'],
      [],
      ['CHOICE_INVALID'],
      [],
    ]);
    const board = await h.say(h.actor('bo'), 'leaderboard', 'all');
    expect(board.lines.join('\n')).toMatch(/bo: (0|10) pts \(\d\/1 right\)/);
  });

  it('refuses work beyond the bound at once with BUSY, and records nothing of it', async () => {
    const h = await createMemoryHarness();
    const observer = createRecordingObserver();
    const pipeline = createInboundPipeline({
      bot: h.bot,
      logger: suiteLogger(),
      observer,
      limits: { concurrency: 1, queue: 1 },
    });
    await h.say(h.actor('ada', { admin: true }), 'studybot', 'post');
    const action = buttonOf(h, 'A');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent: Reply[][] = [];
    // The first click holds the only place (its actor lookup waits); the second waits in the queue.
    const slow = { ...eventOf(h.actor('ann'), { kind: 'action', actionId: action }, 'b-1', sent) };
    slow.actor = async () => {
      await gate;
      return h.actor('ann');
    };
    const first = pipeline.handle(slow);
    const queued = pipeline.handle(eventOf(h.actor('bo'), { kind: 'action', actionId: action }, 'b-2', sent));
    // The third is beyond the bound: told at once, before the others finish, and nothing of it runs.
    await pipeline.handle(eventOf(h.actor('cy'), { kind: 'action', actionId: action }, 'b-3', sent));
    expect(observer.events.map((e) => [e.deliveryId, e.outcome, e.codes])).toEqual([
      ['b-3', 'busy', ['BUSY']],
    ]);
    expect(sent[0]?.[0]?.lines[0]).toContain('nothing was recorded. Please press again');
    release();
    await Promise.all([first, queued]);
    expect(observer.events.map((e) => e.outcome)).toEqual(['busy', 'ok', 'ok']);
    const board = (await h.say(h.actor('ada', { admin: true }), 'leaderboard', 'all')).lines.join('\n');
    expect(board).toContain('ann:');
    expect(board).toContain('bo:');
    expect(board).not.toContain('cy:');
    // Pressing again once the burst is over works.
    await pipeline.handle(eventOf(h.actor('cy'), { kind: 'action', actionId: action }, 'b-4', sent));
    expect(observer.events.at(-1)?.outcome).toBe('ok');
  });
});
