import pLimit from 'p-limit';
import type { Clock } from '../core/clock.js';
import type { Stores } from '../core/ports.js';
import { classifyPublishFailure } from '../core/publishing/publish-failure.js';
import type { PostRow } from '../core/quiz/posts.port.js';
import { CLAIM_LEASE_MS, type QuizService } from '../core/quiz/quiz.service.js';
import type { ReadinessService } from '../core/readiness/readiness.service.js';
import type { RecapService } from '../core/recap/recap.service.js';
import { type Slot, slotsBetween } from '../core/schedule/slots.js';
import type { ChannelRow } from '../core/workspace/channels.port.js';
import type { WorkspaceRow } from '../core/workspace/members.port.js';
import type { Logger } from '../logger.js';

export interface DailyPostSettings {
  /** A slot missed while every replica was down is still posted this long after it was due. */
  graceMs: number;
  /** Posts delivered at once during one slot's fan-out. */
  concurrency: number;
  /** First retry delay after a transient failure; doubles each time, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

export interface DailyPostDeps {
  /** `deliveries`, when given, has its expired redelivery memory forgotten on every tick. */
  stores: Pick<Stores, 'claims' | 'posts' | 'schedules' | 'channels'> & Partial<Pick<Stores, 'deliveries'>>;
  quiz: Pick<QuizService, 'claimSlot' | 'deliver' | 'closeExpired' | 'retryReveals'>;
  clock: Clock;
  logger: Logger;
  settings: DailyPostSettings;
  /** Weekly recaps posted after each tick's daily posts (each channel's recap day, claimed once). */
  recap?: Pick<RecapService, 'postDue'>;
  /** Readiness upkeep run after each tick's posts: folds left-over reviews, refreshes team snapshots. */
  readiness?: Pick<ReadinessService, 'refresh'>;
  /** Waits `ms` unless `signal` aborts first (tests pass one that moves a fake clock instead). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export type DeliveryResult = 'posted' | 'already' | 'failed' | 'unreachable' | 'interrupted';

export interface TickReport {
  posted: number;
  failed: number;
  skipped: number;
  closed: number;
}

const realSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Schedules changed within this long before a slot still get it; older slots are history. */
const LOOKBACK_MS = 8 * 86_400_000;

/**
 * One scheduler tick, run every minute by every replica: close questions whose window ended, retry failed
 * reveals, recover abandoned claims, and post every channel's due slot. Exactly-once comes from the claim
 * (a unique (channel, slot) row), never from this process's memory, so replicas may tick together.
 */
export function createDailyPostJob(deps: DailyPostDeps) {
  const { quiz, clock, settings } = deps;
  const { claims, posts, schedules, channels } = deps.stores;
  const log = deps.logger.child({ module: 'scheduler' });
  const sleep = deps.sleep ?? realSleep;
  const stopping = new AbortController();
  const limit = pLimit(settings.concurrency);

  /** Delivers a claimed post, retrying transient failures with backoff until its catch-up window ends. */
  async function deliverWithRetry(
    post: PostRow,
    channel: ChannelRow,
    workspace: WorkspaceRow,
  ): Promise<DeliveryResult> {
    const deadline = (post.dueAt ?? post.claimedAt).getTime() + settings.graceMs;
    const where = {
      postId: post.id,
      channel: channel.externalId,
      platform: workspace.platform,
      slot: post.slot,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        // Only the attempt takes one of the fan-out's places; a channel waiting to retry holds none, so
        // its failures never slow the others down.
        const outcome = await limit(() => quiz.deliver(post, channel, workspace, { finalOnError: false }));
        if (outcome.kind === 'posted') log.info({ ...where, attempt }, 'posted the daily question');
        return outcome.kind === 'posted' ? 'posted' : outcome.kind === 'already' ? 'already' : 'failed';
      } catch (error) {
        const failure = classifyPublishFailure(error);
        const { reason } = failure;
        if (failure.kind === 'permanent') {
          // Removed, archived, uninstalled: deliver() marked the post failed and paused the channel's
          // schedule (the one rule for every publisher call); stop trying it, keep every other one going.
          log.warn({ ...where, reason }, 'channel unreachable: not retried, its schedule is paused');
          return 'unreachable';
        }
        const wait =
          failure.kind === 'rate-limited' && failure.retryAfterMs !== undefined
            ? failure.retryAfterMs
            : Math.min(settings.backoffMs * 2 ** (attempt - 1), settings.maxBackoffMs);
        if (stopping.signal.aborted) {
          // The claim keeps its last error and its lease runs out: a replica (or the restart) takes it over.
          log.warn({ ...where, attempt, reason }, 'stopping: left the claimed post for a takeover');
          return 'interrupted';
        }
        if (clock.now().getTime() + wait > deadline) {
          await posts.markPostFailed(post.id, `${reason} (gave up after ${attempt} attempts)`, true);
          log.error(
            { ...where, attempt, reason },
            'daily question not posted: retries ran out of the catch-up window',
          );
          return 'failed';
        }
        log.warn({ ...where, attempt, reason, retryInMs: wait }, 'posting failed; retrying');
        await claims.renewLease(post.id, new Date(clock.now().getTime() + wait + CLAIM_LEASE_MS));
        await sleep(wait, stopping.signal);
        if (stopping.signal.aborted) {
          log.warn({ ...where, attempt, reason }, 'stopping: left the claimed post for a takeover');
          return 'interrupted';
        }
      }
    }
  }

