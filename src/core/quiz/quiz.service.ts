import { randomUUID } from 'node:crypto';
import type { Catalog } from '../content/catalog.js';
import { choiceIndex } from '../content/content.schema.js';
import { StudybotError } from '../errors.js';
import type { Actor, Platform } from '../events.js';
import type {
  ChannelAddress,
  ChannelPublisher,
  ChannelRow,
  Clock,
  PostRow,
  QuizStore,
  WorkspaceRow,
} from '../ports.js';
import { errorReply, type Reply } from '../replies.js';
import { periodBoards } from '../scores/periods.js';
import { closedQuestionReply, feedbackReply, questionReply, revealReply } from './quiz.replies.js';
import { channelChooser, deckFor } from './selection.js';

export interface QuizSettings {
  postWindowHours: number;
  defaultTimezone: string;
}

/** Adapters register how to post in their channels; the core looks them up by platform. */
export type PublisherRegistry = Map<Platform, ChannelPublisher>;

/** Minimal logging the core may do without depending on a logging library. */
export interface CoreLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface QuizDeps {
  catalog: Catalog;
  store: QuizStore;
  publishers: PublisherRegistry;
  clock: Clock;
  settings: QuizSettings;
  log: CoreLog;
}

export type PublishOutcome =
  | { kind: 'posted'; post: PostRow }
  | { kind: 'already'; post: PostRow }
  | { kind: 'failed'; post: PostRow };

export const addressOf = (workspace: WorkspaceRow, channel: ChannelRow): ChannelAddress => ({
  platform: workspace.platform,
  workspaceExternalId: workspace.externalId,
  channelExternalId: channel.externalId,
});

/** How long an answer to a question still being posted waits for it to go live: 10 × 100 ms. */
const LIVE_WAIT_TRIES = 10;
const LIVE_WAIT_MS = 100;

/** How long a claim stays with its claimant without a renewal; then another replica may take it over. */
export const CLAIM_LEASE_MS = 2 * 60_000;

const NOT_RECORDED =
  'Your answer was not recorded because of a problem on my side. Please press the button again in a moment.';

