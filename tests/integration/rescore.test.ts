import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import { createBot } from '../../src/core/bot.js';
import { systemClock } from '../../src/core/clock.js';
import { type Catalog, createCatalog, loadCatalog } from '../../src/core/content/catalog.js';
import type { Deck } from '../../src/core/content/content.loader.js';
import type { Question } from '../../src/core/content/content.schema.js';
import { createPublisherRegistry } from '../../src/core/publishing/publisher.registry.js';
import { reviewCard } from '../../src/core/readiness/memory.model.js';
import { versionRows } from '../../src/core/reports/rescore.plan.js';
import { runRescore } from '../../src/core/reports/rescore.run.js';
import { createRescoreStore } from '../../src/db/rescore.store.js';
import { createStores } from '../../src/db/stores.js';
import { silentLog } from '../support/harness.js';
import { fixtureContent } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let database: TestDatabase;
let fixed: Catalog;
beforeAll(async () => {
  database = await createTestDatabase();
  fixed = await loadCatalog(fixtureContent);
});
afterAll(async () => {
  await database?.close();
});

/** The fixture deck with only q-scp in it, its key set to `key`: every post asks q-scp. */
function oneQuestionCatalog(key: 'A' | 'B'): Catalog {
  const deck = fixed.decks[0] as Deck;
  const q = { ...(deck.questionById.get('q-scp') as Question), answer: key };
  return createCatalog([{ ...deck, questions: [q], retired: [], questionById: new Map([[q.id, q]]) }]);
}

/** Plays the same week in workspace `team` with the deck as `catalog` has it: three posts, three members. */
async function playWeek(catalog: Catalog, team: string) {
  const publishers = createPublisherRegistry();
  let messages = 0;
  publishers.register('console', {
    post: async () => `m${++messages}`,
    reveal: async () => undefined,
  });
  const stores = createStores({ database });
  await stores.questionVersions.remember(catalog.decks.flatMap((d) => versionRows(d.meta.id, d.questions)));
  const bot = createBot({
    ...stores,
    catalog,
    publishers,
    clock: systemClock,
    settings: { postWindowHours: 24, defaultTimezone: 'UTC' },
    log: silentLog,
  });
  const who = (name: string, isAdmin = false): Actor => ({
    platform: 'console',
    workspaceId: team,
    channelId: 'c1',
    userId: `u-${name}`,
    userName: name,
    isAdmin,
  });
  // Ann always picks B (the true key), Bob always A, Cy picks B then skips, then A.
  const script: [string, string | undefined][][] = [
    [
      ['ann', 'B'],
      ['bob', 'A'],
      ['cy', 'B'],
    ],
    [
      ['ann', 'B'],
      ['bob', 'A'],
      ['cy', undefined],
    ],
    [
      ['ann', 'B'],
      ['bob', 'A'],
      ['cy', 'A'],
    ],
  ];
  for (const round of script) {
    await bot.command(who('admin', true), 'studybot', 'post');
    for (const [name, choice] of round) if (choice) await bot.action(who(name), `latest:${choice}`);
  }
  return stores;
}

/** Board totals by member name; the channel board without its (per-team) channel id. */
async function totals(team: string) {
  const rows = (await database.db.execute(sql`
    select m.display_name as name, regexp_replace(s.board, '^channel:.*', 'channel') as board, s.points, s.correct, s.answered
    from member_scores s join members m on m.id = s.member_id join workspaces w on w.id = s.workspace_id
    where w.external_id = ${team}
    order by m.display_name, board`)) as unknown as { rows?: unknown[] } | unknown[];
  return Array.isArray(rows) ? rows : rows.rows;
}

async function cards(team: string) {
  const rows = (await database.db.execute(sql`
    select m.display_name as name, r.reps, r.lapses, r.stability, r.first_correct
    from reviews r join members m on m.id = r.member_id join workspaces w on w.id = m.workspace_id
    where w.external_id = ${team} and r.question_id = 'q-scp'
    order by m.display_name`)) as unknown as { rows?: unknown[] } | unknown[];
  return Array.isArray(rows) ? rows : rows.rows;
}

describe('content:rescore', () => {
  it('gives the same totals, points and cards as grading the corrected key from the start, and changes nothing the second time', async () => {
    await playWeek(oneQuestionCatalog('B'), 'right-from-start');
    const stores = await playWeek(oneQuestionCatalog('A'), 'wrong-key');
    const before = await totals('wrong-key');
    expect(before).not.toEqual(await totals('right-from-start'));

    // The author fixes the key (the real fixture says B) and runs the rescore.
    await stores.questionVersions.remember(fixed.decks.flatMap((d) => versionRows(d.meta.id, d.questions)));
    const deps = {
      catalog: fixed,
      questionVersions: stores.questionVersions,
      rescore: createRescoreStore(database),
    };
    const first = await runRescore(deps, 'q-scp', { includeUnversioned: false });
    expect(first.join('\n')).toContain('Daily answers re-graded: 8 (4 now right, 4 now wrong)');
    expect(await totals('wrong-key')).toEqual(await totals('right-from-start'));
    // Daily answers are folded into cards after the answer (or by the scheduler): fold what is pending.
    for (const member of await stores.memory.membersWithPending(100))
      await stores.memory.applyPending(member, reviewCard);
    expect(await cards('wrong-key')).toEqual(await cards('right-from-start'));

    const second = await runRescore(deps, 'sample/q-scp', { includeUnversioned: false });
    expect(second.at(-1)).toBe('Nothing to change: every answer is already graded against the current key.');
    expect(await totals('wrong-key')).toEqual(await totals('right-from-start'));
  });

  it('refuses an unknown question id', async () => {
    const stores = createStores({ database });
    const deps = {
      catalog: fixed,
      questionVersions: stores.questionVersions,
      rescore: createRescoreStore(database),
    };
    await expect(runRescore(deps, 'no-such-question', { includeUnversioned: false })).rejects.toThrow(
      'no question "no-such-question" in any deck',
    );
  });
});
