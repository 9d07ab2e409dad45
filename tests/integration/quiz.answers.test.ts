import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudybotError } from '../../src/core/errors.js';
import type { RefusalCode } from '../../src/core/refusals.js';
import type { Reply } from '../../src/core/replies.js';
import { answers, memberScores, members } from '../../src/db/schema.js';
import { answerActionOf, createHarness, type Harness, postIdOf } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ poolMax: 10 });
});
afterAll(async () => {
  await h.close();
});

const post = async (channel: string) => {
  await h.bot.command(h.actor('admin', { admin: true, channel }), 'studybot', 'post');
  const message = [...h.publisher.messages].reverse().find((m) => m.channel.channelExternalId === channel);
  const question = h.catalog.decks[0]?.questions.find((q) => q.prompt === message?.reply.lines[0]);
  if (!question) throw new Error('posted question not found');
  const postId = postIdOf(answerActionOf(h, 'A', channel));
  const wrong = question.answer === 'A' ? 'B' : 'A';
  return { question, postId, wrong };
};

async function answerRows(postId: number) {
  return h.database.db.select().from(answers).where(eq(answers.postId, postId));
}

async function allTimeAnswered(name: string): Promise<number> {
  const [row] = await h.database.db
    .select({ answered: memberScores.answered })
    .from(memberScores)
    .innerJoin(members, eq(members.id, memberScores.memberId))
    .where(and(eq(members.externalId, `u-${name}`), eq(memberScores.board, 'all')));
  return row?.answered ?? 0;
}

