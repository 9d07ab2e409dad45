/**
 * `npm run data:delete -- --workspace <platform>:<id>`: deletes every row of a workspace (a data-deletion
 * request) from DATABASE_URL (or the embedded database) and prints the rows deleted per table.
 */
import { dataDelete } from '../src/startup/data-requests.js';
import { runDataScript } from './data-script.js';

await runDataScript(async (database, argv) => {
  for (const line of await dataDelete(database, argv)) console.log(line);
});
