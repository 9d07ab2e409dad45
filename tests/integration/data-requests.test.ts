/**
 * Data-deletion and access requests (issue 17, item 4): `data:delete` removes every row of one workspace,
 * table by table with counts, and leaves other workspaces as they were; `data:export` writes a workspace's
 * or a member's rows as JSON. The coverage test reads the drizzle schema itself, so a table added later
 * (by any feature) fails here until WORKSPACE_DATA says how it hangs off a workspace.
 */
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstallationsStore } from '../../src/db/installations.store.js';
import * as schema from '../../src/db/schema.js';
import { exportWorkspaceData, findWorkspace, WORKSPACE_DATA } from '../../src/db/workspace-data.js';
import { dataDelete, dataExport, UsageError } from '../../src/startup/data-requests.js';
import { answerActionOf, createHarness, type Harness } from '../support/harness.js';
import { SLACK_TOKEN_TEAM_A } from '../support/test-secrets.js';

let h: Harness;
const GONE = 'T0DELETE01';
const KEPT = 'T0KEEP0002';

/**
 * A workspace with every kind of row: schedule, posts, answers, a report, a recap, scores, streaks, practice,
 * snapshots, installation.
 */
async function populate(workspace: string, channel: string) {
  const where = { workspace, channel, platform: 'slack' as const };
  const admin = h.actor('admin', { ...where, admin: true });
  const ann = h.actor('ann', where);
  await h.bot.command(admin, 'studybot', 'setup 09:00 UTC');
  await h.bot.command(admin, 'studybot', 'post');
  const [verdict] = await h.bot.action(ann, answerActionOf(h, 'A', channel));
  const report = verdict?.buttons?.find((b) => b.label === 'Report')?.actionId;
  if (!report) throw new Error('no Report button');
  const [form] = await h.bot.action(ann, report);
  if (!form?.form) throw new Error('no report form');
  await h.bot.submit(ann, form.form.id, { reason: 'typo', text: '' });
  await h.bot.command(admin, 'studybot', 'recap');
  const [quiz] = await h.bot.command(ann, 'quiz', '');
  const practice = quiz?.buttons?.[0]?.actionId;
  if (!practice) throw new Error('no practice question');
  await h.bot.action(ann, practice);
  await h.bot.command(ann, 'readiness', 'team');
  const store = createInstallationsStore(h.database.db);
  await store.save({
    key: `T:${workspace}`,
    teamId: workspace,
    enterpriseId: null,
    isEnterpriseInstall: false,
    sealed: 'v1.sealed-for-test',
    installedAt: h.clock.now(),
  });
  await store.rememberOrgTeam(workspace, 'E0SOMEORG1', h.clock.now());
}

beforeAll(async () => {
  h = await createHarness();
  await populate(GONE, 'C0GONE0001');
  await populate(KEPT, 'C0KEPT0001');
});
afterAll(async () => {
  await h?.close();
});

describe('data requests', () => {
  it('covers every table of the schema: a table no one placed fails here', () => {
    const inSchema = Object.values(schema as Record<string, unknown>)
      .filter((v): v is PgTable => is(v, PgTable))
      .map((t) => getTableName(t))
      .sort();
    const covered = WORKSPACE_DATA.map((d) => getTableName(d.table)).sort();
    expect(inSchema.length).toBeGreaterThanOrEqual(15);
    expect(covered).toEqual(inSchema);
    for (const d of WORKSPACE_DATA) expect(Boolean(d.rows) !== Boolean(d.why)).toBe(true);
  });

  it('data:delete deletes every row of one workspace with counts, and leaves the other untouched', async () => {
    const kept = await findWorkspace(h.database.db, 'slack', KEPT);
    if (!kept) throw new Error('no kept workspace');
    const before = JSON.stringify(await exportWorkspaceData(h.database.db, kept));
    const lines = await dataDelete(h.database, ['--workspace', `slack:${GONE}`]);
    expect(lines[0]).toMatch(/^Deleted workspace slack:T0DELETE01: \d+ rows\.$/);
    // Every workspace table had rows of this workspace (the set-up makes each kind), and lost them.
    const counts = Object.fromEntries(lines.slice(1).map((l) => l.trim().split(': ')));
    for (const d of WORKSPACE_DATA.filter((x) => x.rows))
      expect(Number(counts[getTableName(d.table)]), getTableName(d.table)).toBeGreaterThan(0);
    expect(counts.workspaces).toBe('1');
    expect(await findWorkspace(h.database.db, 'slack', GONE)).toBeUndefined();
    expect(JSON.stringify(await exportWorkspaceData(h.database.db, kept))).toBe(before);
    // Asked again: nothing left, said plainly.
    await expect(dataDelete(h.database, ['--workspace', `slack:${GONE}`])).rejects.toThrow(UsageError);
  });

  it('refuses a malformed target and names the expected shape', async () => {
    await expect(dataDelete(h.database, ['--workspace', 'T0KEEP0002'])).rejects.toThrow(
      '--workspace: expected <platform>:<workspace id>',
    );
    await expect(dataExport(h.database, [])).rejects.toThrow(/give one of --workspace/);
  });

  it('data:export writes a workspace’s rows, or one member’s, as JSON', async () => {
    const whole = JSON.parse((await dataExport(h.database, ['--workspace', `slack:${KEPT}`])).json);
    expect(whole.workspace).toBe(`slack:${KEPT}`);
    expect(whole.tables.members.map((m: { displayName: string }) => m.displayName).sort()).toEqual([
      'admin',
      'ann',
    ]);
    expect(whole.tables.answers).toHaveLength(1);
    expect(whole.tables.schedules[0]).toMatchObject({ timeOfDay: '09:00' });
    expect(JSON.stringify(whole)).not.toContain(SLACK_TOKEN_TEAM_A);

    const ann = JSON.parse((await dataExport(h.database, ['--member', `slack:${KEPT}:u-ann`])).json);
    expect(ann.member).toBe(`slack:${KEPT}:u-ann`);
    expect(ann.tables.members).toEqual([
      expect.objectContaining({ externalId: 'u-ann', displayName: 'ann' }),
    ]);
    expect(ann.tables.answers).toHaveLength(1);
    expect(ann.tables.practice_prompts).toHaveLength(1);
    expect(ann.tables).not.toHaveProperty('schedules');
    const annId = ann.tables.members[0].id;
    for (const [table, rows] of Object.entries(ann.tables as Record<string, { memberId?: number }[]>))
      if (table !== 'members') for (const row of rows) expect(row.memberId).toBe(annId);
    await expect(dataExport(h.database, ['--member', `slack:${KEPT}:u-nobody`])).rejects.toThrow(/no member/);
  });
});
