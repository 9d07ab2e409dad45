/**
 * Multi-workspace mode (issue 17, items 3 and 4) against the fake Slack: workspaces install by OAuth, each is
 * answered with its own token and never sees another's boards or posts; forged state is refused; an event
 * from a workspace with no installation is ignored; uninstall and revocation (either order) pause schedules,
 * and a reinstall keeps the scores.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishError } from '../../../src/core/publishing/publisher.port.js';
import { slackInstallations } from '../../../src/db/installations.schema.js';
import { schedules } from '../../../src/db/schema.js';
import type { FakeMessage } from '../../support/fake-slack.js';
import {
  blockText,
  buttonsOf,
  createSlackHarness,
  type SlackHarness,
  type SlackTeam,
} from '../../support/slack-harness.js';
import { installByOAuth, oauthRedirect, sendEvent, visitInstallPage } from '../../support/slack-oauth.js';
import {
  SLACK_CLIENT_ID,
  SLACK_TOKEN_ORG,
  SLACK_TOKEN_TEAM_A,
  SLACK_TOKEN_TEAM_B,
} from '../../support/test-secrets.js';

let h: SlackHarness;
const A: SlackTeam = { teamId: 'T0TEAMAAAA', teamDomain: 'team-a' };
const B: SlackTeam = { teamId: 'T0TEAMBBBB', teamDomain: 'team-b' };
const ORG = { enterpriseId: 'E0ORGWIDE1' };
const ORG_TEAM: SlackTeam = { teamId: 'T0ORGTEAM1', teamDomain: 'org-team', ...ORG };
const CHANNEL_A = 'C0CHANNELA';
const CHANNEL_B = 'C0CHANNELB';

beforeAll(async () => {
  h = await createSlackHarness({ oauth: true });
  h.fake.addInstall({ code: 'code-a', botToken: SLACK_TOKEN_TEAM_A, teamId: A.teamId, teamName: 'Team A' });
  h.fake.addInstall({ code: 'code-b', botToken: SLACK_TOKEN_TEAM_B, teamId: B.teamId, teamName: 'Team B' });
  h.fake.addInstall({ code: 'code-org', botToken: SLACK_TOKEN_ORG, isEnterpriseInstall: true, ...ORG });
});
afterAll(async () => {
  for (const l of h.logs) if (Number(l.level) >= 40) console.log(JSON.stringify(l).slice(0, 600));
  await h?.close();
});

const adminA = () => h.user({ id: 'U0ADMINA01', name: 'alice', displayName: 'Alice of A', isAdmin: true });
const adminB = () => h.user({ id: 'U0ADMINB01', name: 'bob', displayName: 'Bob of B', isAdmin: true });
const installRows = () => h.database.db.select().from(slackInstallations);

/** A command from `team`; resolves with its replies' text. */
async function run(
  team: SlackTeam,
  user: ReturnType<typeof adminA>,
  command: string,
  text: string,
  channel: string,
) {
  const sent = await h.command(user, command, text, { team, channel });
  expect(sent.status).toBe(200);
  const replies = await h.replies(sent.responseUrl);
  return replies.map((r) => `${String(r.body.text)}\n${blockText(r.body.blocks)}`).join('\n');
}

/** `/studybot post` in `channel` of `team`: the question message the fake received. */
async function post(team: SlackTeam, user: ReturnType<typeof adminA>, channel: string): Promise<FakeMessage> {
  expect(await run(team, user, '/studybot', 'post', channel)).toContain('Posted the next question');
  return h.fake.messages.filter((m) => m.channel === channel && !m.threadTs).at(-1) as FakeMessage;
}

