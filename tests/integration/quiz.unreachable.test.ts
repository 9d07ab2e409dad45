/**
 * Issue 12: the one rule for every publisher call. A permanent platform failure (channel gone, archived,
 * bot removed) stops retries at once, pauses the channel's schedule with the reason, and every message says
 * what really happened: /studybot close, /studybot status and a late click. Transient failures still retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError } from '../../src/core/publishing/publisher.port.js';
import { answerActionOf, createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const admin = (channel: string) => h.actor('admin', { admin: true, channel });
const gone = () => new PublishError('unreachable', 'invite the bot with /invite @studybot');
const statusOf = async (channel: string) =>
  ((await h.bot.command(admin(channel), 'studybot', 'status'))[0]?.lines ?? []).join('\n');

describe('a channel the bot can no longer post in', () => {
  it('gives a reveal up at once, pauses the schedule with the reason, and tells the truth everywhere', async () => {
    await h.bot.command(admin('gone'), 'studybot', 'setup 09:00 UTC');
    await h.bot.command(admin('gone'), 'studybot', 'post');
    const action = answerActionOf(h, 'A', 'gone');
    const reveal = h.publisher.reveal;
    let calls = 0;
    h.publisher.reveal = async () => {
      calls++;
      throw gone();
    };
    try {
      const [closed] = await h.bot.command(admin('gone'), 'studybot', 'close');
      expect(closed?.lines[0]).toBe(
        'Closed the question, but its answer cannot be shown in this channel (invite the bot with /invite @studybot). I will not retry, and the daily question here is paused: once the bot can post here again, /studybot resume restarts it.',
      );
      // Not retried: the scheduler's sweep, after the reveal lease ran out, finds nothing to do.
      h.clock.advance(3 * 60_000);
      expect(await h.bot.quiz.retryReveals()).toBe(0);
      expect(calls).toBe(1);
    } finally {
      h.publisher.reveal = reveal;
    }
    const status = await statusOf('gone');
    expect(status).toContain('Paused (the bot cannot post here (invite the bot with /invite @studybot))');
    expect(status).toContain(
      'closed, but its answer could not be shown (invite the bot with /invite @studybot)',
    );
    const [late] = await h.bot.action(h.actor('late', { channel: 'gone' }), action);
    expect(late?.code).toBe('POST_CLOSED_REVEAL_FAILED');
    expect(late?.lines[0]).toContain('could not be shown in the channel (invite the bot');
  });

  it('pauses the schedule when /studybot post is refused for good, and posts nothing after', async () => {
    await h.bot.command(admin('archived'), 'studybot', 'setup 09:00 UTC');
    const post = h.publisher.post;
    h.publisher.post = async () => {
      throw new PublishError('unreachable', 'the channel is archived');
    };
    try {
      // The core throws; the inbound pipeline answers it as PUBLISH_UNREACHABLE with the reason.
      await expect(h.bot.command(admin('archived'), 'studybot', 'post')).rejects.toThrow(PublishError);
    } finally {
      h.publisher.post = post;
    }
    const status = await statusOf('archived');
    expect(status).toContain('Paused (the bot cannot post here (the channel is archived))');
    expect(status).toContain('Last post attempt: failed (the channel is archived)');
  });

  it('keeps retrying a transient failure, and says so', async () => {
    await h.bot.command(admin('flaky'), 'studybot', 'post');
    const reveal = h.publisher.reveal;
    h.publisher.reveal = async () => {
      throw new PublishError('transient', 'Slack answered 503');
    };
    try {
      const [closed] = await h.bot.command(admin('flaky'), 'studybot', 'close');
      expect(closed?.lines[0]).toContain('I will retry for up to a day');
      expect(await statusOf('flaky')).toContain('closed, its answer not shown yet (retrying)');
    } finally {
      h.publisher.reveal = reveal;
    }
    h.clock.advance(3 * 60_000);
    expect(await h.bot.quiz.retryReveals()).toBe(1);
    expect(await statusOf('flaky')).toContain('closed, answer revealed');
  });
});
