/** Messages that say one thing once, and say it right (issue 13 item 8). */
import { describe, expect, it } from 'vitest';
import { buttonOf, createMemoryHarness } from '../../support/memory-harness.js';

describe('messages', () => {
  it('feedback, stats and status say each thing once and name what a streak counts', async () => {
    const h = await createMemoryHarness();
    const admin = h.actor('ada', { admin: true });
    const bo = h.actor('bo');
    await h.say(admin, 'studybot', 'post');
    const question = h.publisher.messages.at(-1)?.reply;
    const right = question?.buttons?.find((b) => b.label !== 'A') ? 'B' : 'A';
    const verdict = await h.press(bo, buttonOf(h, right));
    // Points are in the title only ("Correct! +10 points" or "Not quite."), never again as a field.
    expect(verdict.fields?.map((f) => f.label)).toEqual(['Answer streak']);
    expect(verdict.fields?.[0]?.value).toBe('1 question answered in a row (best 1)');

    await h.say(bo, 'quiz');
    const stats = await h.say(bo, 'stats');
    expect(stats.lines[0]).toBe(
      `Questions of the day: 1 answered, ${verdict.title?.startsWith('Correct') ? 1 : 0} right.`,
    );
    expect(stats.lines.join('\n')).not.toMatch(/points from/);
    expect(stats.lines.at(-1)).toBe('Practice (/quiz, not scored): none yet.');
    expect(stats.fields?.map((f) => f.label)).toEqual([
      'Points',
      'Accuracy',
      'Answer streak',
      'Best answer streak',
    ]);
    await h.press(bo, h.publisher.messages.at(-1)?.reply.buttons?.[0]?.actionId ?? '');

    await h.say(admin, 'studybot', 'close');
    const status = (await h.say(admin, 'studybot', 'status')).lines.join('\n');
    expect(status).toMatch(/closed, answer revealed, 1 answer\./);
    expect(status).not.toMatch(/so far/);
  });

  it('shows practice in /stats: answers, right ones and reviews due', async () => {
    const h = await createMemoryHarness();
    const ann = h.actor('ann');
    const practice = await h.say(ann, 'quiz');
    await h.press(ann, practice.buttons?.[0]?.actionId ?? '');
    const stats = await h.say(ann, 'stats');
    expect(stats.lines.join('\n')).toMatch(
      /Practice \(\/quiz, not scored\): 1 answered, [01] right; no review due\./,
    );
  });

  it('echoes the zone in its canonical spelling', async () => {
    const h = await createMemoryHarness();
    const setup = await h.say(
      h.actor('ada', { admin: true }),
      'studybot',
      'setup 09:00 europe/berlin mon,wed,fri',
    );
    expect(setup.lines[0]).toContain('at 09:00 (Europe/Berlin) on Mon, Wed and Fri');
  });
});
