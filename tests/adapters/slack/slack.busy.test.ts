/**
 * Issue 12, bursts: beyond the bound of work in flight (INBOUND_CONCURRENCY running, INBOUND_QUEUE waiting)
 * a click is still acknowledged at once, then answered BUSY through its response_url with nothing recorded,
 * so the member can press again. The real Bolt app over HTTP against the loopback fake, with a bound of
 * one running and one waiting; the first answer is held on its way to Slack so the burst meets a full bound.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, buttonsOf, createSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness({ limits: { concurrency: 1, queue: 1 } });
});
afterAll(async () => {
  await h?.close();
});

const admin = () => h.user({ id: 'U0ADMIN01', name: 'alice', displayName: 'Alice Admin', isAdmin: true });
const member = (i: number) =>
  h.user({
    id: `U0BURST${String(i).padStart(3, '0')}`,
    name: `m${i}`,
    displayName: `Member ${i}`,
    isAdmin: false,
  });

describe('a burst of Slack clicks over the bound', () => {
  it('acknowledges every click, answers those over the bound BUSY and records nothing of them', async () => {
    const channel = 'C0BURST001';
    await h.handled(await h.command(admin(), '/studybot', 'post', { channel }));
    const question = h.fake.messages.find((m) => m.channel === channel && !m.threadTs);
    const value = buttonsOf(question?.blocks)[0]?.value ?? '';
    const at = { channel, messageTs: question?.ts ?? '' };

    const held = h.fake.hold('response_url');
    const running = await h.click(member(1), value, at);
    await held.reached; // the first click is recorded and its verdict is stuck on its way: one running
    const waiting = await h.click(member(2), value, at); // one waiting for a place
    const over = [];
    for (let i = 3; i <= 6; i++) over.push(await h.click(member(i), value, at));
    // Every click was acknowledged at once, full bound or not: Slack shows no error.
    expect([running, waiting, ...over].map((c) => c.status)).toEqual([200, 200, 200, 200, 200, 200]);
    held.release();

    expect((await h.handled(running)).codes).toEqual([]);
    expect((await h.handled(waiting)).codes).toEqual([]);
    for (const click of over) {
      const event = await h.handled(click);
      expect(event.outcome).toBe('busy');
      expect(event.codes).toEqual(['BUSY']);
      const [reply] = await h.replies(click.responseUrl);
      expect(blockText(reply?.body.blocks)).toMatch(/nothing was recorded/);
    }
    const answered = await h.database.query<{ external_id: string }>(
      sql`select m.external_id from answers a join members m on m.id = a.member_id
          join posts p on p.id = a.post_id join channels c on c.id = p.channel_id
          where c.external_id = ${channel} order by m.external_id`,
    );
    expect(answered.map((r) => r.external_id)).toEqual(['U0BURST001', 'U0BURST002']);

    // Pressing again once the burst is over is recorded as any click.
    const again = await h.click(member(3), value, at);
    expect((await h.handled(again)).outcome).toBe('ok');
    expect(blockText((await h.replies(again.responseUrl))[0]?.body.blocks)).toMatch(/Correct!|Not quite/);
  });
});
