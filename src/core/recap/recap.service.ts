import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { CoreDeps } from '../core.deps.js';
import { classifyPublishFailure } from '../publishing/publish-failure.js';
import { addressOf, publisherFor } from '../publishing/publisher.lookup.js';
import { ImageRefusedError } from '../publishing/publisher.port.js';
import type { ReadinessService } from '../readiness/readiness.service.js';
import type { Reply, ReplyImage } from '../replies.js';
import { isDayWord } from '../schedule/days.js';
import { slotsBetween } from '../schedule/slots.js';
import type { ChannelRow } from '../workspace/channels.port.js';
import type { WorkspaceRow } from '../workspace/members.port.js';
import { type RecapFigures, recapFigures } from './recap.figures.js';
import { chartAltText, chartData, recapReply } from './recap.replies.js';

export type RecapDeps = Pick<
  CoreDeps,
  'catalog' | 'members' | 'channels' | 'schedules' | 'recaps' | 'publishers' | 'clock' | 'log' | 'settings'
> &
  Partial<Pick<CoreDeps, 'charts'>>;

/** A claimed recap not finished within this long (its process died) may be taken over by another replica. */
export const RECAP_LEASE_MS = 5 * 60_000;

export type RecapOutcome =
  | { kind: 'posted'; imagePosted: boolean; figures: RecapFigures; messageRef: string }
  | { kind: 'already' };

/** A channel's weekly recap day, when it has one (`mon`…`sun`); `off` and never-set are none. */
export const recapDayOf = (channel: ChannelRow): string | undefined =>
  channel.recapDay && isDayWord(channel.recapDay) ? channel.recapDay : undefined;

/**
 * Weekly recaps: the scheduler's pass (each channel's recap day, at its post time in its zone, claimed once
 * across replicas like a daily slot) and `/studybot recap`. The chart goes as a picture when the platform
 * takes it, else drawn with characters in the message.
 */
export function createRecapService(deps: RecapDeps, readiness: Pick<ReadinessService, 'refreshTeam'>) {
  const { catalog, recaps, clock, log } = deps;

  /** The chart of `figures` as a picture; undefined (and logged) when it cannot be drawn. */
  async function chartImage(figures: RecapFigures, day: string): Promise<ReplyImage | undefined> {
    if (!deps.charts || figures.readiness.objectives.length === 0) return undefined;
    try {
      const image = await deps.charts.readinessChart(chartData(figures));
      return {
        ...image,
        filename: `studybot-recap-${day}.png`,
        title: 'Team readiness per exam objective, this week and last',
        altText: chartAltText(figures),
      };
    } catch (error) {
      log.warn({ err: error }, 'the recap chart could not be drawn; posting the text version');
      return undefined;
    }
  }

  /** Posts the recap with its picture, or with the character chart when the platform refuses the picture. */
  async function send(channel: ChannelRow, workspace: WorkspaceRow, figures: RecapFigures, now: Date) {
    const publisher = publisherFor(deps.publishers, workspace.platform);
    const address = addressOf(workspace, channel);
    const image = await chartImage(figures, now.toISOString().slice(0, 10));
    if (image) {
      try {
        const reply: Reply = { ...recapReply(figures, workspace.timezone, false), image };
        return { messageRef: await publisher.post(address, reply), imagePosted: true };
      } catch (error) {
        if (!(error instanceof ImageRefusedError)) throw error;
        log.warn(
          { channelId: channel.id, reason: error.message },
          'recap picture refused; posting text bars',
        );
      }
    }
    const messageRef = await publisher.post(address, recapReply(figures, workspace.timezone, true));
    return { messageRef, imagePosted: false };
  }

  /** Claims (channel, slot) and posts its recap; `already` when another replica (or an earlier run) has it. */
  async function post(channel: ChannelRow, workspace: WorkspaceRow, slot: string): Promise<RecapOutcome> {
    const now = clock.now();
    const claim = await recaps.claimRecap({
      channelId: channel.id,
      slot,
      now,
      leaseUntil: new Date(now.getTime() + RECAP_LEASE_MS),
    });
    if (claim.kind === 'taken') return { kind: 'already' };
    try {
      const deck = catalog.deckFor(channel.deckId);
      const scope = { channelId: channel.id, workspaceId: workspace.id, deckId: deck.meta.id };
      const team = await readiness.refreshTeam(scope, deck, now);
      const figures = await recapFigures({ recaps, channel, deck, team, now });
      const sent = await send(channel, workspace, figures, now);
      await recaps.finishRecap(claim.id, { status: 'posted', at: now, data: figures, ...sent });
      log.info({ channelId: channel.id, slot, imagePosted: sent.imagePosted }, 'posted the weekly recap');
      return { kind: 'posted', figures, ...sent };
    } catch (error) {
      const { reason } = classifyPublishFailure(error);
      await recaps.finishRecap(claim.id, { status: 'failed', at: clock.now(), error: reason });
      throw error;
    }
  }

  return {
    post,

    /**
     * The scheduler's pass: every active schedule whose channel has a recap day gets that day's recap at its
     * post time, if it is due within `graceMs` (a recap missed for longer is not posted late). Returns counts.
     */
    async postDue(graceMs: number): Promise<{ posted: number; failed: number }> {
      const now = clock.now();
      let posted = 0;
      let failed = 0;
      for (const { schedule, channel, workspace } of await deps.schedules.activeSchedules()) {
        const day = recapDayOf(channel);
        if (!day) continue;
        const from = new Date(Math.max(schedule.updatedAt.getTime(), now.getTime() - graceMs));
        const slot = slotsBetween({ ...schedule, days: day }, from, now).at(-1);
        if (!slot) continue;
        try {
          if ((await post(channel, workspace, `recap:${slot.key}`)).kind === 'posted') posted++;
        } catch (error) {
          failed++;
          log.warn({ err: error, channelId: channel.id, slot: slot.key }, 'weekly recap not posted');
        }
      }
      return { posted, failed };
    },

    /** `/studybot recap`: this week's recap in the actor's channel, now. */
    async recapNow(actor: Actor): Promise<RecapOutcome> {
      const { workspace } = await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
      const channel = await deps.channels.ensureChannel(
        workspace.id,
        actor.channelId,
        catalog.deckFor(undefined).meta.id,
      );
      return post(channel, workspace, `manual:${clock.now().toISOString()}:${randomUUID().slice(0, 8)}`);
    },

    /** Turns the weekly recap on (`day`) in the actor's channel unless an admin ever set it: the console demo. */
    async recapByDefault(actor: Actor, day: string): Promise<void> {
      const { workspace } = await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
      const channel = await deps.channels.ensureChannel(
        workspace.id,
        actor.channelId,
        catalog.deckFor(undefined).meta.id,
      );
      if (channel.recapDay === null) await deps.channels.setRecapDay(channel.id, day);
    },
  };
}

export type RecapService = ReturnType<typeof createRecapService>;
