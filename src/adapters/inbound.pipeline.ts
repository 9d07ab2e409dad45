/**
 * The one inbound pipeline every adapter (Slack, Discord, console) hands its events to, once parsed: who is
 * acting, the core, and the replies back, with timing, in-flight tracking for a clean shutdown, and the one
 * place where failures are caught, logged with their cause and answered privately. Adapters keep only
 * parsing (payload → request and actor) and rendering (reply → platform message).
 */

import pLimit from 'p-limit';
import { actionKind } from '../core/actions.js';
import type { Actor, Platform } from '../core/actor.js';
import type { Bot } from '../core/bot.js';
import { replyForError } from '../core/errors.js';
import { DELIVERY_MEMORY_MS, type DeliveriesPort } from '../core/inbound/deliveries.port.js';
import type { RefusalCode } from '../core/refusals.js';
import { refusal } from '../core/refusals.js';
import type { Reply, Visibility } from '../core/replies.js';
import type { Logger } from '../logger.js';
import { createInFlight } from './in-flight.js';

export type InboundRequest =
  | { kind: 'command'; name: string; text: string }
  | { kind: 'action'; actionId: string }
  /** "Explain terms in this message": the message's text (user text, never echoed). */
  | { kind: 'explain-text'; text: string }
  /** The member opened (or a button of) their home page: build it fresh. */
  | { kind: 'home' }
  /** A submitted form's values by field name. */
  | { kind: 'form'; formId: string; values: Record<string, string | undefined> }
  /** A submitted form (a Slack or Discord modal, the console's typed answer): its id and values by field. */
  | { kind: 'submit'; formId: string; values: Record<string, string> };

/** One event of one adapter, already acknowledged to its platform where the platform needs that first. */
export interface InboundEvent<M> {
  platform: Platform;
  /**
   * The platform's id of this delivery (Slack's trigger_id, Discord's interaction id, the console's line
   * number): a redelivery of the same event carries the same id.
   */
  deliveryId: string;
  request: InboundRequest;
  /** Fields that identify the event in logs (ids, never user text). */
  about: Record<string, unknown>;
  /**
   * Who is acting, where. `freshRole`: the command checks the admin role, so ask the platform now. Throws a
   * StudybotError to refuse (no channel, a direct message, the role lookup failed).
   */
  actor(freshRole: boolean): Promise<Actor>;
  /**
   * Called before the core runs, with where the first reply will go and whether the command answers from
   * memory at once: Discord defers the interaction here.
   */
  prepare?(plan: { visibility: Visibility; immediate: boolean }): Promise<void>;
  render(reply: Reply): M;
  /** Sends the rendered replies, in order, each where its `reply.visibility` says. */
  send(replies: { reply: Reply; message: M }[]): Promise<void>;
}

/** What the pipeline reports after each event (metrics count these). */
export interface HandledEvent {
  platform: Platform;
  deliveryId: string;
  /** The command's registry name, `unknown`, or `button:<kind>`: never raw user text. */
  name: string;
  /**
   * `redelivered`: the platform sent an event already accepted, so nothing was done or sent again; `busy`:
   * more work was in flight than the bound allows, so the user was told to press again and nothing ran.
   */
  outcome: 'ok' | 'error' | 'redelivered' | 'busy';
  seconds: number;
  /** Codes of the refusals and errors among the replies. */
  codes: RefusalCode[];
}

export interface InboundObserver {
  handled(event: HandledEvent): void;
}

export type InboundPipeline = ReturnType<typeof createInboundPipeline>;

/** How much accepted work the pipeline runs at once, and how much may wait for a place (INBOUND_*). */
export interface InboundLimits {
  /** Events run at once (database work, platform replies). */
  concurrency: number;
  /** Events that may wait for a place; one more is refused with BUSY, and nothing of it runs. */
  queue: number;
}

