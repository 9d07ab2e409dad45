/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits.
 * The bot also does this at every start, so this is for deploy pipelines that migrate as a separate step.
 */
import { ConfigError, parseConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';

try {
  const config = parseConfig(process.env);
  const database = await createDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    poolMax: 2,
  });
  await runMigrations(database);
  await database.close();
  console.log(
    `Migrations applied to ${database.kind === 'pglite' ? `the embedded database in ${config.database.dataDir}` : 'DATABASE_URL'}.`,
  );
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
