/**
 * `npm run content:reports`: the questions members reported (every workspace), grouped by question with
 * each one's file:line, reasons and texts, for the deck's authors. Reads DATABASE_URL or the embedded database.
 */
import { authorReportLines } from '../src/core/reports/author-report.js';
import { createReportsStore } from '../src/db/reports.store.js';
import { withContentDatabase } from './content-database.js';

await withContentDatabase(async ({ catalog, database }) => {
  for (const line of authorReportLines(catalog, await createReportsStore(database).listReports(undefined)))
    console.log(line);
});
