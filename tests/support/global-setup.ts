import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { scanLogDir } from './secret-scan.js';
import { testDatabaseUrl } from './test-env.js';
import { ALL_TEST_SECRETS } from './test-secrets.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data dir dump, so each test file starts a fresh database in ~1 s instead of ~5 s. */
    pgliteTemplate: string;
    /** Where every test's bot logs (and child processes' output) are collected for the credential check. */
    logDir: string;
  }
}

/**
 * Runs once per `npm test`: builds the migrated PGlite template (unless the run targets real Postgres),
 * and at the end scans the whole suite's log output for credentials. A teardown error would not fail a
 * vitest run, so a finding sets the exit code and prints every offending line instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'studybot-test-'));
  const file = path.join(dir, 'template.tar');
  const logDir = path.join(dir, 'logs');
  await mkdir(logDir);
  if (testDatabaseUrl() === undefined) {
    const database = await createDatabase({ url: undefined, dataDir: 'memory://' });
    await runMigrations(database);
    const dump = await database.dumpDataDir?.();
    if (dump) await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
  }
  project.provide('pgliteTemplate', file);
  project.provide('logDir', logDir);
  return async () => {
    const { files, lines, findings } = await scanLogDir(logDir, ALL_TEST_SECRETS);
    if (findings.length > 0) {
      process.stderr.write(
        `\nLOG CHECK FAILED: ${findings.length} log line(s) hold a credential:\n${findings
          .map((f) => `  ${f.where} (${f.what}): ${f.excerpt}`)
          .join('\n')}\n`,
      );
      process.exitCode = 1;
    } else {
      process.stdout.write(`\nLog check: ${lines} log lines from ${files} file(s), no credentials found.\n`);
    }
    await rm(dir, { recursive: true, force: true });
  };
}
