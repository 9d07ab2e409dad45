import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.js';
import { questionVersion } from '../content/question-version.js';
import type { CoreDeps } from '../core.deps.js';
import { classifyPublishFailure, pauseUnreachableChannel } from '../publishing/publish-failure.js';
import { addressOf, publisherFor } from '../publishing/publisher.lookup.js';
import type { ReadinessService } from '../readiness/readiness.service.js';
import type { ChannelRow } from '../workspace/channels.port.js';
import type { WorkspaceRow } from '../workspace/members.port.js';
import type { PostRow } from './posts.port.js';
import { questionReply } from './quiz.replies.js';
import { CLAIM_LEASE_MS, type RevealService } from './reveal.service.js';
import { channelChooser } from './selection.js';

export type PostingDeps = Pick<
  CoreDeps,
  | 'catalog'
  | 'members'
  | 'channels'
  | 'posts'
  | 'claims'
  | 'schedules'
  | 'publishers'
  | 'clock'
  | 'settings'
  | 'log'
>;

export type PublishOutcome =
  | { kind: 'posted'; post: PostRow }
  | { kind: 'already'; post: PostRow }
  | { kind: 'failed'; post: PostRow };

/**
 * Posting daily questions: claiming a slot (the exactly-once step), delivering it to the channel, and
 * `/studybot post`. The scheduler and the command take this same path.
 */
export function createPostingService(
  deps: PostingDeps,
  reveals: Pick<RevealService, 'closeAndReveal'>,
  readiness: Pick<ReadinessService, 'teamRecallMap'>,
) {
  const { catalog, members, channels, posts, claims, publishers, clock, settings } = deps;
  const chooser = channelChooser(catalog);

  /**
   * Posts a claimed post's question and makes it live; closes and reveals the channel's previous question.
   * Only the claimant calls this (or a replica that took an abandoned claim over), so a question is posted
   * once. A platform error is recorded on the post (final: marked failed) and rethrown for the caller; a
   * permanent one (the channel is gone, the bot removed) is always final and pauses the channel's schedule.
   */
  async function deliver(
    post: PostRow,
    channel: ChannelRow,
    workspace: WorkspaceRow,
    options: { finalOnError: boolean },
  ): Promise<PublishOutcome> {
    const deck = catalog.deckFor(post.deckId);
    const question = deck.questionById.get(post.questionId);
    if (!question) {
      await posts.markPostFailed(post.id, `question ${post.questionId} is not in deck ${deck.meta.id}`, true);
      return { kind: 'failed', post };
    }
    const previous = (await posts.openPosts(channel.id)).filter((p) => p.id !== post.id);
    let messageRef: string;
    try {
      messageRef = await publisherFor(publishers, workspace.platform).post(
        addressOf(workspace, channel),
        questionReply(deck, question, post.id, settings.postWindowHours),
      );
    } catch (error) {
      const failure = classifyPublishFailure(error);
      const permanent = failure.kind === 'permanent';
      await posts.markPostFailed(post.id, failure.reason, options.finalOnError || permanent);
      if (permanent) await pauseUnreachableChannel(deps, channel.id, failure.reason);
      throw error;
    }
    const now = clock.now();
    const live = await posts.markPosted(post.id, {
      messageRef,
      postedAt: now,
      closesAt: new Date(now.getTime() + settings.postWindowHours * 3_600_000),
      questionVersion: questionVersion(question),
    });
    for (const p of previous) await reveals.closeAndReveal(p);
    return { kind: 'posted', post: live };
  }

  /**
   * Claims `slot` in the channel, choosing its question (adaptive channels: by the team's recall). The claim is a unique row: a slot claimed before
   * (by another replica, or before a restart) comes back as `taken` and must not be delivered again.
   */
  async function claimSlot(channel: ChannelRow, slot: string, dueAt: Date | null) {
    const deck = catalog.deckFor(channel.deckId);
    const choose = channel.adaptive
      ? channelChooser(
          catalog,
          await readiness.teamRecallMap(
            { channelId: channel.id, workspaceId: channel.workspaceId, deckId: deck.meta.id },
            deck,
          ),
        )
      : chooser;
    return claims.claimPost({
      channelId: channel.id,
      slot,
      dueAt,
      leaseUntil: new Date(clock.now().getTime() + CLAIM_LEASE_MS),
      choose,
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
    claimSlot,
    deliver,
    publish,

    /** `/studybot post`: the next question in the actor's channel, now. */
    async postNow(actor: Actor): Promise<PublishOutcome> {
      const { workspace } = await members.ensureMember(actor, settings.defaultTimezone);
      const channel = await channels.ensureChannel(
        workspace.id,
        actor.channelId,
        catalog.deckFor(undefined).meta.id,
      );
      // Every /studybot post is a new request, so its slot is unique (a scheduled slot is the local date).
      return publish(
        channel,
        workspace,
        `manual:${clock.now().toISOString()}:${randomUUID().slice(0, 8)}`,
        null,
      );
    },
  };
}

export type PostingService = ReturnType<typeof createPostingService>;
