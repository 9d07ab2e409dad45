import { DateTime } from 'luxon';
import type { Actor } from '../actor.js';
import { choiceIndex, choiceRange } from '../content/content.schema.js';
import type { CoreDeps } from '../core.deps.js';
import { StudybotError } from '../errors.js';
import type { Delivery } from '../inbound/deliveries.port.js';
import { ratingFor } from '../readiness/memory.model.js';
import { refusal } from '../refusals.js';
import type { Reply } from '../replies.js';
import { periodBoards } from '../scores/periods.js';
import type { AnswerResult } from './answers.port.js';
import type { PostRow } from './posts.port.js';
import { feedbackReply } from './quiz.replies.js';

export type AnswerDeps = Pick<
  CoreDeps,
  'catalog' | 'members' | 'posts' | 'answers' | 'deliveries' | 'clock' | 'settings'
>;

/** How long an answer to a question still being posted waits for it to go live: 10 × 100 ms. */
const LIVE_WAIT_TRIES = 10;
const LIVE_WAIT_MS = 100;
/** How long, and for how many posts, this process keeps an open post it has read (see readPost). */
const LIVE_POST_MS = 60_000;
const LIVE_POSTS_MAX = 1_000;

/**
 * `periodBoards` remembered per zone for the local day it was computed in: the week and month keys change
 * only at local midnight, and computing them (luxon, a zoned date) on every click is measurable CPU.
 */
function createBoardsMemo() {
  const byZone = new Map<string, { from: number; to: number; boards: string[] }>();
  return (at: Date, zone: string): string[] => {
    const t = at.getTime();
    const hit = byZone.get(zone);
    if (hit && t >= hit.from && t < hit.to) return hit.boards;
    const boards = periodBoards(at, zone);
    const day = DateTime.fromJSDate(at, { zone }).startOf('day');
    byZone.set(zone, { from: day.toMillis(), to: day.plus({ days: 1 }).toMillis(), boards });
    return boards;
  };
}

/** A click on an answer button of the daily question: checked, recorded once, answered privately. */
export function createAnswerService(deps: AnswerDeps) {
  const { catalog, members, posts, answers, deliveries, clock, settings } = deps;
  const boardsOf = createBoardsMemo();

  /** A late click hears the truth about the reveal: shown, still to come, or impossible (and why). */
  async function closedRefusal(postId: number): Promise<Reply> {
    const state = await posts.revealState(postId);
    if (state?.kind === 'failed') return refusal('POST_CLOSED_REVEAL_FAILED', { reason: state.reason });
    if (state?.kind === 'pending') return refusal('POST_CLOSED_REVEAL_PENDING');
    return refusal('POST_CLOSED');
  }

  /** Open posts this process has read, by id, until `until` (ms): see readPost. */
  const livePosts = new Map<number, { post: PostRow; until: number }>();

  /**
   * The post a click answers. An open post read in the last LIVE_POST_MS comes from this process's memory:
   * its workspace, deck and question never change, and the answer statement itself re-checks that it is
   * still open (a close answers `closed` and drops it here), so most clicks skip this round trip.
   */
  async function readPost(postId: number, now: number): Promise<PostRow | undefined> {
    const held = livePosts.get(postId);
    if (held && held.until > now) return held.post;
    let post = await posts.getPost(postId);
    // A click can beat the database by a few milliseconds: the platform shows the question as soon as it
    // is posted, and the post turns live right after. Give it a moment rather than call it closed.
    for (let i = 0; post?.status === 'claimed' && i < LIVE_WAIT_TRIES; i++) {
      await new Promise((resolve) => setTimeout(resolve, LIVE_WAIT_MS));
      post = await posts.getPost(postId);
    }
    livePosts.delete(postId);
    if (post?.status === 'open') {
      const oldest = livePosts.keys().next();
      if (livePosts.size >= LIVE_POSTS_MAX && !oldest.done) livePosts.delete(oldest.value);
      livePosts.set(postId, { post, until: now + LIVE_POST_MS });
    }
    return post;
  }

  /**
   * Answers `choice` to post `postId` for `actor`. With `delivery` (the click's, from the inbound pipeline)
   * the delivery is remembered in the answer's own statement: a redelivery records nothing and answers the
   * REDELIVERED refusal, which adapters never send.
   */
  async function answer(actor: Actor, postId: number, choice: string, delivery?: Delivery): Promise<Reply> {
    const { reply, remembered } = await answerOnce(actor, postId, choice, delivery);
    // A refusal before the answer's statement ran has not remembered the delivery yet: remember it now.
    if (!delivery || remembered) return reply;
    const first = await deliveries.remember(delivery.platform, delivery.id, clock.now(), delivery.expiresAt);
    return first ? reply : refusal('REDELIVERED');
  }

  /** A refusal given before the answer's statement ran (so its delivery is not remembered yet). */
  const refused = (reply: Reply) => ({ reply, remembered: false });

  async function answerOnce(
    actor: Actor,
    postId: number,
    choice: string,
    delivery?: Delivery,
  ): Promise<{ reply: Reply; remembered: boolean }> {
    const post = await readPost(postId, clock.now().getTime());
    if (!post) return refused(refusal('POST_NOT_FOUND'));
    if (post.status === 'claimed') return refused(refusal('POST_NOT_LIVE'));
    const { workspace, member } = await members.ensureMember(actor, settings.defaultTimezone);
    if (post.workspaceId !== workspace.id) return refused(refusal('POST_NOT_FOUND'));
    const deck = catalog.deck(post.deckId);
    const question = deck?.questionById.get(post.questionId);
    if (!deck || !question) return refused(refusal('QUESTION_GONE'));
    if (choiceIndex(choice) < 0 || choiceIndex(choice) >= question.choices.length) {
      return refused(refusal('CHOICE_INVALID', { letters: choiceRange(question.choices.length) }));
    }
    const now = clock.now();
    if (post.status !== 'open' || (post.closesAt !== null && post.closesAt <= now)) {
      return refused(await closedRefusal(postId));
    }
    let result: AnswerResult;
    const correct = choice === question.answer;
    try {
      result = await answers.recordAnswer({
        postId,
        memberId: member.id,
        choice,
        correct,
        topic: question.topic,
        deckId: deck.meta.id,
        questionId: question.id,
        rating: ratingFor(correct),
        at: now,
        periodBoards: boardsOf(now, workspace.timezone),
        ...(delivery ? { delivery } : {}),
      });
    } catch (error) {
      throw new StudybotError('NOT_RECORDED', [], { cause: error });
    }
    if (result.kind === 'redelivered') return { reply: refusal('REDELIVERED'), remembered: true };
    if (result.kind === 'closed') {
      livePosts.delete(postId);
      return { reply: await closedRefusal(postId), remembered: true };
    }
    if (result.kind === 'duplicate')
      return { reply: refusal('ALREADY_ANSWERED', { choice: result.choice }), remembered: true };
    // The review was logged with the answer; it joins the member's card at their next /readiness or /quiz,
    // or the scheduler's next pass, so the click path stays one statement.
    return { reply: feedbackReply(catalog, deck, question, choice, { ...result, postId }), remembered: true };
  }

  return answer;
}
