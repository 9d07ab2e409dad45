import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { testDatabaseUrl } from './test-env.js';

export interface TestDatabase extends Database {
  /** The isolated database's URL on Postgres runs (for child processes); undefined on PGlite. */
  url: string | undefined;
}

const uniqueName = () =>
  `studybot_t_${Date.now().toString(36)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * A database of this test file's own: a new Postgres database on the server the run targets (dropped by
 * `close()`), or a fresh PGlite copy of the migrated template. Runs never see each other's rows.
 */
export async function createTestDatabase(options: { poolMax?: number } = {}): Promise<TestDatabase> {
  const serverUrl = testDatabaseUrl();
  if (serverUrl === undefined) {
    const template = inject('pgliteTemplate');
    const loadDataDir = new Blob([await readFile(template)]);
    const database = await createDatabase({ url: undefined, dataDir: 'memory://', loadDataDir });
    await runMigrations(database);
    return Object.assign(database, { url: undefined });
  }
  const name = uniqueName();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({
    url: url.toString(),
    dataDir: 'memory://',
    poolMax: options.poolMax ?? 10,
  });
  await runMigrations(database);
  const close = database.close.bind(database);
  return Object.assign(database, {
    url: url.toString(),
    async close() {
      await close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  });
}
