/**
 * Readiness over a real database (PGlite, or PostgreSQL with DATABASE_URL): numbers for a scripted history
 * match a hand computation from the FSRS-6 formulas and default parameters, the team view respects
 * opt-outs, exam dates order /quiz, adaptive posts never repeat within a cycle, and "I guessed" re-rates.
 */
import { default_w } from 'ts-fsrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/replies.js';
import { answerActionOf, createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: '2026-11-23T10:00:00Z' });
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;
const w = (i: number) => default_w[i] ?? Number.NaN;
/** FSRS-6: R(t, S) = (1 + FACTOR·t/S)^−w20, FACTOR = 0.9^(−1/w20) − 1 (so R(S, S) = 0.9). */
const recall = (days: number, stability: number) => {
  const decay = -w(20);
  const factor = 0.9 ** (1 / decay) - 1;
  return (1 + (factor * days) / stability) ** decay;
};
/** The sample deck: topics identity (q-scp, q-policy, q-org) and network (q-sg, q-guardduty); chance = mean 1/choices. */
const chance = () => {
  const questions = h.catalog.decks[0]?.questions ?? [];
  return questions.reduce((s, q) => s + 1 / q.choices.length, 0) / questions.length;
};
const pct = (x: number) => `${Math.round(100 * x)}%`;

const one = async (p: Promise<Reply[]>): Promise<Reply> => {
  const [reply] = await p;
  if (!reply) throw new Error('no reply');
  return reply;
};
const text = (r: Reply) =>
  [r.title, ...r.lines, r.footer ?? '', ...(r.fields ?? []).map((f) => f.value)].join('\n');
const questionOf = (reply: Reply) => h.catalog.decks[0]?.questions.find((q) => q.prompt === reply.lines[0]);

/** Practises one named question (the "Practise" button's path) and answers it right or wrong. */
async function practise(name: string, questionId: string, right: boolean, channel = 'study'): Promise<Reply> {
  const actor = h.actor(name, { channel });
  const prompt = await one(h.bot.action(actor, `drill:sample:${questionId}`));
  const q = questionOf(prompt);
  if (!q) throw new Error('not a practice question');
  const letter = right ? q.answer : q.answer === 'A' ? 'B' : 'A';
  const button = prompt.buttons?.find((b) => b.label === letter);
  return one(h.bot.action(actor, button?.actionId ?? ''));
}

