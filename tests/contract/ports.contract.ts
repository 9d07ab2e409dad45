/**
 * What every implementation of the core's storage ports must do, as scenarios run against both the real
 * stores (PostgreSQL or PGlite, tests/integration/ports.db.test.ts) and the in-memory ones of tests/support
 * (tests/unit/ports.memory.test.ts). The rule tests that use the in-memory ports are only as good as this
 * contract holds.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import type { Stores } from '../../src/core/ports.js';
import type { QuestionChooser } from '../../src/core/quiz/claims.port.js';
import { retrievability, reviewCard } from '../../src/core/readiness/memory.model.js';
import { sumRecall } from '../../src/core/readiness/readiness.model.js';
import { examInstant } from '../../src/core/readiness/readiness.service.js';
import { periodBoards } from '../../src/core/scores/periods.js';
import { BASE_POINTS, pointsFor } from '../../src/core/scores/scoring.js';

export interface PortsUnderTest {
  stores: Stores;
  close(): Promise<void>;
}

const T0 = new Date('2026-11-23T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const actor = (name: string, workspace = 'w1'): Actor => ({
  platform: 'console',
  workspaceId: workspace,
  channelId: 'c1',
  userId: `u-${name}`,
  userName: name,
  isAdmin: false,
});
/** Picks questions q1, q2, … in order, one per claim. */
const inOrder: QuestionChooser = ({ channel, usedInCycle }) => ({
  deckId: 'sample',
  questionId: `q${usedInCycle.size + 1}`,
  cycle: channel.cycle,
});

/**
 * One practice answer of a member (a prompt of `questionId` in the sample deck, answered A when `correct`,
 * else B) at `minute`: a review in the log, not yet folded into the card.
 */
async function practiseAt(
  stores: Stores,
  workspaceId: number,
  memberId: number,
  questionId: string,
  correct: boolean,
  minute: number,
) {
  const prompt = await stores.practice.createPracticePrompt(memberId, 'sample', questionId, 'v1');
  await stores.practice.answerPractice({
    promptId: prompt.id,
    workspaceId,
    memberId,
    choice: correct ? 'A' : 'B',
    correct,
    rating: correct ? 3 : 1,
    at: at(minute),
  });
}

/** Posts a live question in the channel: claim, then mark posted. */
async function livePost(stores: Stores, channelId: number, slot: string, minutes: number) {
  const claim = await stores.claims.claimPost({
    channelId,
    slot,
    dueAt: null,
    leaseUntil: at(minutes + 2),
    choose: inOrder,
  });
  if (claim.kind !== 'claimed') throw new Error(`slot ${slot} was taken`);
  return stores.posts.markPosted(claim.post.id, {
    messageRef: `m-${slot}`,
    postedAt: at(minutes),
    closesAt: at(minutes + 24 * 60),
    questionVersion: 'v1',
  });
}

