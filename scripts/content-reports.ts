/**
 * `npm run content:reports`: the questions members reported (every workspace), grouped by question with
 * each one's file:line, reasons and texts, for the deck's authors. Reads DATABASE_URL or the embedded database.
 */
import { ConfigError, parseConfig } from '../src/config.js';
import { loadCatalog } from '../src/core/content/catalog.js';
import { authorReportLines } from '../src/core/reports/author-report.js';
import { createDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { createReportsStore } from '../src/db/reports.store.js';

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
    for (const line of authorReportLines(catalog, await createReportsStore(database).listReports(undefined)))
      console.log(line);
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