describe('Slack multi-workspace mode (OAuth)', () => {
  it('serves an Add to Slack page that asks for the manifest scopes with a signed state', async () => {
    const page = await visitInstallPage(h);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Add to Slack');
    expect(page.authorizeUrl?.searchParams.get('client_id')).toBe(SLACK_CLIENT_ID);
    expect(page.authorizeUrl?.searchParams.get('scope')).toBe('commands,chat:write,users:read,files:write');
    expect(page.cookie).toBe(page.authorizeUrl?.searchParams.get('state'));
  });

  it('refuses a forged state with 400 and stores nothing', async () => {
    const page = await visitInstallPage(h);
    const before = h.fake.callsTo('oauth.v2.access').length;
    // A state that is not this browser's, a made-up one with a matching cookie, and none at all.
    expect((await oauthRedirect(h, 'code-a', 'forged-state', page.cookie)).status).toBe(400);
    expect((await oauthRedirect(h, 'code-a', 'forged.jwt.value', 'forged.jwt.value')).status).toBe(400);
    expect((await oauthRedirect(h, 'code-a', String(page.cookie), undefined)).status).toBe(400);
    expect(h.fake.callsTo('oauth.v2.access')).toHaveLength(before);
    expect(await installRows()).toEqual([]);
  });

  it('ignores (and logs) a command from a workspace that has not installed the app', async () => {
    const sent = await h.command(adminA(), '/help', '', { team: A, channel: CHANNEL_A });
    expect(sent.status).toBe(200);
    await h.fake.waitFor(
      () => h.logs.find((l) => l.msg === 'ignored a Slack event from a workspace with no installation'),
      'the ignored event logged',
    );
    expect(h.fake.responsesTo(sent.responseUrl)).toEqual([]);
  });

  it('installs two workspaces by OAuth and keeps their tokens encrypted at rest', async () => {
    expect((await installByOAuth(h, 'code-a')).status).toBe(200);
    expect((await installByOAuth(h, 'code-b')).status).toBe(200);
    const rows = await installRows();
    expect(rows.map((r) => r.key).sort()).toEqual([`T:${A.teamId}`, `T:${B.teamId}`]);
    // Every column of every row, as the database holds it: no token, in the clear or base64.
    const raw = JSON.stringify(await h.database.query(sql`select * from slack_installations`));
    for (const token of [SLACK_TOKEN_TEAM_A, SLACK_TOKEN_TEAM_B]) {
      expect(raw).not.toContain(token);
      expect(raw).not.toContain(Buffer.from(token).toString('base64').slice(0, 20));
      expect(raw).not.toContain(Buffer.from(token).toString('base64url').slice(0, 20));
    }
    expect(rows.every((r) => r.sealed.startsWith('v1.'))).toBe(true);
  });

  it('answers each workspace with its own token; neither sees the other’s posts or boards', async () => {
    const questionA = await post(A, adminA(), CHANNEL_A);
    const questionB = await post(B, adminB(), CHANNEL_B);
    expect(questionA.token).toBe(SLACK_TOKEN_TEAM_A);
    expect(questionB.token).toBe(SLACK_TOKEN_TEAM_B);
    const usersInfo = h.fake.callsTo('users.info');
    expect(usersInfo.find((c) => c.params.user === 'U0ADMINA01')?.token).toBe(SLACK_TOKEN_TEAM_A);
    expect(usersInfo.find((c) => c.params.user === 'U0ADMINB01')?.token).toBe(SLACK_TOKEN_TEAM_B);

    // Alice answers A's question; B's board stays empty, A's shows her.
    const value = buttonsOf(questionA.blocks)[0]?.value ?? '';
    const click = await h.click(adminA(), value, { team: A, channel: CHANNEL_A, messageTs: questionA.ts });
    expect(click.status).toBe(200);
    await h.replies(click.responseUrl);
    expect(await run(A, adminA(), '/leaderboard', 'all', CHANNEL_A)).toContain('Alice of A');
    const boardB = await run(B, adminB(), '/leaderboard', 'all', CHANNEL_B);
    expect(boardB).not.toContain('Alice of A');
    // A's button pressed in B's workspace does not answer A's question there.
    const cross = await h.click(adminB(), value, { team: B, channel: CHANNEL_B, messageTs: questionA.ts });
    const [crossReply] = await h.replies(cross.responseUrl);
    expect(blockText(crossReply?.body.blocks)).not.toMatch(/Correct|Not quite/);
    expect(await run(B, adminB(), '/leaderboard', 'all', CHANNEL_B)).not.toContain('Bob of B ·');
  });

  it('uninstall pauses the workspace and deletes its installation; a reinstall resumes it and keeps scores', async () => {
    await run(A, adminA(), '/studybot', 'setup 09:00 UTC', CHANNEL_A);
    const statsBefore = await run(A, adminA(), '/stats', '', CHANNEL_A);
    // app_uninstalled, then tokens_revoked for the same workspace: the second finds nothing left to do.
    expect((await sendEvent(h, A, { type: 'app_uninstalled' })).status).toBe(200);
    expect((await sendEvent(h, A, { type: 'tokens_revoked', tokens: { bot: ['U0STUDYBOT'] } })).status).toBe(
      200,
    );
    await expectUninstalled(A);
    h.fake.revokeToken(SLACK_TOKEN_TEAM_A);
    // A scheduled post to the uninstalled workspace is refused for good (the channel pauses), never sent.
    const sends = h.fake.callsTo('chat.postMessage').length;
    const refused = await h.adapter.publisher
      .post(
        { platform: 'slack', workspaceExternalId: A.teamId, channelExternalId: CHANNEL_A },
        { kind: 'info', visibility: 'channel', title: 'hello', lines: [] },
      )
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PublishError);
    expect(refused).toMatchObject({ kind: 'unreachable' });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(sends);
    // Gone: a command from A is ignored, B still works.
    const ignored = await h.command(adminA(), '/stats', '', { team: A, channel: CHANNEL_A });
    expect(ignored.status).toBe(200);
    expect(await run(B, adminB(), '/help', '', CHANNEL_B)).toContain('/leaderboard');
    expect(h.fake.responsesTo(ignored.responseUrl)).toEqual([]);

    // Reinstall (a new token): the schedule runs again and the points are still there.
    h.fake.addInstall({
      code: 'code-a2',
      botToken: `${SLACK_TOKEN_TEAM_A}2`,
      teamId: A.teamId,
      teamName: 'Team A',
    });
    expect((await installByOAuth(h, 'code-a2')).status).toBe(200);
    const status = await run(A, adminA(), '/studybot', 'status', CHANNEL_A);
    expect(status).not.toContain('Paused');
    expect(await run(A, adminA(), '/stats', '', CHANNEL_A)).toBe(statsBefore);
    expect((await post(A, adminA(), CHANNEL_A)).token).toBe(`${SLACK_TOKEN_TEAM_A}2`);
  });

  it('handles tokens_revoked before app_uninstalled the same way', async () => {
    await run(B, adminB(), '/studybot', 'setup 10:00 UTC', CHANNEL_B);
    expect(
      (await sendEvent(h, B, { type: 'tokens_revoked', tokens: { oauth: ['U0ADMINB01'] } })).status,
    ).toBe(200);
    // Only a user token revoked: the installation stays.
    expect((await installRows()).map((r) => r.key)).toContain(`T:${B.teamId}`);
    expect((await sendEvent(h, B, { type: 'tokens_revoked', tokens: { bot: ['U0STUDYBOT'] } })).status).toBe(
      200,
    );
    expect((await sendEvent(h, B, { type: 'app_uninstalled' })).status).toBe(200);
    await expectUninstalled(B);
  });

  it('installs org-wide (Enterprise Grid) and answers the org’s workspaces with the org token', async () => {
    expect((await installByOAuth(h, 'code-org')).status).toBe(200);
    expect((await installRows()).map((r) => r.key)).toContain(`E:${ORG.enterpriseId}`);
    const admin = h.user({ id: 'U0ORGADMIN', name: 'olga', displayName: 'Olga', isAdmin: true });
    const message = await post(ORG_TEAM, admin, 'C0ORGCHAN1');
    expect(message.token).toBe(SLACK_TOKEN_ORG);
    expect(h.fake.callsTo('users.info').find((c) => c.params.user === 'U0ORGADMIN')?.token).toBe(
      SLACK_TOKEN_ORG,
    );
    // A scheduled post (the publisher outside any event) finds the org's token for that workspace too.
    const ts = await h.adapter.publisher.post(
      { platform: 'slack', workspaceExternalId: ORG_TEAM.teamId, channelExternalId: 'C0ORGCHAN1' },
      { kind: 'info', visibility: 'channel', title: 'hello', lines: [] },
    );
    expect(h.fake.messages.find((m) => m.ts === ts)?.token).toBe(SLACK_TOKEN_ORG);
    await run(ORG_TEAM, admin, '/studybot', 'setup 11:00 UTC', 'C0ORGCHAN1');
    await sendEvent(h, { ...ORG_TEAM, isEnterpriseInstall: true }, { type: 'app_uninstalled' });
    await expectUninstalled(ORG_TEAM, `E:${ORG.enterpriseId}`);
  });
});

