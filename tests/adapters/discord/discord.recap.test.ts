import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH } from '../../../src/charts/readiness.chart.js';
import { type DiscordHarness, startDiscordHarness } from '../../support/discord-harness.js';
import { PERMS, type RecordedCall } from '../../support/fake-discord.js';

let h: DiscordHarness;
beforeAll(async () => {
  h = await startDiscordHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Message {
  id?: string;
  embeds?: { title?: string; description?: string; image?: { url: string } }[];
  components?: { components: { custom_id: string }[] }[];
  attachments?: { id: string; filename: string; description?: string; size: number }[];
}

const admin = () => h.fake.user('Ada', PERMS.manageServer);
const channelPath = () => `/channels/${h.fake.channelId}/messages`;
const channelPosts = () => h.fake.calls.filter((c) => c.method === 'POST' && c.path === channelPath());
const recapPost = (from: number): RecordedCall | undefined =>
  channelPosts()
    .slice(from)
    .find((c) => ((c.body as Message).embeds?.[0]?.title ?? '').startsWith('Weekly recap'));

/** A question posted and answered (wrongly) by a member, so the recap has a week to tell. */
async function scriptedDay() {
  await h.fake.ask(h.fake.studybot('post', [], admin()));
  const question = channelPosts().findLast((c) => ((c.body as Message).components ?? []).length > 0);
  if (!question) throw new Error('no question posted');
  const messageId = String((question.response as Message).id);
  const [button] = ((question.body as Message).components ?? []).flatMap((r) => r.components);
  await h.fake.ask(h.fake.button(String(button?.custom_id), h.fake.user('Bea'), messageId));
}

describe('the weekly recap on Discord', () => {
  it('posts the recap with the chart as a multipart attachment shown in the embed, with alt text', async () => {
    await scriptedDay();
    const before = channelPosts().length;
    const answer = await h.fake.ask(h.fake.studybot('recap', [], admin()));
    expect((answer.body as Message).embeds?.[0]?.description).toContain('with its chart');
    const call = recapPost(before);
    const [file] = call?.files ?? [];
    expect(file).toMatchObject({ field: 'files[0]', contentType: 'image/png' });
    const png = PNG.sync.read(file?.bytes ?? Buffer.alloc(0));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    if (!call) throw new Error('no recap posted');
    const body = call.body as Message;
    const [attachment] = (call.response as Message).attachments ?? [];
    expect(body.embeds?.[0]?.image?.url).toBe(`attachment://${attachment?.filename}`);
    expect(attachment?.description).toMatch(/^Bar chart of team readiness per exam objective/);
    expect(attachment?.size).toBe(file?.bytes.length);
    expect(body.embeds?.[0]?.description).toContain('Participation: 1 member answered at least once');
    expect(body.embeds?.[0]?.description).not.toContain('█');
  });

  it('posts the text bars when Discord refuses the attachment', async () => {
    await scriptedDay();
    const before = channelPosts().length;
    h.fake.failNext({
      method: 'POST',
      path: new RegExp(`^${channelPath()}$`),
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const answer = await h.fake.ask(h.fake.studybot('recap', [], admin()));
    expect((answer.body as Message).embeds?.[0]?.description).toContain('drawn as text');
    const call = recapPost(before + 1);
    if (!call) throw new Error('no recap posted');
    expect(call.files).toBeUndefined();
    expect((call.body as Message).embeds?.[0]?.description).toMatch(/█+░*/);
  });

  it('takes a recap day in setup (a choice), and off', async () => {
    const setup = (day: string) =>
      h.fake.ask(h.fake.studybot('setup', [h.fake.str('time', '09:00'), h.fake.str('recap', day)], admin()));
    expect((await setup('friday')).body).toMatchObject({
      embeds: [{ description: expect.stringContaining('Weekly recap: every Friday at 09:00') }],
    });
    expect((await setup('off')).body).toMatchObject({
      embeds: [{ description: expect.stringContaining('Weekly recap: off') }],
    });
  });
});
