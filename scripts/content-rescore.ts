/**
 * `npm run content:rescore -- <question-id> [--include-unversioned]`: after fixing a wrong key in a deck,
 * re-grades the answers to the question's earlier versions against the current key, correcting points on
 * every board and the members' memory cards, in one transaction; a second run changes nothing.
 */
import { versionRows } from '../src/core/reports/rescore.plan.js';
import { runRescore } from '../src/core/reports/rescore.run.js';
import { createQuestionVersionsStore, createRescoreStore } from '../src/db/rescore.store.js';
import { withContentDatabase } from './content-database.js';

const args = process.argv.slice(2);
const ref = args.find((a) => !a.startsWith('--'));
if (!ref) {
  console.error(
    'Usage: npm run content:rescore -- <question-id>|<deck>/<question-id> [--include-unversioned]',
  );
  process.exit(2);
}
await withContentDatabase(
  async ({ catalog, database }) => {
    const questionVersions = createQuestionVersionsStore(database);
    // The deck as it is now is a version too (the bot stores it at start-up; so does this).
    await questionVersions.remember(
      catalog.decks.flatMap((d) => versionRows(d.meta.id, [...d.questions, ...d.retired])),
    );
    const lines = await runRescore(
      { catalog, questionVersions, rescore: createRescoreStore(database) },
      ref,
      { includeUnversioned: args.includes('--include-unversioned') },
    );
    for (const line of lines) console.log(line);
  },
  (error) => error instanceof Error && /^no question|is in decks/.test(error.message),
);
