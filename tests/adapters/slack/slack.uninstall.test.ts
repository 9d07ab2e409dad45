/**
 * Single-workspace mode (one SLACK_BOT_TOKEN) hears app_uninstalled too: the workspace's schedules pause
 * with a reason `/studybot status` shows after the app is back, and `/studybot resume` restarts them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockText, createSlackHarness, type SlackHarness } from '../../support/slack-harness.js';
import { sendEvent } from '../../support/slack-oauth.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await createSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const admin = () => h.user({ id: 'U0ADMIN01', name: 'alice', displayName: 'Alice Admin', isAdmin: true });

async function status(): Promise<string> {
  const sent = await h.command(admin(), '/studybot', 'status');
  const [reply] = await h.replies(sent.responseUrl);
  return blockText(reply?.body.blocks);
}

describe('app_uninstalled in single-workspace mode', () => {
  it('pauses the workspace’s schedules with the reason, and /studybot resume restarts them', async () => {
    const setup = await h.command(admin(), '/studybot', 'setup 09:00 UTC');
    await h.replies(setup.responseUrl);
    const team = { teamId: h.fake.teamId, teamDomain: h.fake.teamDomain };
    expect((await sendEvent(h, team, { type: 'app_uninstalled' })).status).toBe(200);
    let text = '';
    for (let i = 0; i < 100 && !text.includes('Paused'); i++) {
      text = await status();
      if (!text.includes('Paused')) await new Promise((r) => setTimeout(r, 50));
    }
    expect(text).toContain(
      'Paused (the app was uninstalled from this workspace). /studybot resume restarts it.',
    );
    const resume = await h.command(admin(), '/studybot', 'resume');
    await h.replies(resume.responseUrl);
    expect(await status()).not.toContain('Paused');
  });
});