export function portsContract(kind: string, open: () => Promise<PortsUnderTest>): void {
  describe(`storage ports (${kind})`, () => {
    it('creates a workspace and member once, keeps names current, and keeps a name when told it is provisional', async () => {
      const { stores, close } = await open();
      try {
        const first = await stores.members.ensureMember(actor('Ann'), 'Europe/Berlin');
        const again = await stores.members.ensureMember({ ...actor('Ann'), userName: 'Ann  B.' }, 'UTC');
        expect(again.member.id).toBe(first.member.id);
        expect(again.workspace).toEqual(first.workspace);
        expect(first.workspace.timezone).toBe('Europe/Berlin');
        expect(again.member.displayName).toBe('Ann B.');
        const stand = await stores.members.ensureMember(
          { ...actor('Ann'), userName: 'u-ann', userNameProvisional: true },
          'UTC',
        );
        expect(stand.member.displayName).toBe('Ann B.');
        const other = await stores.members.ensureMember(actor('Ann', 'w2'), 'UTC');
        expect(other.member.id).not.toBe(first.member.id);
      } finally {
        await close();
      }
    });

    it('claims a slot once, walks the cycle, and tells a second claimant the slot is taken', async () => {
      const { stores, close } = await open();
      try {
        const { workspace } = await stores.members.ensureMember(actor('admin'), 'UTC');
        const channel = await stores.channels.ensureChannel(workspace.id, 'c1', 'sample');
        const claim = await stores.claims.claimPost({
          channelId: channel.id,
          slot: '2026-11-23',
          dueAt: at(0),
          leaseUntil: at(2),
          choose: inOrder,
        });
        expect(claim).toMatchObject({ kind: 'claimed', post: { status: 'claimed', questionId: 'q1' } });
        const second = await stores.claims.claimPost({
          channelId: channel.id,
          slot: '2026-11-23',
          dueAt: at(0),
          leaseUntil: at(2),
          choose: inOrder,
        });
        expect(second).toMatchObject({ kind: 'taken', post: { id: claim.post.id } });
        expect(await stores.claims.slotsTaken([{ channelId: channel.id, slot: '2026-11-23' }])).toEqual(
          new Set([`${channel.id}|2026-11-23`]),
        );
        const live = await stores.posts.markPosted(claim.post.id, {
          messageRef: 'm1',
          postedAt: at(1),
          closesAt: at(60),
          questionVersion: 'v1',
        });
        expect(live).toMatchObject({ status: 'open', seq: 1, messageRef: 'm1', questionVersion: 'v1' });
        const next = await livePost(stores, channel.id, 'manual:2', 5);
        expect(next).toMatchObject({ seq: 2, questionId: 'q2' });
        expect((await stores.posts.openPosts(channel.id)).map((p) => p.id)).toEqual([live.id, next.id]);
        expect(await stores.posts.expiredPosts(at(61))).toMatchObject([{ id: live.id }]);
      } finally {
        await close();
      }
    });

    it('records one answer per member and post, counts streaks and points, and refuses a closed post', async () => {
      const { stores, close } = await open();
      try {
        const { workspace, member } = await stores.members.ensureMember(actor('Ann'), 'UTC');
        const channel = await stores.channels.ensureChannel(workspace.id, 'c1', 'sample');
        const answer = (postId: number, choice: string, correct: boolean, minutes: number) =>
          stores.answers.recordAnswer({
            postId,
            memberId: member.id,
            choice,
            correct,
            topic: 'basics',
            deckId: 'sample',
            questionId: 'q1',
            rating: correct ? 3 : 1,
            at: at(minutes),
            periodBoards: ['week:2026-11-23'],
          });
        const p1 = await livePost(stores, channel.id, 's1', 0);
        expect(await answer(p1.id, 'A', true, 1)).toEqual({
          kind: 'recorded',
          points: BASE_POINTS,
          streak: 1,
          bestStreak: 1,
        });
        expect(await answer(p1.id, 'B', false, 2)).toEqual({ kind: 'duplicate', choice: 'A' });
        const p2 = await livePost(stores, channel.id, 's2', 10);
        expect(await answer(p2.id, 'C', false, 11)).toEqual({
          kind: 'recorded',
          points: 0,
          streak: 2,
          bestStreak: 2,
        });
        const p3 = await livePost(stores, channel.id, 's3', 20);
        expect(await answer(p3.id, 'A', true, 21)).toMatchObject({ points: pointsFor(true, 3), streak: 3 });
        await livePost(stores, channel.id, 's4', 30);
        const p5 = await livePost(stores, channel.id, 's5', 40);
        // Post 4 was missed: the streak starts again.
        expect(await answer(p5.id, 'A', true, 41)).toMatchObject({
          points: BASE_POINTS,
          streak: 1,
          bestStreak: 3,
        });
        await stores.posts.closePost(p5.id, at(42), at(44));
        const late = await stores.members.ensureMember(actor('Bob'), 'UTC');
        expect(
          await stores.answers.recordAnswer({
            postId: p5.id,
            memberId: late.member.id,
            choice: 'A',
            correct: true,
            topic: 'basics',
            deckId: 'sample',
            questionId: 'q1',
            rating: 3,
            at: at(43),
            periodBoards: [],
          }),
        ).toEqual({ kind: 'closed' });
        const total = BASE_POINTS + pointsFor(true, 3) + BASE_POINTS;
        expect(await stores.scores.memberTotals(workspace.id, member.id)).toEqual({
          points: total,
          correct: 3,
          answered: 4,
        });
        // One board's totals (the App Home's "points this week"); a board never answered on is zero.
        expect(await stores.scores.memberTotals(workspace.id, member.id, 'week:2026-11-23')).toEqual({
          points: total,
          correct: 3,
          answered: 4,
        });
        expect(await stores.scores.memberTotals(workspace.id, member.id, 'week:2026-11-30')).toEqual({
          points: 0,
          correct: 0,
          answered: 0,
        });
        expect(await stores.posts.revealStats(p1.id)).toMatchObject({
          answered: 1,
          correct: 1,
          firstCorrect: { displayName: 'Ann' },
        });
        expect(await stores.scores.topicStats(member.id)).toEqual([
          { topic: 'basics', answered: 4, correct: 3 },
        ]);
        expect(await stores.scores.wrongQuestionIds(member.id, 'basics')).toEqual([
          { deckId: 'sample', questionId: 'q2' },
        ]);
      } finally {
        await close();
      }
    });

    it('ranks boards by points, then correct answers, then who got there first, and hides opted-out members', async () => {
      const { stores, close } = await open();
      try {
        const { workspace } = await stores.members.ensureMember(actor('admin'), 'UTC');
        const channel = await stores.channels.ensureChannel(workspace.id, 'c1', 'sample');
        const post = await livePost(stores, channel.id, 's1', 0);
        const ids: Record<string, number> = {};
        for (const [i, [name, correct]] of (
          [
            ['Cy', false],
            ['Ann', true],
            ['Bob', true],
          ] as const
        ).entries()) {
          const { member } = await stores.members.ensureMember(actor(name), 'UTC');
          ids[name] = member.id;
          await stores.answers.recordAnswer({
            postId: post.id,
            memberId: member.id,
            choice: correct ? 'A' : 'B',
            correct,
            topic: 'basics',
            deckId: 'sample',
            questionId: 'q1',
            rating: 3,
            at: at(1 + i),
            periodBoards: [],
          });
        }
        const board = await stores.scores.leaderboard(workspace.id, 'all', ids.Cy ?? 0, 2);
        expect(board.top.map((r) => [r.rank, r.displayName, r.points])).toEqual([
          [1, 'Ann', BASE_POINTS],
          [2, 'Bob', BASE_POINTS],
        ]);
        expect(board.me).toMatchObject({ rank: 3, displayName: 'Cy', points: 0 });
        expect(board.total).toBe(3);
        await stores.members.setOptOut(ids.Ann ?? 0, true);
        const hidden = await stores.scores.leaderboard(
          workspace.id,
          `channel:${channel.id}`,
          ids.Ann ?? 0,
          10,
        );
        expect(hidden.top.map((r) => r.displayName)).toEqual(['Bob', 'Cy']);
        expect(hidden.me).toBeUndefined();
      } finally {
        await close();
      }
    });

    it('answers a practice prompt once, only for its member, and logs it as a review that folds into a card', async () => {
      const { stores, close } = await open();
      try {
        const ann = await stores.members.ensureMember(actor('Ann'), 'UTC');
        const bob = (await stores.members.ensureMember(actor('Bob'), 'UTC')).member;
        const older = await stores.practice.createPracticePrompt(ann.member.id, 'sample', 'q2', 'v1');
        expect(await stores.practice.pendingPrompt(ann.member.id)).toMatchObject({ id: older.id });
        const prompt = await stores.practice.createPracticePrompt(ann.member.id, 'sample', 'q1', 'v1');
        // The latest prompt supersedes an older unanswered one; another member has none.
        expect(await stores.practice.pendingPrompt(ann.member.id)).toMatchObject({
          id: prompt.id,
          questionId: 'q1',
        });
        expect(await stores.practice.pendingPrompt(bob.id)).toBeUndefined();
        const input = {
          promptId: prompt.id,
          workspaceId: ann.workspace.id,
          choice: 'A',
          correct: true,
          rating: 3,
          at: at(1),
        };
        expect(await stores.practice.answerPractice({ ...input, memberId: bob.id })).toBeUndefined();
        expect(await stores.practice.answerPractice({ ...input, memberId: ann.member.id })).toMatchObject({
          prompt: { id: prompt.id, choice: 'A' },
        });
        expect(
          await stores.practice.answerPractice({ ...input, memberId: ann.member.id, choice: 'B' }),
        ).toMatchObject({ already: { choice: 'A' } });
        expect(await stores.memory.membersWithPending(10)).toEqual([ann.member.id]);
        expect(await stores.memory.applyPending(ann.member.id, reviewCard)).toBe(1);
        expect(await stores.memory.applyPending(ann.member.id, reviewCard)).toBe(0);
        expect(await stores.practice.pendingPrompt(ann.member.id)).toBeUndefined();
        const [card] = await stores.memory.cards(ann.member.id, 'sample');
        const expected = reviewCard(undefined, 3, at(1));
        expect(card).toMatchObject({ questionId: 'q1', reps: 1, lastReview: at(1), due: expected.due });
        expect(card?.stability).toBeCloseTo(expected.stability, 6);
        expect(await stores.practice.practiceSummary(ann.member.id, at(1))).toEqual({
          answered: 1,
          correct: 1,
          due: 0,
        });
        expect(await stores.practice.practiceSummary(ann.member.id, expected.due)).toEqual({
          answered: 1,
          correct: 1,
          due: 1,
        });
        expect(await stores.practice.reviewedQuestionIds(ann.member.id, 'sample')).toEqual(new Set(['q1']));
        expect(await stores.practice.dueReviews(ann.member.id, 'sample', at(1), 5)).toEqual([]);
        expect(await stores.practice.dueReviews(ann.member.id, 'sample', expected.due, 5)).toMatchObject([
          { questionId: 'q1' },
        ]);
      } finally {
        await close();
      }
    });

    it('folds the pending reviews of several members at once, each in its own time order', async () => {
      const { stores, close } = await open();
      try {
        const ann = await stores.members.ensureMember(actor('Ann'), 'UTC');
        const bob = (await stores.members.ensureMember(actor('Bob'), 'UTC')).member;
        const answer = (memberId: number, questionId: string, correct: boolean, minute: number) =>
          practiseAt(stores, ann.workspace.id, memberId, questionId, correct, minute);
        await answer(ann.member.id, 'q1', false, 1);
        await answer(ann.member.id, 'q1', true, 60 * 24 * 2);
        await answer(bob.id, 'q1', true, 5);
        await answer(bob.id, 'q2', false, 6);
        expect(await stores.memory.applyPendingOf([bob.id, ann.member.id, bob.id], reviewCard)).toBe(4);
        expect(await stores.memory.applyPendingOf([ann.member.id, bob.id], reviewCard)).toBe(0);
        expect(await stores.memory.membersWithPending(10)).toEqual([]);
        // The same cards as folding each review in order by hand.
        const annQ1 = reviewCard(reviewCard(undefined, 1, at(1)).card, 3, at(60 * 24 * 2));
        const [annCard] = await stores.memory.cards(ann.member.id, 'sample');
        expect(annCard).toMatchObject({ questionId: 'q1', reps: 2, due: annQ1.due });
        expect(annCard?.stability).toBeCloseTo(annQ1.stability, 9);
        const bobCards = await stores.memory.cards(bob.id, 'sample');
        expect(bobCards.map((c) => [c.questionId, c.reps]).sort()).toEqual([
          ['q1', 1],
          ['q2', 1],
        ]);
        expect(bobCards.find((c) => c.questionId === 'q2')?.stability).toBeCloseTo(
          reviewCard(undefined, 1, at(6)).stability,
          9,
        );
      } finally {
        await close();
      }
    });

    it('reads folded cards in one go: none before any review, folded ones after a pending review', async () => {
      const { stores, close } = await open();
      try {
        const ann = await stores.members.ensureMember(actor('Ann'), 'UTC');
        expect(await stores.memory.foldedCards(ann.member.id, 'sample', reviewCard)).toEqual([]);
        await practiseAt(stores, ann.workspace.id, ann.member.id, 'q1', false, 5);
        // Unapplied: the plain read does not see it yet, the folded read folds it first.
        expect(await stores.memory.cards(ann.member.id, 'sample')).toEqual([]);
        const expected = reviewCard(undefined, 1, at(5));
        const [card, ...rest] = await stores.memory.foldedCards(ann.member.id, 'sample', reviewCard);
        expect(rest).toEqual([]);
        expect(card).toMatchObject({ questionId: 'q1', reps: 1, lastReview: at(5), due: expected.due });
        expect(await stores.memory.membersWithPending(10)).toEqual([]);
        expect(await stores.memory.foldedCards(ann.member.id, 'other-deck', reviewCard)).toEqual([]);
      } finally {
        await close();
      }
    });

    it("sums a member's recall in the store exactly as the readiness formulas do, folding pending reviews first", async () => {
      const { stores, close } = await open();
      try {
        const ann = await stores.members.ensureMember(actor('Ann'), 'UTC');
        for (const [questionId, correct, minute] of [
          ['q1', true, 1],
          ['q2', false, 2],
        ] as const)
          await practiseAt(stores, ann.workspace.id, ann.member.id, questionId, correct, minute);
        const weights = [
          { questionId: 'q1', objective: 0, share: 0.25 },
          { questionId: 'q2', objective: 0, share: 0.25 },
          { questionId: 'q3', objective: 1, share: 0.5 },
        ];
        await stores.readiness.putQuestions('sample:k1', weights);
        await stores.readiness.putQuestions('sample:k1', weights); // a key is stored once
        const priors: Record<string, number> = { q1: 0.4, q2: 0.5 };
        await stores.readiness.putSnapshot('priors:test', at(0), priors);
        // q3 has no prior in the snapshot: it counts at chance.
        const questions = weights.map((w) => ({ ...w, prior: priors[w.questionId] ?? 0.3 }));
        const source = { questionsKey: 'sample:k1', priorsKey: 'priors:test', chance: 0.3 };
        const examDate = at(60 * 24 * 30)
          .toISOString()
          .slice(0, 10);
        await stores.readiness.setExamDate(ann.member.id, examDate);
        const now = at(60 * 24 * 3);
        const instants = { now, ahead: at(60 * 24 * 4), zone: 'UTC' };
        // Both reviews are still pending: the sums fold them first.
        const sums = await stores.memory.recallSums(ann.member.id, 'sample', reviewCard, source, instants);
        const cards = await stores.memory.cards(ann.member.id, 'sample');
        expect(cards).toHaveLength(2);
        const exam = examInstant(examDate, 'UTC');
        const byId = new Map(cards.map((c) => [c.questionId, c]));
        const expected = sumRecall(byId, questions, { now, exam, ahead: instants.ahead });
        expect(sums).toMatchObject({ cards: 2, examDate, unseen: 1 });
        expect(sums.unseenPriorSum).toBeCloseTo(0.3, 9);
        expect(sums.total).toBeCloseTo(expected.total, 9);
        expect(sums.examTotal).toBeCloseTo(expected.examTotal, 9);
        expect(sums.examTotal).toBeLessThan(sums.total);
        const byObjective = (list: typeof sums.perObjective) =>
          [...list]
            .sort((a, b) => a.objective - b.objective)
            .map((o) => [o.objective, o.seen, o.recallSum.toFixed(9), o.examRecallSum.toFixed(9)]);
        expect(byObjective(sums.perObjective)).toEqual(byObjective(expected.perObjective));
        // The wrong answer is the weakest a day later; recall by the FSRS forgetting curve.
        expect(sums.weakest.map((w) => w.questionId)).toEqual(['q2', 'q1']);
        const q2 = cards.find((c) => c.questionId === 'q2');
        expect(sums.weakest[0]?.recall).toBeCloseTo(
          retrievability(q2?.stability ?? 0, q2?.lastReview ?? at(0), instants.ahead),
          9,
        );
        const none = await stores.memory.recallSums(ann.member.id, 'other', reviewCard, source, instants);
        expect(none).toMatchObject({ cards: 0, unseen: 3, weakest: [] });
        expect(none.total).toBeCloseTo(0.25 * 0.4 + 0.25 * 0.5 + 0.5 * 0.3, 9);
        // An exam date that has passed counts as none: the "exam" sums are today's.
        const later = { ...instants, now: at(60 * 24 * 40) };
        const past = await stores.memory.recallSums(ann.member.id, 'sample', reviewCard, source, later);
        expect(past.examDate).toBeNull();
        expect(past.examTotal).toBeCloseTo(past.total, 9);
      } finally {
        await close();
      }
    });

    it('re-rates a right guess as Hard by rebuilding the card, once, and only for its member', async () => {
      const { stores, close } = await open();
      try {
        const ann = await stores.members.ensureMember(actor('Ann'), 'UTC');
        const p1 = await stores.practice.createPracticePrompt(ann.member.id, 'sample', 'q1', 'v1');
        const p2 = await stores.practice.createPracticePrompt(ann.member.id, 'sample', 'q1', 'v1');
        const base = {
          workspaceId: ann.workspace.id,
          memberId: ann.member.id,
          choice: 'A',
          correct: true,
          rating: 3,
        };
        await stores.practice.answerPractice({ ...base, promptId: p1.id, at: at(0) });
        await stores.memory.applyPending(ann.member.id, reviewCard);
        await stores.practice.answerPractice({ ...base, promptId: p2.id, at: at(3 * 24 * 60) });
        await stores.memory.applyPending(ann.member.id, reviewCard);
        expect(await stores.memory.markGuess('practice', p1.id, ann.member.id + 1, 2)).toEqual({
          kind: 'missing',
        });
        expect(await stores.memory.markGuess('practice', p1.id, ann.member.id, 2)).toMatchObject({
          kind: 'marked',
          correct: true,
        });
        expect(await stores.memory.markGuess('practice', p1.id, ann.member.id, 2)).toMatchObject({
          kind: 'already',
        });
        expect(await stores.memory.applyPending(ann.member.id, reviewCard)).toBe(2);
        const first = reviewCard(undefined, 2, at(0));
        const second = reviewCard(first.card, 3, at(3 * 24 * 60));
        const [card] = await stores.memory.cards(ann.member.id, 'sample');
        expect(card?.stability).toBeCloseTo(second.stability, 6);
        expect(card?.due).toEqual(second.due);
      } finally {
        await close();
      }
    });

    it('keeps snapshots and exam dates, and finds channels whose team figures are stale', async () => {
      const { stores, close } = await open();
      try {
        const { workspace, member } = await stores.members.ensureMember(actor('Ann'), 'UTC');
        const channel = await stores.channels.ensureChannel(workspace.id, 'c1', 'sample');
        expect(await stores.readiness.examDate(member.id)).toBeNull();
        await stores.readiness.setExamDate(member.id, '2027-02-15');
        expect(await stores.readiness.examDate(member.id)).toBe('2027-02-15');
        await stores.readiness.setExamDate(member.id, null);
        expect(await stores.readiness.examDate(member.id)).toBeNull();
        const post = await livePost(stores, channel.id, 's1', 0);
        await stores.answers.recordAnswer({
          postId: post.id,
          memberId: member.id,
          choice: 'B',
          correct: false,
          topic: 'basics',
          deckId: 'sample',
          questionId: 'q1',
          rating: 1,
          at: at(1),
          periodBoards: [],
        });
        const stale = () => stores.readiness.staleScopes(at(10), at(9), at(-600), 10);
        expect(await stale()).toEqual([
          { channelId: channel.id, workspaceId: workspace.id, deckId: 'sample' },
        ]);
        await stores.readiness.putSnapshot(`team:${channel.id}:sample`, at(5), { members: 1 });
        expect(await stores.readiness.getSnapshot(`team:${channel.id}:sample`)).toEqual({
          computedAt: at(5),
          data: { members: 1 },
        });
        expect(await stale()).toEqual([]);
        expect(await stores.readiness.misconceptions(channel.id, 'sample', at(0), 5)).toEqual([
          { questionId: 'q1', choice: 'B', count: 1 },
        ]);
        expect(await stores.readiness.participation(channel.id, at(0))).toEqual({ members: 1, answers: 1 });
        await stores.memory.applyPending(member.id, reviewCard);
        expect(await stores.readiness.firstTries(workspace.id, 'sample')).toEqual([
          { questionId: 'q1', tries: 1, right: 0 },
        ]);
        const team = await stores.readiness.teamRecall(channel.id, at(0), 'sample', at(1 + 24 * 60), [
          { questionId: 'q1', share: 1, prior: 0.5 },
        ]);
        const card = reviewCard(undefined, 1, at(1));
        const recall = retrievability(card.stability, at(1), at(1 + 24 * 60));
        expect(team.members).toBe(1);
        expect(team.perQuestion[0]?.recallSum).toBeCloseTo(recall, 6);
        expect(team.perMember[0]?.delta).toBeCloseTo(recall - 0.5, 6);
      } finally {
        await close();
      }
    });

    it('keeps one schedule per channel: setting it up again resumes it, a pause keeps its reason', async () => {
      const { stores, close } = await open();
      try {
        const { workspace } = await stores.members.ensureMember(actor('admin'), 'UTC');
        const channel = await stores.channels.ensureChannel(workspace.id, 'c1', 'sample');
        const input = { channelId: channel.id, timeOfDay: '09:00', timezone: 'UTC', days: 'daily' as const };
        await stores.schedules.upsertSchedule({ ...input, at: at(0) });
        expect(
          await stores.schedules.setSchedulePaused(channel.id, true, 'the bot cannot post here', at(1)),
        ).toMatchObject({ paused: true, pausedReason: 'the bot cannot post here' });
        expect(await stores.schedules.activeSchedules()).toEqual([]);
        const again = await stores.schedules.upsertSchedule({ ...input, timeOfDay: '10:30', at: at(2) });
        expect(again).toMatchObject({ timeOfDay: '10:30', paused: false, pausedReason: null });
        expect((await stores.schedules.activeSchedules()).map((a) => a.channel.id)).toEqual([channel.id]);
        expect(await stores.schedules.setSchedulePaused(999_999, true, 'x', at(3))).toBeUndefined();
        // The workspace's schedules, paused or not, by channel (the App Home's admin list); others' never.
        const second = await stores.channels.ensureChannel(workspace.id, 'c2', 'sample');
        await stores.schedules.upsertSchedule({ ...input, channelId: second.id, at: at(4) });
        await stores.schedules.setSchedulePaused(second.id, true, 'by an admin', at(5));
        const other = await stores.members.ensureMember(actor('admin', 'w-other'), 'UTC');
        const foreign = await stores.channels.ensureChannel(other.workspace.id, 'c1', 'sample');
        await stores.schedules.upsertSchedule({ ...input, channelId: foreign.id, at: at(6) });
        const listed = await stores.schedules.workspaceSchedules(workspace.id);
        expect(listed.map((l) => [l.channel.externalId, l.schedule.timeOfDay, l.schedule.paused])).toEqual([
          ['c1', '10:30', false],
          ['c2', '09:00', true],
        ]);
      } finally {
        await close();
      }
    });

    it('pauses a whole workspace with a reason, leaves other workspaces and admin pauses alone, and resumes only its own (issue 17)', async () => {
      const { stores, close } = await open();
      try {
        const { workspace: w1 } = await stores.members.ensureMember(actor('a', 'w1'), 'UTC');
        const { workspace: w2 } = await stores.members.ensureMember(actor('b', 'w2'), 'UTC');
        const [c1, c2, c3] = [
          await stores.channels.ensureChannel(w1.id, 'c1', 'sample'),
          await stores.channels.ensureChannel(w1.id, 'c2', 'sample'),
          await stores.channels.ensureChannel(w2.id, 'c1', 'sample'),
        ];
        for (const c of [c1, c2, c3])
          await stores.schedules.upsertSchedule({
            channelId: c.id,
            timeOfDay: '09:00',
            timezone: 'UTC',
            days: 'daily',
            at: at(0),
          });
        await stores.schedules.setSchedulePaused(c2.id, true, 'paused by an admin', at(1));
        expect(await stores.schedules.pauseWorkspace('console', 'w1', 'uninstalled', at(2))).toBe(1);
        expect(await stores.schedules.pauseWorkspace('console', 'w1', 'uninstalled', at(3))).toBe(0);
        expect(await stores.schedules.pauseWorkspace('console', 'nowhere', 'uninstalled', at(3))).toBe(0);
        expect(await stores.schedules.getSchedule(c1.id)).toMatchObject({
          paused: true,
          pausedReason: 'uninstalled',
        });
        expect(await stores.schedules.getSchedule(c2.id)).toMatchObject({
          pausedReason: 'paused by an admin',
        });
        expect((await stores.schedules.activeSchedules()).map((a) => a.channel.id)).toEqual([c3.id]);
        expect(await stores.schedules.resumeWorkspace('console', 'w1', 'uninstalled', at(4))).toBe(1);
        expect(await stores.schedules.getSchedule(c1.id)).toMatchObject({
          paused: false,
          pausedReason: null,
        });
        expect(await stores.schedules.getSchedule(c2.id)).toMatchObject({ paused: true });
      } finally {
        await close();
      }
    });

    it('claims a recap once (a dead claimant is taken over), and gives the week in figures without opt-outs', async () => {
      const { stores, close } = await open();
      try {
        const { recaps } = stores;
        const { workspace } = await stores.members.ensureMember(actor('Ann'), 'UTC');
        const channel = await stores.channels.ensureChannel(workspace.id, 'c1', 'sample');
        const claim = { channelId: channel.id, slot: 'recap:2026-11-30', now: at(0), leaseUntil: at(5) };
        const first = await recaps.claimRecap(claim);
        expect(first.kind).toBe('claimed');
        expect(await recaps.claimRecap({ ...claim, now: at(1) })).toEqual({ kind: 'taken' });
        // Its lease ran out: exactly one taker.
        const taken = await recaps.claimRecap({ ...claim, now: at(6), leaseUntil: at(11) });
        expect(taken).toEqual(first);
        expect(await recaps.claimRecap({ ...claim, now: at(7) })).toEqual({ kind: 'taken' });
        if (first.kind !== 'claimed') throw new Error('not claimed');
        await recaps.finishRecap(first.id, { status: 'posted', at: at(8), data: { week: 1 } });
        expect(await recaps.claimRecap({ ...claim, now: at(60) })).toEqual({ kind: 'taken' });
        expect(await recaps.previousRecap(channel.id, at(7))).toBeUndefined();
        expect(await recaps.previousRecap(channel.id, at(9))).toEqual({ postedAt: at(8), data: { week: 1 } });

        const ids = new Map<string, number>();
        for (const name of ['Ann', 'Bob', 'Cy'])
          ids.set(name, (await stores.members.ensureMember(actor(name), 'UTC')).member.id);
        await stores.members.setOptOut(ids.get('Cy') ?? 0, true);
        const answer = (name: string, postId: number, choice: string, minutes: number) =>
          stores.answers.recordAnswer({
            postId,
            memberId: ids.get(name) ?? 0,
            choice,
            correct: choice === 'A',
            topic: 'basics',
            deckId: 'sample',
            questionId: `q${postId}`,
            rating: choice === 'A' ? 3 : 1,
            at: at(minutes),
            periodBoards: [],
          });
        const p1 = await livePost(stores, channel.id, 's1', 10);
        await answer('Ann', p1.id, 'A', 11);
        await answer('Bob', p1.id, 'B', 12);
        await answer('Cy', p1.id, 'A', 13);
        const p2 = await livePost(stores, channel.id, 's2', 20);
        await answer('Ann', p2.id, 'C', 21);
        await answer('Bob', p2.id, 'C', 22);
        await answer('Cy', p2.id, 'A', 23);
        const week = [at(10), at(30)] as const;
        expect(await recaps.participation(channel.id, ...week)).toEqual({ members: 3, answers: 6 });
        expect(await recaps.participation(channel.id, at(20), at(30))).toEqual({ members: 3, answers: 3 });
        expect(await recaps.topScorers(channel.id, ...week, 3)).toEqual([
          { memberId: ids.get('Ann'), displayName: 'Ann', points: BASE_POINTS, correct: 1, answers: 2 },
          { memberId: ids.get('Bob'), displayName: 'Bob', points: 0, correct: 0, answers: 2 },
        ]);
        expect(await recaps.streakLeaders(channel.id, 2, 3)).toEqual([
          { displayName: 'Ann', current: 2, best: 2 },
          { displayName: 'Bob', current: 2, best: 2 },
        ]);
        expect(await recaps.streakLeaders(channel.id, 3, 3)).toEqual([]);
        expect(await recaps.answerTallies(channel.id, at(20), at(30))).toEqual([
          { postId: p2.id, deckId: 'sample', questionId: 'q2', choice: 'A', correct: true, count: 1 },
          { postId: p2.id, deckId: 'sample', questionId: 'q2', choice: 'C', correct: false, count: 2 },
        ]);
      } finally {
        await close();
      }
    });

    it('remembers a delivery once until it expires, across calls, per platform (issue 12)', async () => {
      const { stores, close } = await open();
      try {
        const { deliveries } = stores;
        expect(await deliveries.remember('slack', 'T1', at(0), at(15))).toBe(true);
        expect(await deliveries.remember('slack', 'T1', at(1), at(16))).toBe(false);
        expect(await deliveries.remember('discord', 'T1', at(1), at(16))).toBe(true);
        // Expired: the same id is new again (and remembered anew).
        expect(await deliveries.remember('slack', 'T1', at(15), at(30))).toBe(true);
        expect(await deliveries.remember('slack', 'T1', at(20), at(35))).toBe(false);
        expect(await deliveries.forgetExpired(at(16))).toBe(1);
        expect(await deliveries.forgetExpired(at(16))).toBe(0);
        expect(await deliveries.remember('discord', 'T1', at(17), at(32))).toBe(true);
      } finally {
        await close();
      }
    });

    it('keeps one report per member and question (a second replaces it) and lists them per workspace', async () => {
      const { stores, close } = await open();
      try {
        const ann = await stores.members.ensureMember(actor('Ann'), 'UTC');
        const zed = await stores.members.ensureMember(actor('Zed', 'w2'), 'UTC');
        const report = {
          workspaceId: ann.workspace.id,
          memberId: ann.member.id,
          deckId: 'sample',
          questionId: 'q1',
          questionVersion: 'v1',
          reason: 'unclear' as const,
          text: 'two fit',
          at: at(1),
        };
        const first = await stores.reports.saveReport(report);
        expect(first).toMatchObject({ kind: 'created', report: { reason: 'unclear', text: 'two fit' } });
        const second = await stores.reports.saveReport({ ...report, reason: 'typo', text: null, at: at(5) });
        expect(second).toMatchObject({
          kind: 'updated',
          report: { id: first.report.id, reason: 'typo', text: null },
        });
        expect(second.report.createdAt).toEqual(at(1));
        expect(second.report.updatedAt).toEqual(at(5));
        await stores.reports.saveReport({ ...report, questionId: 'q2', at: at(2) });
        await stores.reports.saveReport({
          ...report,
          workspaceId: zed.workspace.id,
          memberId: zed.member.id,
          at: at(3),
        });
        const mine = await stores.reports.listReports(ann.workspace.id);
        expect(mine.map((r) => [r.questionId, r.reason])).toEqual([
          ['q1', 'typo'],
          ['q2', 'unclear'],
        ]);
        expect(await stores.reports.listReports(undefined)).toHaveLength(3);
      } finally {
        await close();
      }
    });

    it("gives each member's first try per question version, daily or practice, per workspace", async () => {
      const { stores, close } = await open();
      try {
        const ann = await stores.members.ensureMember(actor('Ann'), 'UTC');
        const channel = await stores.channels.ensureChannel(ann.workspace.id, 'c1', 'sample');
        const post = await livePost(stores, channel.id, 's1', 0);
        // A practice answer to q1 before the daily one: the practice answer is the first try.
        const prompt = await stores.practice.createPracticePrompt(ann.member.id, 'sample', 'q1', 'v1');
        await stores.practice.answerPractice({
          promptId: prompt.id,
          memberId: ann.member.id,
          workspaceId: ann.workspace.id,
          choice: 'C',
          correct: false,
          rating: 1,
          at: at(1),
        });
        await stores.answers.recordAnswer({
          postId: post.id,
          memberId: ann.member.id,
          choice: 'A',
          correct: true,
          topic: 'basics',
          deckId: 'sample',
          questionId: 'q1',
          rating: 3,
          at: at(2),
          periodBoards: [],
        });
        // A prompt for a newer version: a first try of its own.
        const newer = await stores.practice.createPracticePrompt(ann.member.id, 'sample', 'q1', 'v2');
        await stores.practice.answerPractice({
          promptId: newer.id,
          memberId: ann.member.id,
          workspaceId: ann.workspace.id,
          choice: 'B',
          correct: true,
          rating: 3,
          at: at(3),
        });
        const tries = await stores.itemAnswers.firstTries(ann.workspace.id);
        expect(tries.map((t) => [t.questionId, t.questionVersion, t.choice, t.correct])).toEqual([
          ['q1', 'v1', 'C', false],
          ['q1', 'v2', 'B', true],
        ]);
        expect(await stores.itemAnswers.firstTries(ann.workspace.id + 1000)).toEqual([]);
      } finally {
        await close();
      }
    });

    it('re-grades answers to the named versions against a key on every board, once', async () => {
      const { stores, close } = await open();
      try {
        const ann = await stores.members.ensureMember(actor('Ann'), 'UTC');
        const bob = (await stores.members.ensureMember(actor('Bob'), 'UTC')).member;
        const channel = await stores.channels.ensureChannel(ann.workspace.id, 'c1', 'sample');
        const post = await livePost(stores, channel.id, 's1', 0);
        const answer = (memberId: number, choice: string) =>
          stores.answers.recordAnswer({
            postId: post.id,
            memberId,
            choice,
            correct: choice === 'A',
            topic: 'basics',
            deckId: 'sample',
            questionId: 'q1',
            rating: choice === 'A' ? 3 : 1,
            at: at(1),
            periodBoards: periodBoards(at(1), 'UTC'),
          });
        await answer(ann.member.id, 'A');
        await answer(bob.id, 'B');
        const input = {
          deckId: 'sample',
          questionId: 'q1',
          key: 'B',
          versions: ['v1'],
          includeUnversioned: false,
          step: reviewCard,
        };
        const first = await stores.rescore.rescore(input);
        expect(first.daily.map((a) => [a.memberId, a.correct, a.pointsBefore, a.pointsAfter])).toEqual([
          [ann.member.id, false, BASE_POINTS, 0],
          [bob.id, true, 0, BASE_POINTS],
        ]);
        expect(first).toMatchObject({ practice: 0, reviews: 2, members: 2 });
        for (const board of ['all', ...periodBoards(at(1), 'UTC'), `channel:${channel.id}`]) {
          const rows = (await stores.scores.leaderboard(ann.workspace.id, board, ann.member.id, 10)).top;
          expect(rows.map((r) => [r.displayName, r.points, r.correct, r.answered])).toEqual([
            ['Bob', BASE_POINTS, 1, 1],
            ['Ann', 0, 0, 1],
          ]);
        }
        const card = (await stores.memory.cards(bob.id, 'sample')).find((c) => c.questionId === 'q1');
        expect(card?.reps).toBe(1);
        expect(await stores.rescore.rescore(input)).toEqual({
          daily: [],
          practice: 0,
          reviews: 0,
          members: 0,
        });
        // Another version is not touched.
        expect((await stores.rescore.rescore({ ...input, key: 'A', versions: ['v9'] })).daily).toEqual([]);
      } finally {
        await close();
      }
    });
  });
}