describe('answering the question of the day', () => {
  it('tells the member at once whether they were right, with the explanation and terms', async () => {
    const { question, postId } = await post('feedback');
    const [reply] = await h.bot.action(
      h.actor('ada', { channel: 'feedback' }),
      `answer:${postId}:${question.answer}`,
    );
    expect(reply?.visibility).toBe('only-user');
    expect(reply?.title).toBe('Correct! +10 points');
    expect(reply?.lines).toContain(question.explanation);
    expect(reply?.footer).toBe(`Related: ${question.terms.map((t) => `/explain ${t}`).join(', ')}`);
  });

  it('counts only the first answer: a second click changes nothing', async () => {
    const { question, postId, wrong } = await post('twice');
    await h.bot.action(h.actor('bo', { channel: 'twice' }), `answer:${postId}:${wrong}`);
    const [again] = await h.bot.action(
      h.actor('bo', { channel: 'twice' }),
      `answer:${postId}:${question.answer}`,
    );
    expect(again).toMatchObject({ code: 'ALREADY_ANSWERED', visibility: 'only-user' });
    // It names the answer that counts.
    expect(again?.lines[0]).toContain(`You already answered ${wrong}.`);
    const rows = await answerRows(postId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.choice).toBe(wrong);
    expect(await allTimeAnswered('bo')).toBe(1);
  });

  it('refuses unknown posts, other workspaces, missing choices and tampered payloads, changing nothing', async () => {
    const { postId } = await post('refuse');
    const me = h.actor('cy', { channel: 'refuse' });
    const cases: [string, RefusalCode][] = [
      [`answer:${postId + 100000}:A`, 'POST_NOT_FOUND'],
      [`answer:${postId}:E`, 'CHOICE_INVALID'],
      [`answer:${postId}:Z`, 'ACTION_INVALID'],
      [`answer:abc:A`, 'ACTION_INVALID'],
      [`answer:${postId}:A:extra`, 'ACTION_INVALID'],
      [`answer:99999999999:A`, 'ACTION_INVALID'],
      [`answer:-1:A`, 'ACTION_INVALID'],
      [`'; drop table answers; --`, 'ACTION_INVALID'],
      [`answer:${postId}:${'A'.repeat(500)}`, 'ACTION_INVALID'],
    ];
    for (const [action, code] of cases) {
      const [reply] = await h.bot.action(me, action);
      expect(reply?.kind, action).toBe('error');
      expect(reply?.code, action).toBe(code);
    }
    const [foreign] = await h.bot.action(
      h.actor('eve', { workspace: 'w2', channel: 'refuse' }),
      `answer:${postId}:A`,
    );
    expect(foreign?.code).toBe('POST_NOT_FOUND');
    expect(await answerRows(postId)).toHaveLength(0);
  });

  it('takes 20 simultaneous clicks by one member as one answer and one score change', async () => {
    const { question, postId } = await post('burst');
    const me = h.actor('dee', { channel: 'burst' });
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => h.bot.action(me, `answer:${postId}:${question.answer}`)),
    );
    const kinds = replies.map((r) => r[0]?.kind);
    expect(kinds.filter((k) => k === 'feedback')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'error')).toHaveLength(19);
    expect(await answerRows(postId)).toHaveLength(1);
    expect(await allTimeAnswered('dee')).toBe(1);
    const [points] = await h.database.db
      .select({ points: memberScores.points })
      .from(memberScores)
      .innerJoin(members, eq(members.id, memberScores.memberId))
      .where(and(eq(members.externalId, 'u-dee'), eq(memberScores.board, 'all')));
    expect(points?.points).toBe(10);
  });

  it('confirms exactly the answers it stored when 2,000 members answer at once', async () => {
    const { question, postId, wrong } = await post('crowd');
    const n = 2000;
    const results = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const name = `crowd${i}`;
        try {
          const [reply] = await h.bot.action(
            h.actor(name, { channel: 'crowd' }),
            `answer:${postId}:${i % 3 === 0 ? wrong : question.answer}`,
          );
          return { name, confirmed: reply?.kind === 'feedback' };
        } catch (error) {
          return { name, confirmed: false, error };
        }
      }),
    );
    const confirmed = new Set(results.filter((r) => r.confirmed).map((r) => `u-${r.name}`));
    const stored = await h.database.db
      .select({ who: members.externalId })
      .from(answers)
      .innerJoin(members, eq(members.id, answers.memberId))
      .where(eq(answers.postId, postId));
    const storedSet = new Set(stored.map((s) => s.who));
    expect([...confirmed].filter((c) => !storedSet.has(c))).toEqual([]);
    expect([...storedSet].filter((s) => !confirmed.has(s))).toEqual([]);
    expect(confirmed.size).toBe(n);
    const [scores] = await h.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberScores)
      .where(
        sql`${memberScores.board} = 'all' and ${memberScores.memberId} in (select member_id from answers where post_id = ${postId})`,
      );
    expect(Number(scores?.n)).toBe(n);
  });

  it('records a click that arrives while its question is still being posted', async () => {
    // The platform shows the question before the post is marked live; a fast click lands in between.
    let early: Promise<Reply[]> | undefined;
    const post = h.publisher.post;
    h.publisher.post = async (channel, reply) => {
      const ref = await post(channel, reply);
      const button = reply.buttons?.[0];
      if (button) early = h.bot.action(h.actor('speedy', { channel: 'race' }), button.actionId);
      await new Promise((resolve) => setTimeout(resolve, 150));
      return ref;
    };
    try {
      await h.bot.command(h.actor('admin', { admin: true, channel: 'race' }), 'studybot', 'post');
    } finally {
      h.publisher.post = post;
    }
    const [reply] = (await early) ?? [];
    expect(reply?.kind).toBe('feedback');
  });

  it('says an answer was not recorded when its transaction fails, and stores nothing', async () => {
    const { question, postId } = await post('broken');
    // A real failure inside the answer's transaction, after the answer row is written: a trigger that
    // rejects score updates for one member.
    await h.bot.action(h.actor('fay', { channel: 'other-warmup' }), 'explain:scp');
    await h.database.db.execute(sql`
      create or replace function studybot_test_fail() returns trigger language plpgsql as $$
      begin
        if new.member_id = (select id from members where external_id = 'u-fay') then
          raise exception 'simulated storage failure';
        end if;
        return new;
      end $$`);
    await h.database.db.execute(
      sql`create trigger studybot_test_fail before insert on member_scores for each row execute function studybot_test_fail()`,
    );
    try {
      const fay = h.actor('fay', { channel: 'broken' });
      // ensure the member exists so the trigger can name it
      await h.bot.command(fay, 'stats', '');
      const failure = await h.bot.action(fay, `answer:${postId}:${question.answer}`).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(StudybotError);
      expect((failure as StudybotError).code).toBe('NOT_RECORDED');
      expect(await answerRows(postId)).toHaveLength(0);
      expect(await allTimeAnswered('fay')).toBe(0);
    } finally {
      await h.database.db.execute(sql`drop trigger studybot_test_fail on member_scores`);
    }
    const [retry] = await h.bot.action(
      h.actor('fay', { channel: 'broken' }),
      `answer:${postId}:${question.answer}`,
    );
    expect(retry?.kind).toBe('feedback');
    expect(await answerRows(postId)).toHaveLength(1);
  });
});