describe('/readiness for a member', () => {
  it('has a helpful empty state, not zeros presented as facts', async () => {
    const reply = await one(h.bot.command(h.actor('nia', { channel: 'study' }), 'readiness', ''));
    expect(reply.kind).toBe('readiness');
    expect(reply.lines[0]).toBe(
      'You have not answered any question of Sample deck yet, so there is nothing to measure.',
    );
    expect(text(reply)).not.toMatch(/0%/);
  });

  it('matches a hand computation from the FSRS formulas for a scripted history', async () => {
    await practise('ann', 'q-scp', true); // first review, Good: S = w2
    await practise('ann', 'q-policy', false); // first review, Again: S = w0
    h.clock.advance(5 * DAY);
    const reply = await one(h.bot.command(h.actor('ann', { channel: 'study' }), 'readiness', 'me'));
    const deckRate = (1 + 10 * chance()) / (2 + 10); // one right and one wrong first try in the workspace
    const identity = (recall(5, w(2)) + recall(5, w(0)) + deckRate) / 3;
    const network = deckRate;
    const total = 0.5 * identity + 0.5 * network;
    expect(reply.lines[0]).toBe(
      `Expected share of this exam's questions you would get right today: ${pct(total)}. You have seen 2 of 5 questions.`,
    );
    expect(reply.lines[1]).toBe(`• Identity (50% of the exam): ${pct(identity)} · seen 2 of 3`);
    expect(reply.lines[2]).toBe(`• Network (50% of the exam): ${pct(network)} · seen 0 of 2`);
    expect(reply.lines).toContain(
      `Questions you have not seen count at the team's first-try rate (about ${pct(deckRate)}), not at zero.`,
    );
    // The weakest first: the one answered wrong, with buttons to practise it and explain its term.
    expect(reply.lines.at(-2)).toMatch(/^1\. .*\(\d+% tomorrow\)$/);
    expect(reply.buttons?.[0]?.actionId).toBe('drill:sample:q-policy');
  });

  it('refuses exam dates in the past, unreadable or over two years ahead, by code', async () => {
    const ann = h.actor('ann', { channel: 'study' });
    expect((await one(h.bot.command(ann, 'exam', '2020-01-01'))).code).toBe('EXAM_DATE_PAST');
    expect((await one(h.bot.command(ann, 'exam', '2031-01-01'))).code).toBe('EXAM_DATE_TOO_FAR');
    expect((await one(h.bot.command(ann, 'exam', '2027-02-30'))).code).toBe('EXAM_DATE_INVALID');
    expect((await one(h.bot.command(ann, 'exam', '<@U1> *soon*'))).code).toBe('EXAM_DATE_INVALID');
    expect((await one(h.bot.command(ann, 'exam', ''))).code).toBe('ARGUMENT_INVALID');
    const set = await one(h.bot.command(ann, 'exam', '2027-02-15'));
    expect(set.lines[0]).toBe('Your exam date is 2027-02-15 (UTC), in 79 days.');
    const reply = await one(h.bot.command(ann, 'readiness', ''));
    expect(reply.lines.find((l) => l.startsWith('On your exam day'))).toMatch(
      /^On your exam day, 2027-02-15 \(in 79 days\), if you stop practising now: \d+%\.$/,
    );
  });

  it('with an exam date, /quiz asks first what is most likely forgotten by then, weighted by objective', async () => {
    const ann = h.actor('ann', { channel: 'study' });
    const picked: string[] = [];
    for (let i = 0; i < 3; i++) {
      const prompt = await one(h.bot.command(ann, 'quiz', ''));
      expect(prompt.footer).toMatch(
        /^Exam mode \(readiness on 2027-02-15: \d+%, target 80%\): (on that day you would recall this one with about \d+% probability|a question you have not seen, counted at the team's first-try rate \(\d+%\))\./,
      );
      const q = questionOf(prompt);
      picked.push(q?.id ?? '?');
      const button = prompt.buttons?.find((b) => b.label === q?.answer);
      await h.bot.action(ann, button?.actionId ?? '');
    }
    // Network questions weigh 1/4 of the exam each, identity ones 1/6: unseen network questions first, then
    // the identity question answered wrong (lowest recall on the exam day), not the unseen identity one.
    expect(picked.slice(0, 2).sort()).toEqual(['q-guardduty', 'q-sg']);
    // Third: of the identity questions, q-policy (answered wrong at the start: S = w0, decayed to the exam day)
    // or q-org (unseen: at its prior, the first-try rate computed at the last /readiness), whichever is lower.
    const examDays = (Date.parse('2027-02-15T09:00:00Z') - Date.parse('2026-11-23T10:00:00Z')) / DAY;
    const orgPrior = (1 + 10 * chance()) / 12;
    expect(picked[2]).toBe(recall(examDays, w(0)) < orgPrior ? 'q-policy' : 'q-org');
    // A topic named with /quiz wins over exam mode.
    const topic = await one(h.bot.command(ann, 'quiz', 'identity'));
    expect(topic.footer).not.toMatch(/^Exam mode/);
    expect(questionOf(topic)?.topic).toBe('identity');
    await h.bot.command(ann, 'exam', 'clear');
    const normal = await one(h.bot.command(ann, 'quiz', ''));
    expect(normal.footer).not.toMatch(/^Exam mode/);
  });
});

describe('/readiness team, confidence and adaptive posts', () => {
  it('counts everyone who answered here, names nobody, and lists misconceptions without guesses', async () => {
    const admin = h.actor('boss', { channel: 'team', admin: true });
    await h.bot.command(admin, 'studybot', 'post');
    const q = h.catalog.decks[0]?.questions.find(
      (x) => h.publisher.messages.at(-1)?.reply.lines[0] === x.prompt,
    );
    if (!q) throw new Error('no posted question');
    const wrong = q.answer === 'A' ? 'B' : 'A';
    await h.bot.command(h.actor('hidden-hana', { channel: 'team' }), 'stats', 'optout');
    const answers: [string, string][] = [
      ['hidden-hana', wrong],
      ['ben', wrong],
      ['cleo', q.answer],
    ];
    const verdicts: Reply[] = [];
    for (const [name, letter] of answers)
      verdicts.push(
        await one(h.bot.action(h.actor(name, { channel: 'team' }), answerActionOf(h, letter, 'team'))),
      );
    // Ben marks his wrong answer as a guess: no longer a misconception.
    const guess = verdicts[1]?.buttons?.find((b) => b.label === 'I guessed');
    expect((await one(h.bot.action(h.actor('ben', { channel: 'team' }), guess?.actionId ?? ''))).title).toBe(
      'Marked as a guess',
    );
    expect((await one(h.bot.action(h.actor('ben', { channel: 'team' }), guess?.actionId ?? ''))).code).toBe(
      'GUESS_ALREADY',
    );
    expect((await one(h.bot.action(h.actor('dora', { channel: 'team' }), guess?.actionId ?? ''))).code).toBe(
      'GUESS_NOT_FOUND',
    );
    await h.bot.readiness.refresh();
    const team = await one(h.bot.command(h.actor('cleo', { channel: 'team' }), 'readiness', 'team'));
    const all = text(team);
    expect(team.lines[0]).toMatch(/^3 members answered here in the last 30 days\./);
    expect(team.lines[1]).toBe('At or above the 80% target: 0 of 3.');
    expect(all).toContain('This week: 3 members answered, 3 answers.');
    expect(all).toMatch(new RegExp(`: 1 wrong, most picked ${wrong}\\. `));
    for (const name of ['hidden-hana', 'ben', 'cleo', 'boss']) expect(all).not.toContain(name);
  });

  it('shows the first answer at once, though the team was asked for before anyone answered', async () => {
    const asker = h.actor('ivy', { channel: 'fresh' });
    await h.bot.command(h.actor('boss', { channel: 'fresh', admin: true }), 'studybot', 'post');
    const empty = await one(h.bot.command(asker, 'readiness', 'team'));
    expect(empty.lines[0]).toMatch(/^Nobody has answered a daily question in this channel/);
    await h.bot.action(asker, answerActionOf(h, 'A', 'fresh'));
    const team = await one(h.bot.command(asker, 'readiness', 'team'));
    expect(team.lines[0]).toMatch(/^1 member answered here in the last 30 days\./);
  });

  it('says when a right answer came too soon to move the memory model, and not when it had faded', async () => {
    await practise('otto', 'q-org', false, 'early');
    const early = await practise('otto', 'q-org', true, 'early');
    expect(text(early)).toMatch(
      /You answered this moments ago, while your predicted recall was still 100%: a review that early teaches the memory model little/,
    );
    h.clock.advance(3 * DAY);
    const later = await practise('otto', 'q-org', true, 'early');
    expect(later.title).toBe('Correct!');
    expect(text(later)).not.toMatch(/teaches the memory model little/);
  });

  it('re-rates a right answer marked as a guess as Hard: the card starts at the Hard stability', async () => {
    const dana = h.actor('dana', { channel: 'study' });
    const verdict = await practise('dana', 'q-org', true);
    const guess = verdict.buttons?.find((b) => b.label === 'I guessed');
    await h.bot.action(dana, guess?.actionId ?? '');
    h.clock.advance(DAY);
    const reply = await one(h.bot.command(dana, 'readiness', ''));
    const deckStructureLine = reply.lines[1] ?? '';
    const identityRecall = Number(/: (\d+)% · seen 1 of 3$/.exec(deckStructureLine)?.[1]);
    // Hard: S = w1 instead of w2; its recall after a day is lower than a Good first answer's.
    expect(Math.round(100 * recall(1, w(1)))).toBeLessThan(Math.round(100 * recall(1, w(2))));
    expect(identityRecall).toBeGreaterThan(0);
    // The weakest items are ranked and shown by recall a day from now: two days after the review.
    const weakest = Number(/\((\d+)% tomorrow\)$/.exec(reply.lines.at(-1) ?? '')?.[1]);
    expect(weakest).toBe(Math.round(100 * recall(2, w(1))));
  });

  it('adaptive posts pick the most needed question first and never repeat within a cycle', async () => {
    // A workspace with no answers yet: every question is at the same prior, so need is the exam share.
    const admin = h.actor('boss', { channel: 'adaptive', admin: true, workspace: 'w2' });
    const setup = await one(h.bot.command(admin, 'studybot', 'setup 09:00 UTC adaptive'));
    expect(text(setup)).toContain('Adaptive: each day I pick');
    const posted: string[] = [];
    for (let i = 0; i < 6; i++) {
      await h.bot.command(admin, 'studybot', 'post');
      const prompt = h.publisher.messages.at(-1)?.reply.lines[0];
      posted.push(h.catalog.decks[0]?.questions.find((x) => x.prompt === prompt)?.id ?? '?');
    }
    // Network questions (1/4 of the exam each) before identity ones (1/6 each) at equal recall.
    expect(posted.slice(0, 2).sort()).toEqual(['q-guardduty', 'q-sg']);
    expect(new Set(posted.slice(0, 5)).size).toBe(5);
    expect(posted[5]).not.toBe(posted[4]);
  });
});
