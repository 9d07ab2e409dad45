import type { Actor } from '../actor.js';
import type { CoreDeps } from '../core.deps.js';
import { classifyPublishFailure, pauseUnreachableChannel } from '../publishing/publish-failure.js';
import { addressOf, publisherFor } from '../publishing/publisher.lookup.js';
import type { PostRow } from './posts.port.js';
import { closedQuestionReply, revealReply } from './quiz.replies.js';

/** How long a claim (or a reveal lease) stays with its taker without a renewal; then another replica may act. */
export const CLAIM_LEASE_MS = 2 * 60_000;

export type RevealDeps = Pick<
  CoreDeps,
  'catalog' | 'members' | 'channels' | 'posts' | 'schedules' | 'publishers' | 'clock' | 'settings' | 'log'
>;

/**
 * What closing a post did about its reveal: shown; `pending` (a transient failure: the scheduler retries
 * it for up to a day); `failed` with the reason (a permanent failure: never retried, schedule paused).
 */
export type RevealOutcome = { kind: 'revealed' } | { kind: 'pending' } | { kind: 'failed'; reason: string };

/** Closing daily questions and publishing their reveals: on demand, when a window ends, and retries. */
export function createRevealService(deps: RevealDeps) {
  const { catalog, members, channels, posts, publishers, clock, settings, log } = deps;

  /**
   * Publishes the reveal of a closed post: the question edited to show the answer, the reveal beneath. A
   * permanent platform failure gives the reveal up (recorded on the post) and pauses the channel's schedule;
   * any other failure leaves it for the scheduler's retries.
   */
  async function reveal(closed: PostRow): Promise<RevealOutcome> {
    const context = await channels.channelContext(closed.channelId);
    const deck = catalog.deck(closed.deckId);
    const question = deck?.questionById.get(closed.questionId);
    if (!context || !deck || !question || !closed.messageRef) {
      log.warn({ postId: closed.id }, 'closed a post that cannot be revealed (channel or question gone)');
      const reason = 'its channel or its question no longer exists';
      await posts.markRevealFailed(closed.id, reason, clock.now());
      return { kind: 'failed', reason };
    }
    const stats = await posts.revealStats(closed.id);
    try {
      await publisherFor(publishers, context.workspace.platform).reveal(
        addressOf(context.workspace, context.channel),
        closed.messageRef,
        closedQuestionReply(deck, question, stats),
        revealReply(catalog, deck, question, stats, closed.id),
      );
      await posts.markRevealed(closed.id, clock.now());
      return { kind: 'revealed' };
    } catch (error) {
      const failure = classifyPublishFailure(error);
      if (failure.kind === 'permanent') {
        log.warn({ postId: closed.id, reason: failure.reason }, 'reveal can never be published; gave it up');
        await posts.markRevealFailed(closed.id, failure.reason, clock.now());
        await pauseUnreachableChannel(deps, closed.channelId, failure.reason);
        return { kind: 'failed', reason: failure.reason };
      }
      // Left unrevealed: the scheduler's next tick tries again (retryReveals).
      log.warn({ postId: closed.id, err: error }, 'reveal could not be published; will retry');
      return { kind: 'pending' };
    }
  }

  /** Closes an open post and reveals it in its channel; undefined when the post was not open any more. */
  async function closeAndReveal(post: PostRow): Promise<RevealOutcome | undefined> {
    const now = clock.now();
    const closed = await posts.closePost(post.id, now, new Date(now.getTime() + CLAIM_LEASE_MS));
    if (!closed) return undefined;
    return reveal(closed);
  }

  return {
    closeAndReveal,

    /** Publishes reveals that failed before (the platform was down, rate limited, …); how many went out. */
    async retryReveals(): Promise<number> {
      let done = 0;
      const now = clock.now();
      for (const post of await posts.claimUnrevealed(now, new Date(now.getTime() + CLAIM_LEASE_MS))) {
        if ((await reveal(post)).kind === 'revealed') done++;
      }
      return done;
    },

    /** Closes every post whose window has ended; the scheduler calls this every minute. */
    async closeExpired(): Promise<number> {
      let closed = 0;
      for (const post of await posts.expiredPosts(clock.now())) if (await closeAndReveal(post)) closed++;
      return closed;
    },

    /**
     * `/studybot close`: closes and reveals the channel's open question(s): how many were closed and
     * revealed, and the reason of a reveal given up for good (the schedule is paused then).
     */
    async closeChannel(
      actor: Actor,
    ): Promise<{ closed: number; revealed: number; failedReason: string | undefined }> {
      const { workspace } = await members.ensureMember(actor, settings.defaultTimezone);
      const channel = await channels.findChannel(workspace.id, actor.channelId);
      const counts = { closed: 0, revealed: 0, failedReason: undefined as string | undefined };
      if (!channel) return counts;
      for (const post of await posts.openPosts(channel.id)) {
        const outcome = await closeAndReveal(post);
        if (outcome) counts.closed++;
        if (outcome?.kind === 'revealed') counts.revealed++;
        if (outcome?.kind === 'failed') counts.failedReason = outcome.reason;
      }
      return counts;
    },
  };
}

export type RevealService = ReturnType<typeof createRevealService>;
