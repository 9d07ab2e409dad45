import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../../src/core/content/content.schema.js';
import { answers } from '../../../src/db/schema.js';
import {
  type DiscordHarness,
  type Embed,
  embedOf,
  startDiscordHarness,
} from '../../support/discord-harness.js';
import { PERMS, type RecordedCall } from '../../support/fake-discord.js';

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Message {
  id?: string;
  embeds?: Embed[];
  components?: { type: number; components: { custom_id: string; label: string; style: number }[] }[];
  allowed_mentions?: { parse: string[] };
  message_reference?: { message_id: string; channel_id?: string; fail_if_not_exists?: boolean };
}

const admin = () => h.fake.user('Ada', PERMS.manageServer);
const channelPath = () => `/channels/${h.fake.channelId}/messages`;

/** `/studybot post` by an admin: the channel message it created, its id, buttons and question. */
async function postQuestion() {
  const command = h.fake.studybot('post', [], admin());
  const answer = await h.fake.ask(command);
  expect(answer).toMatchObject({ via: 'edit', ephemeral: true });
  expect(embedOf(answer.body).description).toBe('Posted the next question in this channel.');
  const calls = h.fake.calls;
  const deferral = calls.findIndex((c) => c.path.includes(`/${String(command.token)}/callback`));
  // The last channel message with answer buttons (posting also reveals the previous open question, whose
  // reveal carries a Report button).
  const created = calls.findLastIndex(
    (c) =>
      c.method === 'POST' &&
      c.path === channelPath() &&
      ((c.body as Message).components ?? []).some((r) =>
        r.components.some((b) => b.custom_id.startsWith('answer:')),
      ),
  );
  // Acknowledged first (within Discord's 3 s), then the work.
  expect(deferral).toBeGreaterThanOrEqual(0);
  expect(deferral).toBeLessThan(created);
  const call = calls[created] as RecordedCall;
  const body = call.body as Message;
  const messageId = String((call.response as Message).id);
  const buttons = (body.components ?? []).flatMap((r) => r.components);
  const prompt = (embedOf(body).description ?? '').split('\n')[0];
  const question = h.bot.catalog.decks[0]?.questions.find((q) => q.prompt === prompt) as Question;
  expect(question).toBeDefined();
  const postId = Number(buttons[0]?.custom_id.split(':')[1]);
  const wrong = question.answer === 'A' ? 'B' : 'A';
  return { body, messageId, buttons, question, postId, wrong };
}

async function answerRows(postId: number) {
  return h.database.db.select().from(answers).where(eq(answers.postId, postId));
}

