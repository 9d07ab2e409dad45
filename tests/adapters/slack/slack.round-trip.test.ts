import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, posts } from '../../../src/db/schema.js';
import type { FakeMessage } from '../../support/fake-slack.js';
import {
  blockText,
  buttonsOf,
  CHANNEL,
  createSlackHarness,
  type SlackHarness,
} from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const admin = () => h.user({ id: 'U0ADMIN01', name: 'alice', displayName: 'Alice Admin', isAdmin: true });

/** `/studybot post` in a channel; returns the question message the fake received and its right answer. */
async function postQuestion(channel: string) {
  const before = h.fake.callsTo('chat.postMessage').length;
  const sent = await h.command(admin(), '/studybot', 'post', { channel });
  expect(sent.status).toBe(200);
  const [reply] = await h.replies(sent.responseUrl);
  expect(reply?.body).toMatchObject({ response_type: 'ephemeral' });
  expect(reply?.body.text).toBe('Posted the next question in this channel.');
  expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before + 1);
  const message = h.fake.messages.filter((m) => m.channel === channel && !m.threadTs).at(-1) as FakeMessage;
  const question = h.catalog.decks[0]?.questions.find((q) => blockText(message.blocks).includes(q.prompt));
  if (!question) throw new Error('the posted question is not in the deck');
  const buttons = buttonsOf(message.blocks);
  const buttonValue = (letter: string) => {
    const button = buttons.find((b) => b.label === letter);
    if (!button) throw new Error(`no button ${letter}`);
    return button.value;
  };
  const postId = Number(buttonValue('A').split(':')[1]);
  return { message, question, buttons, buttonValue, postId, wrong: question.answer === 'A' ? 'B' : 'A' };
}

