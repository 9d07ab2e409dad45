/**
 * Issue 12: a click never waits for users.info. A member this process has not looked up answers at once
 * (their handle stands in, provisionally) while one background lookup stores their real name; after that,
 * their clicks call Slack no more (names are refreshed in the background at most daily).
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
const newbie = () => h.user({ id: 'U0NEWBIE1', name: 'newbie', displayName: 'New Bee', isAdmin: false });
const channel = 'C0NAMES001';
const lookupsOf = (user: string) => h.fake.callsTo('users.info').filter((c) => c.params.user === user).length;

async function postAndClick() {
  await h.handled(await h.command(admin(), '/studybot', 'post', { channel }));
  const question = h.fake.messages.filter((m) => m.channel === channel && !m.threadTs).at(-1);
  const click = await h.click(newbie(), buttonsOf(question?.blocks)[0]?.value ?? '', {
    channel,
    messageTs: question?.ts ?? '',
  });
  return h.handled(click);
}

describe('names on the click path', () => {
  it('answers a first click at once, stores the real name from one background lookup, then calls Slack no more', async () => {
    expect((await postAndClick()).codes).toEqual([]);
    await h.fake.waitFor(() => (lookupsOf('U0NEWBIE1') === 1 ? true : undefined), 'one users.info');
    const board = async () => {
      const sent = await h.command(admin(), '/leaderboard', 'all', { channel });
      return blockText((await h.replies(sent.responseUrl))[0]?.body.blocks);
    };
    let text = await board();
    for (let i = 0; i < 50 && !text.includes('New Bee:'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      text = await board();
    }
    expect(text).toContain('New Bee:');
    expect(text).not.toContain('newbie:');
    expect(await postAndClick()).toMatchObject({ outcome: 'ok', codes: [] });
    expect(await postAndClick()).toMatchObject({ outcome: 'ok', codes: [] });
    expect(lookupsOf('U0NEWBIE1')).toBe(1);
  });
});