describe('the daily question on Discord, from /studybot post to /leaderboard', () => {
  it('posts, takes answers privately, reveals by editing the question and replying to it, and ranks the member', async () => {
    const posted = await postQuestion();
    const { body, buttons, question, postId, messageId, wrong } = posted;
    expect(embedOf(body).title).toMatch(/^Question of the day · /);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(buttons.map((b) => b.label)).toEqual(['A', 'B', 'C', 'D', 'E'].slice(0, question.choices.length));
    for (const b of buttons) expect(b.custom_id).toBe(`answer:${postId}:${b.label}`);

    const alice = h.fake.user('Alice');
    const right = await h.fake.ask(h.fake.button(`answer:${postId}:${question.answer}`, alice, messageId));
    expect(right).toMatchObject({ via: 'edit', ephemeral: true });
    expect(embedOf(right.body).title).toBe('Correct! +10 points');
    expect(embedOf(right.body).description).toContain(question.explanation);

    const bob = h.fake.user('Bob');
    const miss = await h.fake.ask(h.fake.button(`answer:${postId}:${wrong}`, bob, messageId));
    expect(miss.ephemeral).toBe(true);
    expect(embedOf(miss.body).title).toBe('Not quite.');
    // Feedback is private: nothing was posted to the channel for the answers.
    expect(h.fake.calls.filter((c) => c.path.startsWith('/channels/') && c.method === 'POST')).toHaveLength(
      1,
    );

    const close = await h.fake.ask(h.fake.studybot('close', [], admin()));
    expect(embedOf(close.body).description).toBe('Closed the question and revealed its answer.');
    const edit = await h.fake.waitForCall(
      (c) => c.method === 'PATCH' && c.path === `${channelPath()}/${messageId}`,
    );
    const closed = edit.body as Message;
    expect(closed.components).toEqual([]);
    expect(closed.allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(closed).title).toMatch(/\(closed\)$/);
    expect(embedOf(closed).description).toContain(`Answer: ${question.answer}.`);
    const reveal = await h.fake.waitForCall(
      (c) =>
        c.method === 'POST' && c.path === channelPath() && Boolean((c.body as Message).message_reference),
    );
    const revealBody = reveal.body as Message;
    expect(revealBody.message_reference).toMatchObject({ message_id: messageId, fail_if_not_exists: false });
    expect(revealBody.allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(revealBody).title).toMatch(new RegExp(`^The answer: ${question.answer}\\. `));
    expect(embedOf(revealBody).fields).toEqual([
      { name: 'Answered', value: '2', inline: true },
      { name: 'Correct', value: '50%', inline: true },
      { name: 'First right', value: 'Alice', inline: true },
    ]);

    const asked = h.fake.button(`answer:${postId}:${question.answer}`, h.fake.user('Cy'), messageId);
    const late = await h.fake.ask(asked);
    const refused = await h.handled(asked);
    expect(late.ephemeral).toBe(true);
    expect(refused.codes).toEqual(['POST_CLOSED']);

    const board = await h.fake.ask(h.fake.command('leaderboard', [h.fake.str('period', 'all')], alice));
    expect(board.ephemeral).toBe(true);
    const lines = (embedOf(board.body).description ?? '').split('\n');
    expect(lines[0]).toBe('1\\. Alice: 10 pts (1/1 right)  ← you');
    expect(lines[1]).toBe('2\\. Bob: 0 pts (0/1 right)');
  });

  it('records one answer when one member clicks 20 times at once, and says so 19 times', async () => {
    const { postId, question, messageId } = await postQuestion();
    const zed = h.fake.user('Zed');
    const clicks = Array.from({ length: 20 }, () =>
      h.fake.button(`answer:${postId}:${question.answer}`, zed, messageId),
    );
    await Promise.all(clicks.map((c) => h.fake.interact(c)));
    const replies = await Promise.all(clicks.map((c) => h.fake.answerTo(c)));
    for (const r of replies) expect(r.ephemeral).toBe(true);
    const titles = replies.map((r) => embedOf(r.body).title);
    expect(titles.filter((t) => t === 'Correct! +10 points')).toHaveLength(1);
    const events = await Promise.all(clicks.map((c) => h.handled(c)));
    expect(events.filter((e) => e.codes.includes('ALREADY_ANSWERED'))).toHaveLength(19);
    expect(await answerRows(postId)).toHaveLength(1);
  });

  it('refuses a tampered custom_id, storing nothing', async () => {
    const { postId, messageId } = await postQuestion();
    const eve = h.fake.user('Eve');
    for (const customId of [
      `answer:${postId}:Z`,
      `answer:${postId}:A:extra`,
      `answer:${postId};drop table answers`,
      `answer:-${postId}:A`,
      'x'.repeat(100),
    ]) {
      const asked = h.fake.button(customId, eve, messageId);
      const reply = await h.fake.ask(asked);
      const event = await h.handled(asked);
      expect(reply.ephemeral).toBe(true);
      expect(event).toMatchObject({ name: 'button:invalid', codes: ['ACTION_INVALID'] });
    }
    // A real post id of this server, clicked from another server: not there.
    const foreign = h.fake.button(`answer:${postId}:A`, eve, undefined, {
      guildId: '1400000000000000099',
      channelId: '1400000000000000098',
    });
    const elsewhere = await h.fake.ask(foreign);
    const event = await h.handled(foreign);
    expect(elsewhere.ephemeral).toBe(true);
    expect(event.codes).toEqual(['POST_NOT_FOUND']);
    expect(await answerRows(postId)).toHaveLength(0);
  });
});
