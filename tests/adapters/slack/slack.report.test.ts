import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, buttonsOf, createSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const CHANNEL = 'C0REPORT01';
const member = () => h.user({ id: 'U0REPORT1', name: 'rae', displayName: 'Rae' });
const admin = () => h.user({ id: 'U0RADMIN1', name: 'ada', displayName: 'Ada', isAdmin: true });

describe('Slack: report a question', () => {
  it('opens a modal from the verdict, stores the submitted report, confirms privately and lists it for admins', async () => {
    const posted = await h.command(admin(), '/studybot', 'post', { channel: CHANNEL });
    await h.replies(posted.responseUrl);
    const question = h.fake.messages.find((m) => m.channel === CHANNEL);
    const answer = buttonsOf(question?.blocks)[0];
    const click = await h.click(member(), answer?.value ?? '', { channel: CHANNEL });
    const [verdict] = await h.replies(click.responseUrl);
    const report = buttonsOf(verdict?.body.blocks).find((b) => b.label === 'Report');
    expect(report?.value).toMatch(/^report:daily:\d+$/);

    const press = await h.click(member(), report?.value ?? '', { channel: CHANNEL });
    const opened = await h.fake.waitFor(
      () => h.fake.views.find((v) => v.triggerId === press.triggerId),
      'views.open with the click trigger_id',
    );
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'studybot_form' });
    const blocks = opened.view.blocks as { type: string; block_id?: string; element?: { type: string } }[];
    expect(blocks.map((b) => [b.block_id, b.element?.type])).toEqual([
      [undefined, undefined],
      ['reason', 'static_select'],
      ['text', 'plain_text_input'],
    ]);
    // Nothing was said at the click's response_url: the modal is the answer.
    expect(h.fake.responsesTo(press.responseUrl)).toEqual([]);

    const submitted = await h.submitModal(member(), opened, {
      reason: { selected: 'wrong-key' },
      text: { text: '<!channel> the key is *C*' },
    });
    expect(submitted).toMatchObject({ status: 200, text: '' });
    const [confirmation] = await h.replies(press.responseUrl);
    expect(confirmation?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blockText(confirmation?.body.blocks)).toContain('your report (wrong-key) is in');
    expect((await h.handled(submitted)).name).toBe('form:report');

    const listed = await h.command(admin(), '/studybot', 'reports', { channel: CHANNEL });
    const [list] = await h.replies(listed.responseUrl);
    const text = blockText(list?.body.blocks);
    expect(text).toContain('1 open report of 1 question');
    expect(text).toContain('(1 wrong-key)');
    // The member's text is shown as typed, never as a mention.
    expect(list?.raw).toContain('&lt;!channel&gt; the key is *C*');
    expect(list?.raw).not.toContain('<!channel>');
  });

  it('refuses a submitted form without one of the reasons, by code', async () => {
    const posted = await h.command(admin(), '/studybot', 'post', { channel: 'C0REPORT02' });
    await h.replies(posted.responseUrl);
    const question = h.fake.messages.find((m) => m.channel === 'C0REPORT02');
    const postId = /^answer:(\d+):/.exec(buttonsOf(question?.blocks)[0]?.value ?? '')?.[1];
    const press = await h.click(member(), `report:daily:${postId}`, { channel: 'C0REPORT02' });
    const opened = await h.fake.waitFor(
      () => h.fake.views.find((v) => v.triggerId === press.triggerId),
      'the second modal',
    );
    const submitted = await h.submitModal(member(), opened, { reason: { selected: 'bogus' }, text: {} });
    await h.replies(press.responseUrl);
    expect((await h.handled(submitted)).codes).toEqual(['REPORT_REASON_INVALID']);
  });
});
