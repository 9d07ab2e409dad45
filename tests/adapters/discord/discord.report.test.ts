import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionReports } from '../../../src/db/schema.js';
import { type DiscordHarness, embedOf, startDiscordHarness } from '../../support/discord-harness.js';
import { PERMS } from '../../support/fake-discord.js';

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

const buttonsOf = (body: unknown) =>
  (
    (body as { components?: { components: { custom_id: string; label: string }[] }[] }).components ?? []
  ).flatMap((r) => r.components);
const admin = () => h.fake.user('Ada', PERMS.manageServer);

describe('Discord: report a question', () => {
  it('answers Report with a modal (type 9), takes the MODAL_SUBMIT, stores one report and lists it', async () => {
    await h.fake.ask(h.fake.studybot('post', [], admin()));
    const posted = h.fake.calls.findLast(
      (c) =>
        c.method === 'POST' &&
        c.path === `/channels/${h.fake.channelId}/messages` &&
        buttonsOf(c.body).length > 0,
    );
    const postId = Number(buttonsOf(posted?.body)[0]?.custom_id.split(':')[1]);
    const bob = h.fake.user('Bob');
    const verdict = await h.fake.ask(h.fake.button(`answer:${postId}:A`, bob));
    const report = buttonsOf(verdict.body).find((b) => b.label === 'Report');
    expect(report?.custom_id).toBe(`report:daily:${postId}`);

    const press = h.fake.button(report?.custom_id ?? '', bob);
    const modal = await h.fake.ask(press);
    // No deferral before it: the modal is the interaction's first and only answer.
    expect(modal.via).toBe('modal');
    expect(modal.body).toMatchObject({ custom_id: `report:daily:${postId}`, title: 'Report a question' });
    const fields = (
      modal.body.components as { type: number; component: { type: number; custom_id: string } }[]
    ).map((c) => [c.type, c.component.type, c.component.custom_id]);
    expect(fields).toEqual([
      [18, 3, 'reason'],
      [18, 4, 'text'],
    ]);

    const submit = h.fake.modalSubmit(
      modal.body,
      { reason: 'unclear', text: '@everyone **two** keys fit' },
      bob,
    );
    const confirmed = await h.fake.ask(submit);
    expect(confirmed).toMatchObject({ via: 'edit', ephemeral: true });
    expect(embedOf(confirmed.body).description).toContain('your report (unclear) is in');

    // A second report of the same question replaces the first: still one row, with the new reason.
    const again = await h.fake.ask(h.fake.modalSubmit(modal.body, { reason: 'typo', text: '' }, bob));
    expect(embedOf(again.body).description).toContain('You had reported this question before');
    const rows = await h.database.db.select().from(questionReports);
    expect(rows.map((r) => [r.questionId, r.reason, r.text])).toEqual([[rows[0]?.questionId, 'typo', null]]);

    const listed = await h.fake.ask(h.fake.studybot('reports', [], admin()));
    expect(embedOf(listed.body).description).toContain('1 open report of 1 question');
    expect(embedOf(listed.body).description).toContain('(1 typo)');
  });
});
