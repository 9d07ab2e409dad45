import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/replies.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: '2026-11-23T10:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;
const me = () => h.actor('pia', { channel: 'practice' });
const quiz = async (): Promise<Reply> => (await h.bot.command(me(), 'quiz', ''))[0] as Reply;
const questionOf = (reply: Reply) => h.catalog.decks[0]?.questions.find((q) => q.prompt === reply.lines[0]);
async function answer(reply: Reply, right: boolean): Promise<Reply> {
  const q = questionOf(reply);
  if (!q) throw new Error('not a practice question');
  const letter = right ? q.answer : q.answer === 'A' ? 'B' : 'A';
  const button = reply.buttons?.find((b) => b.label === letter);
  if (!button) throw new Error(`no button ${letter}`);
  return (await h.bot.action(me(), button.actionId))[0] as Reply;
}

describe('/quiz: spaced-repetition practice', () => {
  it('asks new questions privately, rates answers by correctness, and says when they come back', async () => {
    const first = await quiz();
    expect(first.kind).toBe('practice');
    expect(first.visibility).toBe('only-user');
    expect(first.footer).toMatch(/^A new question \(1 of 5\)\. Practice never changes the leaderboard\.$/);
    const wrong = await answer(first, false);
    expect(wrong.title).toBe('Not quite.');
    expect(wrong.lines.at(-1)).toMatch(
      /^It comes back in 24 hours \(Tue 24 Nov, 10:00\)\. Type \/quiz for another\.$/,
    );
    const second = await quiz();
    expect(questionOf(second)?.id).not.toBe(questionOf(first)?.id);
    const right = await answer(second, true);
    expect(right.title).toBe('Correct!');
    expect(right.lines.at(-1)).toMatch(/^It comes back in 3 days/);
    const [again] = await h.bot.action(me(), second.buttons?.[0]?.actionId ?? '');
    expect(again?.code).toBe('PRACTICE_ALREADY_ANSWERED');
    const [leaderboard] = await h.bot.command(me(), 'leaderboard', 'all');
    expect(leaderboard?.lines[0]).toMatch(/^Nobody has scored here yet/);
  });

  it('serves due reviews before new questions, earliest due first', async () => {
    h.clock.advance(2 * DAY); // the wrong one (due after 1 day) is due; the right one (3 days) is not
    const due = await quiz();
    expect(due.footer).toMatch(/^A review: you last saw this once\./);
    const reviewed = questionOf(due)?.id;
    await answer(due, true);
    const next = await quiz();
    expect(next.footer).toMatch(/^A new question \(3 of 5\)/);
    expect(questionOf(next)?.id).not.toBe(reviewed);
  });

  it("refuses someone else's practice question and tampered buttons", async () => {
    const mine = await quiz();
    const [other] = await h.bot.action(
      h.actor('intruder', { channel: 'practice' }),
      mine.buttons?.[0]?.actionId ?? '',
    );
    expect(other?.code).toBe('PRACTICE_NOT_YOURS');
    const [tampered] = await h.bot.action(me(), 'practice:999999:A');
    expect(tampered?.code).toBe('PRACTICE_NOT_YOURS');
  });

  it('says when everything is practised and nothing is due', async () => {
    for (let i = 0; i < 5; i++) {
      const reply = await quiz();
      if (reply.kind !== 'practice') break;
      await answer(reply, true);
    }
    const done = await quiz();
    expect(done.kind).toBe('info');
    expect(done.lines[0]).toBe('You are all caught up: you have practised all 5 questions and none is due.');
    expect(done.lines[1]).toMatch(/^The next review is due in /);
  });
});