  /** The latest slot of a schedule due at or before `now`, if it came after the schedule was set. */
  function dueSlot(
    schedule: { timeOfDay: string; timezone: string; days: string; updatedAt: Date },
    now: Date,
  ): Slot | undefined {
    const from = new Date(Math.max(schedule.updatedAt.getTime(), now.getTime() - LOOKBACK_MS));
    return slotsBetween(schedule, from, now).at(-1);
  }

  async function postDueSlots(now: Date): Promise<{ jobs: Promise<DeliveryResult>[]; skipped: number }> {
    const active = await schedules.activeSchedules();
    const due = active
      .map((a) => ({ ...a, slot: dueSlot(a.schedule, now) }))
      .filter((a): a is typeof a & { slot: Slot } => a.slot !== undefined);
    const taken = await claims.slotsTaken(due.map((d) => ({ channelId: d.channel.id, slot: d.slot.key })));
    let skipped = 0;
    const jobs: Promise<DeliveryResult>[] = [];
    for (const d of due) {
      if (taken.has(`${d.channel.id}|${d.slot.key}`)) continue;
      if (now.getTime() - d.slot.at.getTime() > settings.graceMs) {
        const reason = 'missed while the bot was down, and past the catch-up window';
        if (
          await claims.recordSkipped({ channelId: d.channel.id, slot: d.slot.key, dueAt: d.slot.at, reason })
        ) {
          skipped++;
          log.warn(
            { channel: d.channel.externalId, slot: d.slot.key, dueAt: d.slot.at },
            `daily question skipped: ${reason}`,
          );
        }
        continue;
      }
      jobs.push(
        (async () => {
          const claim = await limit(() => quiz.claimSlot(d.channel, d.slot.key, d.slot.at));
          if (claim.kind === 'taken') return 'already' as const;
          return deliverWithRetry(claim.post, d.channel, d.workspace);
        })(),
      );
    }
    return { jobs, skipped };
  }

  async function recoverClaims(now: Date): Promise<Promise<DeliveryResult>[]> {
    const windowStart = new Date(now.getTime() - settings.graceMs);
    for (const post of await claims.failStaleClaims(
      now,
      windowStart,
      'not posted: its process stopped and the catch-up window passed',
    )) {
      log.error({ postId: post.id, slot: post.slot }, 'abandoned claim marked failed: too late to post');
    }
    const retaken = await claims.takeOverStaleClaims(
      now,
      new Date(now.getTime() + CLAIM_LEASE_MS),
      windowStart,
    );
    return retaken.map(async (post) => {
      const context = await channels.channelContext(post.channelId);
      if (!context) return 'failed' as const;
      log.warn({ postId: post.id, slot: post.slot }, 'taking over a claimed post whose process stopped');
      return deliverWithRetry(post, context.channel, context.workspace);
    });
  }

  /** Weekly recaps due now; a failure is logged (a failed recap is not retried: next week's comes). */
  async function postRecaps(): Promise<void> {
    if (!deps.recap || stopping.signal.aborted) return;
    try {
      const done = await deps.recap.postDue(settings.graceMs);
      if (done.posted + done.failed > 0) log.info(done, 'weekly recaps');
    } catch (err) {
      log.warn({ err }, 'weekly recaps failed; the next tick tries again');
    }
  }

  /** Readiness upkeep; a failure is logged and the next tick tries again. */
  async function refreshReadiness(): Promise<void> {
    if (!deps.readiness) return;
    try {
      const done = await deps.readiness.refresh();
      if (done.folded + done.teams > 0) log.debug(done, 'readiness refreshed');
    } catch (err) {
      log.warn({ err }, 'readiness refresh failed; the next tick tries again');
    }
  }

  return {
    deliverWithRetry,

    /** One pass; resolves when every post it started has been delivered, given up, or interrupted. */
    async tick(): Promise<TickReport> {
      if (stopping.signal.aborted) return { posted: 0, failed: 0, skipped: 0, closed: 0 };
      const now = clock.now();
      await deps.stores.deliveries?.forgetExpired(now).catch((err: unknown) => {
        log.warn({ err }, 'could not forget expired deliveries');
      });
      const closed = await quiz.closeExpired();
      await quiz.retryReveals();
      const recovered = await recoverClaims(now);
      const { jobs, skipped } = await postDueSlots(now);
      // One channel's failure never stops the others: every job settles on its own.
      const results = await Promise.allSettled([...recovered, ...jobs]);
      let posted = 0;
      let failed = 0;
      for (const r of results) {
        if (r.status === 'rejected') {
          failed++;
          log.error({ err: r.reason }, 'a daily post failed unexpectedly');
        } else if (r.value === 'posted') posted++;
        else if (r.value === 'failed' || r.value === 'unreachable') failed++;
      }
      await postRecaps();
      await refreshReadiness();
      return { posted, failed, skipped, closed };
    },

    /** Stops taking work and interrupts retry waits; deliveries already sending finish on their own. */
    stop(): void {
      stopping.abort();
    },
  };
}

export type DailyPostJob = ReturnType<typeof createDailyPostJob>;
