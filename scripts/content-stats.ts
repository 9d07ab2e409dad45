/**
 * `npm run content:stats`: item analysis of every deck from members' first tries (every workspace): % right,
 * choice shares, discrimination, reports and flags, each with the question's file:line (docs/item-analysis.md).
 */
import { authorStatsLines } from '../src/core/reports/author-report.js';
import { createItemAnswersStore } from '../src/db/item-answers.store.js';
import { createReportsStore } from '../src/db/reports.store.js';
import { withContentDatabase } from './content-database.js';

await withContentDatabase(async ({ catalog, database }) => {
  const tries = await createItemAnswersStore(database).firstTries(undefined);
  const reports = await createReportsStore(database).listReports(undefined);
  for (const line of authorStatsLines(catalog, tries, reports)) console.log(line);
});
