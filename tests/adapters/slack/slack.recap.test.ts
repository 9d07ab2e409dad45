import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH } from '../../../src/charts/readiness.chart.js';
import { blockText, buttonsOf, createSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const admin = () => h.user({ id: 'U0ADMIN01', name: 'alice', displayName: 'Alice', isAdmin: true });
const member = () => h.user({ id: 'U0MEMBER1', name: 'mel', displayName: 'Mel' });

/** Sends a command and waits for its one private answer. */
async function run(user: ReturnType<typeof admin>, text: string, channel: string) {
  const sent = await h.command(user, '/studybot', text, { channel });
  const [reply] = await h.replies(sent.responseUrl);
  return { reply, handled: await h.handled(sent) };
}

/** A question posted and answered by a member, so the recap has a week to tell. */
async function scriptedDay(channel: string) {
  await run(admin(), 'post', channel);
  const question = await h.fake.waitFor(
    () => h.fake.messages.find((m) => m.channel === channel && buttonsOf(m.blocks).length > 0),
    'the question',
  );
  const [button] = buttonsOf(question.blocks);
  const sent = await h.click(member(), String(button?.value), { channel, messageTs: question.ts });
  await h.handled(sent);
}

describe('the weekly recap on Slack', () => {
  it('uploads the chart with files.uploadV2 into the channel, then posts the recap', async () => {
    const channel = 'C0RECAP001';
    await scriptedDay(channel);
    const { reply } = await run(admin(), 'recap', channel);
    expect(String(reply?.body.text)).toContain('with its chart');

    const [file] = h.fake.files;
    expect(file).toMatchObject({ completed: true, channel, filename: expect.stringMatching(/\.png$/) });
    expect(file?.altText).toMatch(/^Bar chart of team readiness per exam objective/);
    const png = PNG.sync.read(file?.bytes ?? Buffer.alloc(0));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);

    const recap = h.fake.messages.find((m) => m.channel === channel && m.text.includes('Weekly recap'));
    const text = blockText(recap?.blocks);
    expect(text).toContain('Participation: 1 member answered at least once, 1 answer in all.');
    expect(text).toContain('Top three: 1. Mel');
    expect(text).not.toContain('█');
  });

  it('posts the chart as text bars when Slack refuses the upload (missing_scope)', async () => {
    const channel = 'C0RECAP002';
    await scriptedDay(channel);
    const files = h.fake.files.length;
    h.fake.once('files.getUploadURLExternal', { error: 'missing_scope' });
    const { reply } = await run(admin(), 'recap', channel);
    expect(String(reply?.body.text)).toContain('drawn as text');
    expect(h.fake.files).toHaveLength(files);
    const recap = h.fake.messages.find((m) => m.channel === channel && m.text.includes('Weekly recap'));
    expect(blockText(recap?.blocks)).toMatch(/█+░*/);
    expect(blockText(recap?.blocks)).toContain('Readiness per objective, this week (last week):');
  });

  it('takes recap <day> in setup and refuses it to members', async () => {
    const channel = 'C0RECAP003';
    const { reply } = await run(admin(), 'setup 09:00 UTC recap monday', channel);
    expect(String(reply?.body.text)).toContain('Weekly recap: every Monday at 09:00 (UTC)');
    const refused = await run(member(), 'recap', channel);
    expect(refused.handled.codes).toEqual(['NOT_ADMIN']);
  });
});
