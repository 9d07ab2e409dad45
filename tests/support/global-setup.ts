import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { testDatabaseUrl } from './test-env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data dir dump, so each test file starts a fresh database in ~1 s instead of ~5 s. */
    pgliteTemplate: string;
  }
}

/** Runs once per `npm test`: builds the migrated PGlite template (unless the run targets real Postgres). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'studybot-test-'));
  const file = path.join(dir, 'template.tar');
  if (testDatabaseUrl() === undefined) {
    const database = await createDatabase({ url: undefined, dataDir: 'memory://' });
    await runMigrations(database);
    const dump = await database.dumpDataDir?.();
    if (dump) await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
  }
  project.provide('pgliteTemplate', file);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