/** Daily questions: posting (the same path for /studybot post and the scheduler), answers, closing, reveals. */
export function createQuizService(deps: QuizDeps) {
  const { catalog, store, publishers, clock, settings, log } = deps;
  const chooser = channelChooser(catalog);

  function publisherFor(platform: Platform): ChannelPublisher {
    const publisher = publishers.get(platform);
    if (!publisher)
      throw new StudybotError('NOT_AVAILABLE', `Posting to ${platform} is not configured in this process.`);
    return publisher;
  }

  /** Publishes the reveal of a closed post: the question edited to show the answer, the reveal beneath. */
  async function reveal(closed: PostRow): Promise<boolean> {
    const context = await store.channelContext(closed.channelId);
    const deck = catalog.deck(closed.deckId);
    const question = deck?.questionById.get(closed.questionId);
    if (!context || !deck || !question || !closed.messageRef) {
      log.warn({ postId: closed.id }, 'closed a post that cannot be revealed (channel or question gone)');
      await store.markRevealed(closed.id, clock.now());
      return false;
    }
    const stats = await store.revealStats(closed.id);
    try {
      await publisherFor(context.workspace.platform).reveal(
        addressOf(context.workspace, context.channel),
        closed.messageRef,
        closedQuestionReply(deck, question, stats),
        revealReply(catalog, deck, question, stats),
      );
      await store.markRevealed(closed.id, clock.now());
      return true;
    } catch (error) {
      // Left unrevealed: the scheduler's next tick tries again (retryReveals).
      log.warn({ postId: closed.id, err: error }, 'reveal could not be published; will retry');
      return false;
    }
  }

  /**
   * Closes an open post and reveals it in its channel: `revealed`, or `closed` when the reveal could not be
   * published yet (the scheduler retries it); undefined when the post was not open any more.
   */
  async function closeAndReveal(post: PostRow): Promise<'revealed' | 'closed' | undefined> {
    const now = clock.now();
    const closed = await store.closePost(post.id, now, new Date(now.getTime() + CLAIM_LEASE_MS));
    if (!closed) return undefined;
    return (await reveal(closed)) ? 'revealed' : 'closed';
  }

  /**
   * Posts a claimed post's question and makes it live; closes and reveals the channel's previous question.
   * Only the claimant calls this (or a replica that took an abandoned claim over), so a question is posted
   * once. A platform error is recorded on the post (final: marked failed) and rethrown for the caller.
   */
  async function deliver(
    post: PostRow,
    channel: ChannelRow,
    workspace: WorkspaceRow,
    options: { finalOnError: boolean },
  ): Promise<PublishOutcome> {
    const deck = deckFor(catalog, post.deckId);
    const question = deck.questionById.get(post.questionId);
    if (!question) {
      await store.markPostFailed(post.id, `question ${post.questionId} is not in deck ${deck.meta.id}`, true);
      return { kind: 'failed', post };
    }
    const previous = (await store.openPosts(channel.id)).filter((p) => p.id !== post.id);
    let messageRef: string;
    try {
      messageRef = await publisherFor(workspace.platform).post(
        addressOf(workspace, channel),
        questionReply(deck, question, post.id, settings.postWindowHours),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.markPostFailed(post.id, message, options.finalOnError);
      throw error;
    }
    const now = clock.now();
    const live = await store.markPosted(post.id, {
      messageRef,
      postedAt: now,
      closesAt: new Date(now.getTime() + settings.postWindowHours * 3_600_000),
    });
    for (const p of previous) await closeAndReveal(p);
    return { kind: 'posted', post: live };
  }

  /**
   * Claims `slot` in the channel, choosing its question. The claim is a unique row: a slot claimed before
   * (by another replica, or before a restart) comes back as `taken` and must not be delivered again.
   */
  function claimSlot(channel: ChannelRow, slot: string, dueAt: Date | null) {
    return store.claimPost({
      channelId: channel.id,
      slot,
      dueAt,
      leaseUntil: new Date(clock.now().getTime() + CLAIM_LEASE_MS),
      choose: chooser,
    });
  }

  /** Claims `slot` and posts it at once; a failure is final (the admin who asked sees the error). */
  async function publish(
    channel: ChannelRow,
    workspace: WorkspaceRow,
    slot: string,
    dueAt: Date | null,
  ): Promise<PublishOutcome> {
    const claim = await claimSlot(channel, slot, dueAt);
    if (claim.kind === 'taken') {
      return claim.post.status === 'failed' || claim.post.status === 'skipped'
        ? { kind: 'failed', post: claim.post }
        : { kind: 'already', post: claim.post };
    }
    return deliver(claim.post, channel, workspace, { finalOnError: true });
  }

  return {
    publish,
    claimSlot,
    deliver,
    closeAndReveal,

    /** Publishes reveals that failed before (the platform was down, rate limited, …). */
    async retryReveals(): Promise<number> {
      let done = 0;
      const now = clock.now();
      for (const post of await store.claimUnrevealed(now, new Date(now.getTime() + CLAIM_LEASE_MS))) {
        if (await reveal(post)) done++;
      }
      return done;
    },

    /** `/studybot post`: the next question in the actor's channel, now. */
    async postNow(actor: Actor): Promise<PublishOutcome> {
      const { workspace } = await store.ensureMember(actor, settings.defaultTimezone);
      const deckId = deckFor(catalog, undefined).meta.id;
      const channel = await store.ensureChannel(workspace.id, actor.channelId, deckId);
      // Every /studybot post is a new request, so its slot is unique (a scheduled slot is the local date).
      return publish(
        channel,
        workspace,
        `manual:${clock.now().toISOString()}:${randomUUID().slice(0, 8)}`,
        null,
      );
    },

    /** `/studybot close`: closes and reveals the channel's open question(s); how many were closed. */
    async closeChannel(actor: Actor): Promise<{ closed: number; revealed: number }> {
      const { workspace } = await store.ensureMember(actor, settings.defaultTimezone);
      const channel = await store.findChannel(workspace.id, actor.channelId);
      const counts = { closed: 0, revealed: 0 };
      if (!channel) return counts;
      for (const post of await store.openPosts(channel.id)) {
        const outcome = await closeAndReveal(post);
        if (outcome) counts.closed++;
        if (outcome === 'revealed') counts.revealed++;
      }
      return counts;
    },

    /** Closes every post whose window has ended; the scheduler calls this every minute. */
    async closeExpired(): Promise<number> {
      let closed = 0;
      for (const post of await store.expiredPosts(clock.now())) if (await closeAndReveal(post)) closed++;
      return closed;
    },

    /** A click on an answer button. */
    async answer(actor: Actor, postId: number, choice: string): Promise<Reply> {
      const notHere = errorReply('That question does not exist here. Nothing was recorded.');
      let post = await store.getPost(postId);
      // A click can beat the database by a few milliseconds: the platform shows the question as soon as it
      // is posted, and the post turns live right after. Give it a moment rather than call it closed.
      for (let i = 0; post?.status === 'claimed' && i < LIVE_WAIT_TRIES; i++) {
        await new Promise((resolve) => setTimeout(resolve, LIVE_WAIT_MS));
        post = await store.getPost(postId);
      }
      if (!post) return notHere;
      if (post.status === 'claimed') {
        return errorReply(
          'This question is still being posted. Press the button again in a moment; nothing was recorded.',
        );
      }
      const { workspace, member } = await store.ensureMember(actor, settings.defaultTimezone);
      if (post.workspaceId !== workspace.id) return notHere;
      const deck = catalog.deck(post.deckId);
      const question = deck?.questionById.get(post.questionId);
      if (!deck || !question)
        return errorReply('That question is no longer in the deck. Nothing was recorded.');
      if (choiceIndex(choice) < 0 || choiceIndex(choice) >= question.choices.length) {
        return errorReply(`This question has no choice ${choice}. Nothing was recorded.`);
      }
      const now = clock.now();
      const closedReply = errorReply(
        'This question is closed: its answer has been revealed in the channel. Nothing was recorded.',
      );
      if (post.status !== 'open' || (post.closesAt !== null && post.closesAt <= now)) return closedReply;
      const correct = choice === question.answer;
      let result: Awaited<ReturnType<QuizStore['recordAnswer']>>;
      try {
        result = await store.recordAnswer({
          postId,
          memberId: member.id,
          choice,
          correct,
          topic: question.topic,
          at: now,
          periodBoards: periodBoards(now, workspace.timezone),
        });
      } catch (error) {
        throw new StudybotError('NOT_RECORDED', NOT_RECORDED, { cause: error });
      }
      if (result.kind === 'closed') return closedReply;
      if (result.kind === 'duplicate') {
        return errorReply(
          `You already answered ${result.choice}. Only your first answer counts, so nothing changed.`,
        );
      }
      return feedbackReply(catalog, deck, question, choice, result);
    },
  };
}

export type QuizService = ReturnType<typeof createQuizService>;