/** What an adapter passes through to its pipeline from the app: the redelivery memory and the bound. */
export interface InboundSettings {
  /** Accepted deliveries, so a redelivered command or click is acted on once (across replicas). */
  deliveries?: DeliveriesPort;
  /** Unset: unbounded (tests that send one event at a time). */
  limits?: InboundLimits;
}

export interface InboundPipelineOptions extends InboundSettings {
  bot: Bot;
  logger: Logger;
  observer?: InboundObserver;
  now?: () => Date;
}

export function createInboundPipeline(options: InboundPipelineOptions) {
  const { bot, observer, deliveries } = options;
  const now = options.now ?? (() => new Date());
  const log = options.logger.child({ module: 'inbound' });
  const inFlight = createInFlight();
  const limit = options.limits ? pLimit(options.limits.concurrency) : undefined;
  const queueMax = options.limits?.queue ?? 0;

  const nameOf = (request: InboundRequest): string => {
    switch (request.kind) {
      case 'action':
        return `button:${actionKind(request.actionId)}`;
      case 'command':
        return bot.commands.find(request.name)?.name ?? 'unknown';
      case 'form':
        return request.formId === 'setup' ? 'form:setup' : 'form:unknown';
      case 'submit':
        return `form:${actionKind(request.formId)}`;
      default:
        return request.kind;
    }
  };

  /** Requests other than commands: who acts (a fresh role where admins see more), then the core. */
  async function runOther<M>(event: InboundEvent<M>, request: Exclude<InboundRequest, { kind: 'command' }>) {
    const fresh = request.kind === 'home' || request.kind === 'form';
    const actor = await event.actor(fresh);
    // A button that opens a form is answered with it at once (Discord's modal cannot follow a deferral).
    const immediate =
      request.kind === 'explain-text' || (request.kind === 'action' && bot.opensForm(request.actionId));
    await event.prepare?.({ visibility: 'only-user', immediate });
    switch (request.kind) {
      case 'action':
        return answersOnce(event)
          ? bot.action(actor, request.actionId, deliveryOf(event))
          : bot.action(actor, request.actionId);
      case 'explain-text':
        return bot.explainText(actor, request.text);
      case 'home':
        return bot.home(actor);
      case 'form':
        return bot.submitForm(actor, request.formId, request.values);
      case 'submit':
        return bot.submit(actor, request.formId, request.values);
    }
  }

  async function run<M>(
    event: InboundEvent<M>,
  ): Promise<{ replies: Reply[]; outcome: 'ok' | 'error' | 'redelivered' }> {
    const { request } = event;
    try {
      if (request.kind !== 'command') {
        const replies = await runOther(event, request);
        // The core found the press already accepted (see answersOnce): nothing was done, nothing is sent.
        if (replies.some((r) => r.code === 'REDELIVERED')) return { replies: [], outcome: 'redelivered' };
        return { replies, outcome: 'ok' };
      }
      const actor = await event.actor(bot.commands.needsFreshRole(request.name));
      await event.prepare?.({
        visibility: bot.commands.replyVisibility(actor, request.name, request.text),
        immediate: bot.commands.isImmediate(request.name),
      });
      return { replies: await bot.command(actor, request.name, request.text), outcome: 'ok' };
    } catch (error) {
      log.error(
        { ...event.about, platform: event.platform, err: error },
        `handling a ${event.platform} event failed`,
      );
      return { replies: [replyForError(error, event.platform)], outcome: 'error' };
    }
  }

  /**
   * Answers to the daily question remember their delivery in the answer's own statement (one round trip
   * per click instead of two): the pipeline hands the delivery to the core instead of checking it first.
   */
  const answersOnce = <M>(event: InboundEvent<M>): boolean =>
    deliveries !== undefined &&
    event.deliveryId !== '' &&
    event.request.kind === 'action' &&
    actionKind(event.request.actionId) === 'answer';

  const deliveryOf = <M>(event: InboundEvent<M>) => ({
    platform: event.platform,
    id: event.deliveryId,
    expiresAt: new Date(now().getTime() + DELIVERY_MEMORY_MS),
  });

  /**
   * True when this delivery is new (act on it); false for a redelivery of one already accepted. Without a
   * delivery id, or when the memory cannot be reached, the event is treated as new (and logged): the
   * database work behind it keeps answers and posts exactly-once anyway where that matters most.
   */
  async function firstDelivery<M>(event: InboundEvent<M>): Promise<boolean> {
    if (!deliveries || event.deliveryId === '' || answersOnce(event)) return true;
    const at = now();
    try {
      return await deliveries.remember(
        event.platform,
        event.deliveryId,
        at,
        new Date(at.getTime() + DELIVERY_MEMORY_MS),
      );
    } catch (error) {
      log.warn({ ...event.about, err: error }, 'could not check for a redelivery; handling the event');
      return true;
    }
  }

  async function sendAll<M>(event: InboundEvent<M>, replies: Reply[]): Promise<void> {
    try {
      await event.send(replies.map((reply) => ({ reply, message: event.render(reply) })));
    } catch (error) {
      log.warn({ ...event.about, platform: event.platform, err: error }, 'could not send the replies');
    }
  }

  function report<M>(event: InboundEvent<M>, outcome: HandledEvent['outcome'], replies: Reply[], t0: number) {
    const seconds = (performance.now() - t0) / 1000;
    const codes = replies.flatMap((r) => (r.code ? [r.code] : []));
    const name = nameOf(event.request);
    observer?.handled({
      platform: event.platform,
      deliveryId: event.deliveryId,
      name,
      outcome,
      seconds,
      codes,
    });
    log.debug({ ...event.about, name, outcome, codes, ms: Math.round(seconds * 1000) }, 'handled');
  }

  async function handle<M>(event: InboundEvent<M>, startedAt: number): Promise<void> {
    if (!(await firstDelivery(event))) {
      log.info({ ...event.about, platform: event.platform }, 'ignored a redelivery of an accepted event');
      report(event, 'redelivered', [], startedAt);
      return;
    }
    const { replies, outcome } = await run(event);
    if (outcome === 'redelivered')
      log.info({ ...event.about, platform: event.platform }, 'ignored a redelivery of an accepted event');
    await sendAll(event, replies);
    report(event, outcome, replies, startedAt);
  }

  /** Beyond the bound: tell the user at once that nothing was done, and run none of it. */
  async function refuseBusy<M>(event: InboundEvent<M>, startedAt: number): Promise<void> {
    const replies = [refusal('BUSY')];
    log.warn({ ...event.about, platform: event.platform, admitted }, 'busy: refused');
    await sendAll(event, replies);
    report(event, 'busy', replies, startedAt);
  }

  /** Events admitted and not yet settled (running or waiting for a place). */
  let admitted = 0;

  async function admit<M>(event: InboundEvent<M>): Promise<void> {
    const startedAt = performance.now();
    if (!limit) return handle(event, startedAt);
    // Counted here, synchronously, so a burst arriving in one tick cannot slip past the bound.
    if (admitted >= limit.concurrency + queueMax) return refuseBusy(event, startedAt);
    admitted++;
    try {
      await limit(() => handle(event, startedAt));
    } finally {
      admitted--;
    }
  }

  return {
    /**
     * Handles one event: acted on once (a redelivery is dropped), within the bound of work in flight (beyond
     * it the user hears BUSY); tracked until it settles, so `drain` can wait for it on shutdown.
     */
    handle: <M>(event: InboundEvent<M>): Promise<void> => inFlight.track(admit(event)),
    /** Waits for accepted events, at most `timeoutMs`; true when all of them settled. */
    drain: (timeoutMs: number) => inFlight.drain(timeoutMs),
    get pending(): number {
      return inFlight.size;
    },
  };
}
