/**
 * `npm run content:stats`: item analysis of every deck from members' first tries (every workspace): % right,
 * choice shares, discrimination, reports and flags, each with the question's file:line (docs/item-analysis.md).
 */
import { ConfigError, parseConfig } from '../src/config.js';
import { loadCatalog } from '../src/core/content/catalog.js';
import { authorStatsLines } from '../src/core/reports/author-report.js';
import { createDatabase } from '../src/db/client.js';
import { createItemAnswersStore } from '../src/db/item-answers.store.js';
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
    const tries = await createItemAnswersStore(database).firstTries(undefined);
    const reports = await createReportsStore(database).listReports(undefined);
    for (const line of authorStatsLines(catalog, tries, reports)) console.log(line);
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
