import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/content/catalog.js';
import { answerActionOf, createHarness, type Harness } from '../support/harness.js';
import { fixtureContent } from '../support/paths.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const admin = (channel: string) => h.actor('admin', { admin: true, channel });
const promptsIn = (channel: string) =>
  h.publisher.messages
    .filter((m) => m.channel.channelExternalId === channel)
    .map((m) => m.reply.lines[0] ?? '');
const idOf = (prompt: string) => h.catalog.decks[0]?.questions.find((q) => q.prompt === prompt)?.id;

describe('posting questions in a channel', () => {
  it('walks the whole deck without repeats, then starts a new cycle', async () => {
    for (let i = 0; i < 7; i++) {
      const [reply] = await h.bot.command(admin('cycle'), 'studybot', 'post');
      expect(reply?.lines[0]).toBe('Posted the next question in this channel.');
    }
    const ids = promptsIn('cycle').map(idOf);
    expect(ids.every((id) => id !== undefined)).toBe(true);
    expect(new Set(ids.slice(0, 5)).size).toBe(5);
    // A new cycle never opens with the question that closed the last one.
    expect(ids[5]).not.toBe(ids[4]);
    expect(new Set(ids.slice(5, 7)).size).toBe(2);
  });

  it('shuffles per channel, and keeps the order across a restart', async () => {
    for (let i = 0; i < 2; i++) await h.bot.command(admin('other'), 'studybot', 'post');
    const restarted = h.restart();
    for (let i = 0; i < 3; i++) await restarted.command(admin('other'), 'studybot', 'post');
    const other = promptsIn('other').map(idOf);
    expect(new Set(other).size).toBe(5);
    const cycle = promptsIn('cycle').map(idOf).slice(0, 5);
    expect(other).not.toEqual(cycle);
  });

  it('closes the previous question when the next one opens, and reveals it', async () => {
    const before = h.publisher.messages.filter((m) => m.channel.channelExternalId === 'reveal').length;
    expect(before).toBe(0);
    await h.bot.command(admin('reveal'), 'studybot', 'post');
    const action = answerActionOf(h, 'A', 'reveal');
    const first = h.publisher.messages.find((m) => m.channel.channelExternalId === 'reveal');
    await h.bot.action(h.actor('ann', { channel: 'reveal' }), action);
    await h.bot.action(h.actor('ben', { channel: 'reveal' }), answerActionOf(h, 'B', 'reveal'));
    await h.bot.command(admin('reveal'), 'studybot', 'post');
    expect(first?.reveal?.kind).toBe('reveal');
    expect(first?.updated?.buttons).toBeUndefined();
    expect(first?.updated?.title).toMatch(/\(closed\)$/);
    expect(first?.reveal?.fields).toContainEqual({ label: 'Answered', value: '2', short: true });
    const question = h.catalog.decks[0]?.questions.find((q) => q.prompt === first?.reply.lines[0]);
    expect(first?.reveal?.title).toBe(
      `The answer: ${question?.answer}. ${question?.choices['AB'.indexOf(question.answer)]}`,
    );
    const correctPercent = first?.reveal?.fields?.find((f) => f.label === 'Correct')?.value;
    expect(correctPercent).toBe('50%');
    expect(first?.reveal?.fields).toContainEqual({
      label: 'First right',
      value: question?.answer === 'A' ? 'ann' : 'ben',
      short: true,
    });
  });

  it('refuses a click on a post another replica closed, though this one read it open a moment ago', async () => {
    await h.bot.command(admin('replica'), 'studybot', 'post');
    const action = answerActionOf(h, 'A', 'replica');
    // This process reads the open post on the first click and keeps it for later clicks.
    const [first] = await h.bot.action(h.actor('ann', { channel: 'replica' }), action);
    expect(first?.code).toBeUndefined();
    const [closed] = await h.restart().command(admin('replica'), 'studybot', 'close');
    expect(closed?.code).toBeUndefined();
    const [late] = await h.bot.action(h.actor('cy', { channel: 'replica' }), action);
    expect(late?.code).toBe('POST_CLOSED');
    const message = h.publisher.messages.find((m) => m.reply.buttons?.some((b) => b.actionId === action));
    expect(message?.reveal?.fields).toContainEqual({ label: 'Answered', value: '1', short: true });
  });

  it('closes questions whose window has ended, and refuses answers after', async () => {
    await h.bot.command(admin('window'), 'studybot', 'post');
    const action = answerActionOf(h, 'A', 'window');
    h.clock.advance(23 * 3_600_000);
    expect(await h.bot.quiz.closeExpired()).toBe(0);
    h.clock.advance(2 * 3_600_000);
    // The window has ended but the scheduler has not closed it yet: the answer is not shown yet either.
    const [late] = await h.bot.action(h.actor('late', { channel: 'window' }), action);
    expect(late?.code).toBe('POST_CLOSED_REVEAL_PENDING');
    expect(await h.bot.quiz.closeExpired()).toBeGreaterThanOrEqual(1);
    const [later] = await h.bot.action(h.actor('later', { channel: 'window' }), action);
    expect(later?.code).toBe('POST_CLOSED');
    const message = h.publisher.messages.find((m) => m.reply.buttons?.some((b) => b.actionId === action));
    expect(message?.reveal?.fields).toContainEqual({ label: 'Answered', value: '0', short: true });
  });

  it('reports an empty channel on /studybot close and keeps a failed post retryable', async () => {
    const [none] = await h.bot.command(admin('empty'), 'studybot', 'close');
    expect(none?.lines[0]).toBe('There is no open question in this channel.');
    h.publisher.failNext = 1;
    await expect(h.bot.command(admin('empty'), 'studybot', 'post')).rejects.toThrow(
      'platform refused the post',
    );
    const [status] = await h.bot.command(admin('empty'), 'studybot', 'status');
    expect(status?.lines).toContain('Last post attempt: failed (platform refused the post).');
  });

  it('lets questions added to the deck later join the current cycle', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'studybot-grow-'));
    try {
      await cp(fixtureContent, dir, { recursive: true });
      const file = path.join(dir, 'sample', 'questions.yaml');
      await writeFile(
        file,
        `${await readFile(file, 'utf8')}
- id: q-new
  topic: network
  prompt: A question added after the channel started its cycle?
  choices: [Yes, "No"]
  answer: A
  explanation: New questions join the cycle in progress.
  terms: [security-group]
`,
      );
      const grown = h.restart(await loadCatalog(dir));
      await h.bot.command(admin('grow'), 'studybot', 'post');
      for (let i = 0; i < 5; i++) await grown.command(admin('grow'), 'studybot', 'post');
      const prompts = promptsIn('grow');
      expect(prompts).toContain('A question added after the channel started its cycle?');
      expect(new Set(prompts).size).toBe(6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says when a reveal could not be posted, and the next sweep posts it', async () => {
    await h.bot.command(admin('late-reveal'), 'studybot', 'post');
    const reveal = h.publisher.reveal;
    h.publisher.reveal = async () => {
      throw new Error('platform down');
    };
    try {
      const [reply] = await h.bot.command(admin('late-reveal'), 'studybot', 'close');
      expect(reply?.lines[0]).toBe(
        'Closed the question. Its answer could not be posted in the channel just now; I will retry for up to a day.',
      );
      const [late] = await h.bot.action(
        h.actor('late', { channel: 'late-reveal' }),
        answerActionOf(h, 'A', 'late-reveal'),
      );
      expect(late?.code).toBe('POST_CLOSED_REVEAL_PENDING');
    } finally {
      h.publisher.reveal = reveal;
    }
    // The reveal lease (2 minutes) runs out, and the scheduler's sweep publishes it once.
    h.clock.advance(3 * 60_000);
    expect(await h.bot.quiz.retryReveals()).toBe(1);
    expect(await h.bot.quiz.retryReveals()).toBe(0);
    const message = h.publisher.messages.find((m) => m.channel.channelExternalId === 'late-reveal');
    expect(message?.reveal?.kind).toBe('reveal');
  });

  it('is for admins only', async () => {
    const before = h.publisher.messages.length;
    const [reply] = await h.bot.command(h.actor('mallory', { channel: 'cycle' }), 'studybot', 'post');
    expect(reply?.code).toBe('NOT_ADMIN');
    expect(h.publisher.messages.length).toBe(before);
  });
});
