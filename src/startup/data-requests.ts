/**
 * `npm run data:delete` and `npm run data:export`: a data-deletion or access request for a workspace
 * (`--workspace <platform>:<id>`) or, for exports, one member (`--member <platform>:<workspace>:<user>`).
 * Deletion prints the rows deleted per table; exports write JSON to stdout or `--out <file>`.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Database } from '../db/client.js';
import {
  deleteWorkspaceData,
  exportMemberData,
  exportWorkspaceData,
  findWorkspace,
} from '../db/workspace-data.js';

const PLATFORMS = ['slack', 'discord', 'console'];

/** A request the user typed wrong: the message says what is expected (exit code 2). */
export class UsageError extends Error {}

/** `platform:workspace` or `platform:workspace:user` (a console user id has a colon of its own: `user:ann`). */
function target(value: string | undefined, parts: 2 | 3, flag: string): string[] {
  const [platform = '', workspace = '', ...rest] = (value ?? '').split(':');
  const found = parts === 2 ? [platform, workspace, ...rest] : [platform, workspace, rest.join(':')];
  if (found.length !== parts || found.some((p) => p.trim() === '') || !PLATFORMS.includes(found[0] ?? '')) {
    const shape = parts === 2 ? '<platform>:<workspace id>' : '<platform>:<workspace id>:<user id>';
    throw new UsageError(
      `${flag}: expected ${shape}, platform one of ${PLATFORMS.join(', ')} (e.g. slack:T0123ABCD)`,
    );
  }
  return found;
}

async function workspaceOf(database: Database, platform: string, id: string) {
  const workspace = await findWorkspace(database.db, platform, id);
  if (!workspace) throw new UsageError(`no workspace ${platform}:${id} in this database (nothing to do)`);
  return workspace;
}

/** data:delete: deletes every row of the workspace; returns the report lines (table: rows). */
export async function dataDelete(database: Database, argv: string[]): Promise<string[]> {
  const { values } = parseArgs({ args: argv, options: { workspace: { type: 'string' } }, strict: true });
  const [platform = '', id = ''] = target(values.workspace, 2, '--workspace');
  const counts = await deleteWorkspaceData(database, await workspaceOf(database, platform, id));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return [
    `Deleted workspace ${platform}:${id}: ${total} rows.`,
    ...Object.entries(counts).map(([table, n]) => `  ${table}: ${n}`),
  ];
}

/** data:export: the workspace's or member's rows as JSON; written to `--out` or returned for stdout. */
export async function dataExport(
  database: Database,
  argv: string[],
): Promise<{ json: string; out?: string }> {
  const { values } = parseArgs({
    args: argv,
    options: { workspace: { type: 'string' }, member: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if ((values.workspace === undefined) === (values.member === undefined))
    throw new UsageError('give one of --workspace <platform>:<id> or --member <platform>:<workspace>:<user>');
  let data: object;
  if (values.workspace !== undefined) {
    const [platform = '', id = ''] = target(values.workspace, 2, '--workspace');
    const workspace = await workspaceOf(database, platform, id);
    data = { workspace: `${platform}:${id}`, tables: await exportWorkspaceData(database.db, workspace) };
  } else {
    const [platform = '', id = '', user = ''] = target(values.member, 3, '--member');
    const tables = await exportMemberData(database.db, await workspaceOf(database, platform, id), user);
    if (!tables) throw new UsageError(`no member ${user} in workspace ${platform}:${id}`);
    data = { member: `${platform}:${id}:${user}`, tables };
  }
  const json = `${JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2)}\n`;
  if (values.out !== undefined) await writeFile(values.out, json);
  return { json, ...(values.out !== undefined ? { out: values.out } : {}) };
}