/** The installation is gone and every schedule of the workspace is paused with the uninstall reason. */
async function expectUninstalled(team: SlackTeam, key = `T:${team.teamId}`) {
  // Events are acknowledged first and handled after: wait for the outcome, then check it fully.
  await eventually(async () => {
    const left = await h.database.db.select().from(slackInstallations).where(eq(slackInstallations.key, key));
    const running = await h.database.query<{ n: number }>(sql`
      select count(*)::int as n from ${schedules} s join channels c on c.id = s.channel_id
      join workspaces w on w.id = c.workspace_id
      where w.platform = 'slack' and w.external_id = ${team.teamId} and not s.paused`);
    return left.length === 0 && running[0]?.n === 0;
  });
  const rows = await h.database.db.select().from(slackInstallations).where(eq(slackInstallations.key, key));
  expect(rows).toEqual([]);
  const paused = await h.database.query<{ paused: boolean; paused_reason: string | null }>(sql`
    select s.paused, s.paused_reason from ${schedules} s
    join channels c on c.id = s.channel_id join workspaces w on w.id = c.workspace_id
    where w.platform = 'slack' and w.external_id = ${team.teamId}`);
  expect(paused.length).toBeGreaterThan(0);
  for (const row of paused) {
    expect(row.paused).toBe(true);
    expect(row.paused_reason).toMatch(/uninstalled from this workspace/);
  }
}

/** Resolves once `probe` is true (checked every 50 ms; gives up after 10 s with a readable error). */
async function eventually(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('gave up waiting for the uninstall to take effect');
}
