/**
 * `npm run bench`: prints a table of figures and, as its last line, one JSON object with all of them.
 * Runs against DATABASE_URL when set, else an embedded PGlite in a temporary folder.
 */
import { parseConfig } from '../src/config.js';
import { loadCatalog } from '../src/core/content/catalog.js';
import { benchExplain } from './explain.bench.js';

const config = parseConfig(process.env);
const catalog = await loadCatalog(config.contentDir);
const results: Record<string, number | string> = {
  database: config.database.url === undefined ? 'pglite' : 'postgres',
};

const explain = benchExplain(catalog);
Object.assign(results, explain);

console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
console.log(JSON.stringify(results));
