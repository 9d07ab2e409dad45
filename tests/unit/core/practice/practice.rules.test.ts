import { describe, expect, it } from 'vitest';
import { createMemoryHarness } from '../../../support/memory-harness.js';

const DAY = 86_400_000;

describe('practice by spaced repetition', () => {
  it('asks new questions, brings a missed one back after a day, and answers each prompt once', async () => {
    const h = await createMemoryHarness();
    const me = h.actor('ann', { channel: 'practice' });
    const first = await h.say(me, 'quiz');
    expect(first).toMatchObject({ kind: 'practice', visibility: 'only-user' });
    const prompt = h.stores.tables.prompts.at(-1);
    const question = h.catalog.question('sample', prompt?.questionId ?? '');
    const wrong = first.buttons?.find((b) => b.label !== question?.answer);
    const missed = await h.press(me, wrong?.actionId ?? '');
    expect(missed.title).toBe('Not quite.');
    expect(missed.lines.at(-1)).toMatch(/^It comes back in 1 day|^It comes back in 2[0-9] hours/);
    expect((await h.press(me, wrong?.actionId ?? '')).code).toBe('PRACTICE_ALREADY_ANSWERED');
    expect((await h.press(h.actor('bob', { channel: 'practice' }), wrong?.actionId ?? '')).code).toBe(
      'PRACTICE_NOT_YOURS',
    );
    h.clock.advance(2 * DAY);
    const review = await h.say(me, 'quiz');
    expect(review.footer).toMatch(/^A review: you last saw this once\./);
    expect(h.stores.tables.prompts.at(-1)?.questionId).toBe(question?.id);
    // Practice never touches the boards.
    expect(h.stores.tables.scores).toEqual([]);
  });
});