describe('the daily question in Slack, from /studybot post to the leaderboard', () => {
  it('posts with buttons, takes a click privately, reveals in place and in the thread, and scores', async () => {
    const ada = h.user({ id: 'U0ADA0001', name: 'ada', displayName: 'Ada Lovelace' });
    const { message, question, buttons, buttonValue } = await postQuestion(CHANNEL);

    // The question: a channel message through chat.postMessage, Block Kit with one button per choice.
    const call = h.fake.callsTo('chat.postMessage').at(-1);
    expect(call?.params.channel).toBe(CHANNEL);
    expect(call?.params).not.toHaveProperty('link_names');
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
    expect(blockText(message.blocks)).toContain('Question of the day · Identity');
    expect(message.text).toContain(question.prompt);
    expect(buttons.map((b) => b.label)).toEqual(question.choices.map((_, i) => 'ABCDE'[i]));
    expect(buttons.every((b) => b.actionId.startsWith('studybot_'))).toBe(true);
    expect(new Set(buttons.map((b) => b.actionId)).size).toBe(buttons.length);

    // A click: acknowledged with an empty 200, feedback only for the clicker, the question left alone.
    const click = await h.click(ada, buttonValue(question.answer), { messageTs: message.ts });
    expect(click).toMatchObject({ status: 200, text: '' });
    const [feedback] = await h.replies(click.responseUrl);
    expect(feedback?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blockText(feedback?.body.blocks)).toContain('Correct! +10 points');
    expect(blockText(feedback?.body.blocks)).toContain(question.explanation);

    // Close: the message loses its buttons and shows the answer; the reveal goes into its thread.
    const close = await h.command(admin(), '/studybot', 'close');
    const [closed] = await h.replies(close.responseUrl);
    expect(closed?.body.text).toBe('Closed the question and revealed its answer.');
    const update = h.fake.callsTo('chat.update').at(-1);
    expect(update?.params).toMatchObject({ channel: CHANNEL, ts: message.ts });
    expect(buttonsOf(update?.params.blocks)).toEqual([]);
    expect(blockText(update?.params.blocks)).toContain('(closed)');
    expect(blockText(update?.params.blocks)).toContain(`Answer: ${question.answer}.`);
    const reveal = h.fake.messages.find((m) => m.threadTs === message.ts);
    expect(reveal?.channel).toBe(CHANNEL);
    expect(blockText(reveal?.blocks)).toContain(`The answer: ${question.answer}.`);
    expect(blockText(reveal?.blocks)).toContain('Ada Lovelace');

    // A late click is refused and changes nothing.
    const late = await h.click(ada, buttonValue(question.answer === 'A' ? 'B' : 'A'), {
      messageTs: message.ts,
    });
    const event = await h.handled(late);
    const [refused] = await h.replies(late.responseUrl);
    expect(refused?.body.response_type).toBe('ephemeral');
    expect(event.codes).toEqual(['POST_CLOSED']);

    // The board shows the member, privately.
    const board = await h.command(ada, '/leaderboard', 'all');
    const [shown] = await h.replies(board.responseUrl);
    expect(shown?.body.response_type).toBe('ephemeral');
    expect(blockText(shown?.body.blocks)).toContain('1. Ada Lovelace: 10 pts (1/1 right)  ← you');
  });

  it('records one answer and sends one verdict when a member clicks twenty times at once', async () => {
    const bo = h.user({ id: 'U0BO00001', name: 'bo', displayName: 'Bo' });
    const { message, question, buttonValue, postId, wrong } = await postQuestion('C0RACE0001');
    const clicks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.click(bo, buttonValue(i % 2 === 0 ? question.answer : wrong), {
          channel: 'C0RACE0001',
          messageTs: message.ts,
        }),
      ),
    );
    expect(clicks.map((c) => c.status)).toEqual(Array(20).fill(200));
    const answered = await Promise.all(clicks.map(async (c) => (await h.replies(c.responseUrl))[0]));
    const titles = answered.map((r) => blockText(r?.body.blocks));
    const verdicts = titles.filter((t) => /Correct! \+10 points|Not quite\./.test(t));
    expect(verdicts).toHaveLength(1);
    const events = await Promise.all(clicks.map((c) => h.handled(c)));
    expect(events.filter((e) => e.codes.includes('ALREADY_ANSWERED'))).toHaveLength(19);
    const rows = await h.database.db.select().from(answers).where(eq(answers.postId, postId));
    expect(rows).toHaveLength(1);
    // Exactly one response per click: nobody got two messages.
    for (const c of clicks) expect(h.fake.responsesTo(c.responseUrl)).toHaveLength(1);
  });

  it('refuses a tampered button value and stores nothing', async () => {
    const cy = h.user({ id: 'U0CY00001', name: 'cy', displayName: 'Cy' });
    const { message, postId } = await postQuestion('C0TAMPER01');
    for (const value of [`answer:${postId}:Z`, `answer:${postId}:A:extra`, `'; drop table answers; --`, '']) {
      const click = await h.click(cy, value, { channel: 'C0TAMPER01', messageTs: message.ts });
      const event = await h.handled(click);
      expect(click.status).toBe(200);
      const [reply] = await h.replies(click.responseUrl);
      expect(reply?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(event).toMatchObject({ name: 'button:invalid', codes: ['ACTION_INVALID'] });
    }
    // A well-formed value naming a post that does not exist.
    const ghost = await h.click(cy, `answer:${postId + 1000}:A`, { channel: 'C0TAMPER01' });
    const event = await h.handled(ghost);
    expect((await h.replies(ghost.responseUrl))[0]?.body.response_type).toBe('ephemeral');
    expect(event.codes).toEqual(['POST_NOT_FOUND']);
    expect(await h.database.db.select().from(answers).where(eq(answers.postId, postId))).toEqual([]);
    const [post] = await h.database.db.select().from(posts).where(eq(posts.id, postId));
    expect(post?.status).toBe('open');
  });

  it('acknowledges a command before the slow work is done, then answers through the response URL', async () => {
    const slow = h.user({ id: 'U0SLOW001', name: 'slow', displayName: 'Slow Sam' });
    const held = h.fake.hold('users.info');
    try {
      const sent = await h.command(slow, '/stats');
      // The 200 arrived while the user lookup (and so the core and the database) had not even started.
      expect(sent).toMatchObject({ status: 200, text: '' });
      await held.reached;
      expect(h.fake.responsesTo(sent.responseUrl)).toEqual([]);
      held.release();
      const [reply] = await h.replies(sent.responseUrl);
      expect(blockText(reply?.body.blocks)).toContain('Stats for Slow Sam');
    } finally {
      held.release();
    }
  });
});
