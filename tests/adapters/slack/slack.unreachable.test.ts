/**
 * Issue 12 on Slack, through Bolt over signed HTTP: when chat.update answers not_in_channel at the reveal,
 * the reveal is not retried, the schedule pauses with the reason, and /studybot close, /studybot status and
 * a late click say what really happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, buttonsOf, createSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const admin = () => h.user({ id: 'U0ADMIN01', name: 'alice', displayName: 'Alice', isAdmin: true });
const member = () => h.user({ id: 'U0LATE001', name: 'late', displayName: 'Late', isAdmin: false });
const channel = 'C0GONE0001';
async function say(text: string) {
  const sent = await h.command(admin(), '/studybot', text, { channel });
  await h.handled(sent);
  return blockText((await h.replies(sent.responseUrl))[0]?.body.blocks);
}

describe('a Slack channel the bot was removed from', () => {
  it('stops at the first not_in_channel, pauses the schedule and tells the truth', async () => {
    await say('setup 09:00 UTC');
    await say('post');
    const question = h.fake.messages.find((m) => m.channel === channel && !m.threadTs);
    const value = buttonsOf(question?.blocks)[0]?.value ?? '';
    h.fake.once('chat.update', { error: 'not_in_channel' });
    const closed = await say('close');
    expect(closed).toContain('its answer cannot be shown in this channel');
    expect(closed).toContain('not_in_channel');
    expect(closed).toContain('I will not retry, and the daily question here is paused');
    expect(h.fake.callsTo('chat.update')).toHaveLength(1);
    const status = await say('status');
    expect(status).toMatch(/Paused \(the bot cannot post here \(Slack refused chat\.update: not_in_channel/);
    expect(status).toContain('closed, but its answer could not be shown');
    const late = await h.click(member(), value, { channel, messageTs: question?.ts ?? '' });
    expect((await h.handled(late)).codes).toEqual(['POST_CLOSED_REVEAL_FAILED']);
    expect(blockText((await h.replies(late.responseUrl))[0]?.body.blocks)).not.toContain('has been revealed');
    // No reveal was posted, and the scheduler's sweep does not try again.
    await h.bot.quiz.retryReveals();
    expect(h.fake.callsTo('chat.update')).toHaveLength(1);
    expect(h.fake.messages.filter((m) => m.channel === channel && m.threadTs)).toHaveLength(0);
  });
});
