/** Shared by data:delete and data:export: the configured database (migrated), usage errors as exit 2. */
import { ConfigError, parseConfig } from '../src/config.js';
import { createDatabase, type Database } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { UsageError } from '../src/startup/data-requests.js';

export async function runDataScript(
  run: (database: Database, argv: string[]) => Promise<void>,
): Promise<void> {
  let database: Database | undefined;
  try {
    const config = parseConfig(process.env);
    database = await createDatabase({
      url: config.database.url,
      dataDir: config.database.dataDir,
      poolMax: 2,
    });
    await runMigrations(database);
    await run(database, process.argv.slice(2));
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 2;
    } else throw error;
  } finally {
    await database?.close();
  }
}
