/**
 * What the content scripts (content:reports, content:stats, content:rescore) share: the configuration
 * parsed once, the decks loaded, the database opened and migrated, and closed afterwards. A configuration
 * error prints its message (naming the variable) and exits with status 2.
 */
import { ConfigError, parseConfig } from '../src/config.js';
import { type Catalog, loadCatalog } from '../src/core/content/catalog.js';
import { createDatabase, type Database } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';

/** Runs `work` with the decks and a migrated database; `refuse` names errors to print and exit 2 on. */
export async function withContentDatabase(
  work: (context: { catalog: Catalog; database: Database }) => Promise<void>,
  refuse: (error: unknown) => boolean = () => false,
): Promise<void> {
  try {
    const config = parseConfig(process.env);
    const catalog = await loadCatalog(config.contentDir, config.defaultDeck);
    const database = await createDatabase({
      url: config.database.url,
      dataDir: config.database.dataDir,
      poolMax: 2,
    });
    try {
      await runMigrations(database);
      await work({ catalog, database });
    } finally {
      await database.close();
    }
  } catch (error) {
    if (error instanceof ConfigError || refuse(error)) {
      console.error((error as Error).message);
      process.exit(2);
    }
    throw error;
  }
}
