import { describe, expect, it } from 'vitest';
import { buttonOf, createMemoryHarness } from '../../../support/memory-harness.js';

/** The rules of answering the daily question, on in-memory ports (tests/integration proves the SQL). */
describe('answering the question of the day', () => {
  it('records the first answer privately, with points and streak, and refuses a second one', async () => {
    const h = await createMemoryHarness();
    await h.say(h.actor('admin', { admin: true }), 'studybot', 'post');
    const question = h.catalog.question('sample', h.stores.tables.posts[0]?.questionId ?? '');
    if (!question) throw new Error('no question posted');
    const ann = h.actor('ann');
    const right = await h.press(ann, buttonOf(h, question.answer));
    expect(right).toMatchObject({ kind: 'feedback', visibility: 'only-user', title: 'Correct! +10 points' });
    const again = await h.press(ann, buttonOf(h, question.answer === 'A' ? 'B' : 'A'));
    expect(again).toMatchObject({ code: 'ALREADY_ANSWERED', visibility: 'only-user' });
    expect(h.stores.tables.answers).toHaveLength(1);
  });

  it('refuses choices the question does not have, posts of other workspaces and closed posts', async () => {
    const h = await createMemoryHarness();
    await h.say(h.actor('admin', { admin: true }), 'studybot', 'post');
    const action = buttonOf(h, 'A');
    const postId = Number(action.split(':')[1]);
    expect((await h.press(h.actor('ann'), `answer:${postId}:E`)).code).toBe('CHOICE_INVALID');
    expect((await h.press(h.actor('eve', { workspace: 'w2' }), action)).code).toBe('POST_NOT_FOUND');
    expect((await h.press(h.actor('ann'), `answer:${postId + 7}:A`)).code).toBe('POST_NOT_FOUND');
    h.clock.advance(25 * 3_600_000);
    expect((await h.press(h.actor('late'), action)).code).toBe('POST_CLOSED_REVEAL_PENDING');
    expect(h.stores.tables.answers).toEqual([]);
  });

  it('closes the previous question when the next one is posted, and reveals it with the figures', async () => {
    const h = await createMemoryHarness();
    const admin = h.actor('admin', { admin: true });
    await h.say(admin, 'studybot', 'post');
    await h.press(h.actor('ann'), buttonOf(h, 'A'));
    await h.say(admin, 'studybot', 'post');
    const [first] = h.publisher.messages;
    expect(first?.updated?.title).toMatch(/\(closed\)$/);
    expect(first?.reveal?.fields).toContainEqual({ label: 'Answered', value: '1', short: true });
    expect(h.stores.tables.posts.map((p) => p.status)).toEqual(['closed', 'open']);
  });
});
