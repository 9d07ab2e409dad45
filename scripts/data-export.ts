/**
 * `npm run data:export -- --workspace <platform>:<id>` or `-- --member <platform>:<workspace>:<user>`
 * (add `--out <file>`): writes the workspace's or member's rows as JSON to stdout or the file.
 */
import { dataExport } from '../src/startup/data-requests.js';
import { runDataScript } from './data-script.js';

await runDataScript(async (database, argv) => {
  const { json, out } = await dataExport(database, argv);
  if (out) console.error(`Wrote ${out}.`);
  else process.stdout.write(json);
});
