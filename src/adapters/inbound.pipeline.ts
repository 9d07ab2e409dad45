/**
 * The one inbound pipeline every adapter (Slack, Discord, console) hands its events to, once parsed: who is
 * acting, the core, and the replies back, with timing, in-flight tracking for a clean shutdown, and the one
 * place where failures are caught, logged with their cause and answered privately. Adapters keep only
 * parsing (payload → request and actor) and rendering (reply → platform message).
 */
import { actionKind } from '../core/actions.js';
import type { Actor, Platform } from '../core/actor.js';
import type { Bot } from '../core/bot.js';
import { replyForError } from '../core/errors.js';
import type { RefusalCode } from '../core/refusals.js';
import type { Reply, Visibility } from '../core/replies.js';
import type { Logger } from '../logger.js';
import { createInFlight } from './in-flight.js';

export type InboundRequest =
  | { kind: 'command'; name: string; text: string }
  | { kind: 'action'; actionId: string };

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
  outcome: 'ok' | 'error';
  seconds: number;
  /** Codes of the refusals and errors among the replies. */
  codes: RefusalCode[];
}

export interface InboundObserver {
  handled(event: HandledEvent): void;
}

export type InboundPipeline = ReturnType<typeof createInboundPipeline>;

export function createInboundPipeline(options: { bot: Bot; logger: Logger; observer?: InboundObserver }) {
  const { bot, observer } = options;
  const log = options.logger.child({ module: 'inbound' });
  const inFlight = createInFlight();

  const nameOf = (request: InboundRequest): string =>
    request.kind === 'action'
      ? `button:${actionKind(request.actionId)}`
      : (bot.commands.find(request.name)?.name ?? 'unknown');

  async function run<M>(event: InboundEvent<M>): Promise<{ replies: Reply[]; outcome: 'ok' | 'error' }> {
    const { request } = event;
    try {
      if (request.kind === 'action') {
        const actor = await event.actor(false);
        await event.prepare?.({ visibility: 'only-user', immediate: false });
        return { replies: await bot.action(actor, request.actionId), outcome: 'ok' };
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

  async function handle<M>(event: InboundEvent<M>): Promise<void> {
    const startedAt = performance.now();
    const { replies, outcome } = await run(event);
    try {
      await event.send(replies.map((reply) => ({ reply, message: event.render(reply) })));
    } catch (error) {
      log.warn({ ...event.about, platform: event.platform, err: error }, 'could not send the replies');
    }
    const seconds = (performance.now() - startedAt) / 1000;
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
    log.debug({ ...event.about, name, codes, ms: Math.round(seconds * 1000) }, 'handled');
  }

  return {
    /** Handles one event; tracked until it settles, so `drain` can wait for it on shutdown. */
    handle: <M>(event: InboundEvent<M>): Promise<void> => inFlight.track(handle(event)),
    /** Waits for accepted events, at most `timeoutMs`; true when all of them settled. */
    drain: (timeoutMs: number) => inFlight.drain(timeoutMs),
    get pending(): number {
      return inFlight.size;
    },
  };
}
