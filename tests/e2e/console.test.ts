import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLAIN_USAGE } from '../../src/core/explain/explain.command.js';
import { refusalMessage } from '../../src/core/refusals.js';
import { childEnv, runNpm } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let dataDir: string;
let database: TestDatabase;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'studybot-e2e-'));
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** `npm start` on this run's database: Postgres when the suite targets it, else PGlite in a temp folder. */
const start = (input: string, extra: Record<string, string> = {}) =>
  runNpm(['start'], input, childEnv({ DATABASE_URL: database.url, DATA_DIR: dataDir, ...extra }));

describe('npm start without tokens: the console chat', () => {
  it('answers a piped script and exits 0 at end of input', async () => {
    const long = 'x'.repeat(5000);
    const result = await start(`/explain scp\n/explain\n/explain scpp\n/explain ${long}\n/help\n`);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/studybot console chat: \d+ deck\(s\), \d+ terms, \d+ questions/);
    expect(out).toContain('To connect Slack set SLACK_BOT_TOKEN');
    expect(out).toContain('Service control policy (SCP)');
    expect(out).toMatch(/never grants permissions/);
    expect(out).toContain('Usage: /explain <term>');
    // A typo is refused with suggestions, the right term first.
    expect(out).toContain(
      refusalMessage('TERM_DID_YOU_MEAN', {
        query: 'scpp',
        suggestions: 'Service control policy (SCP)',
      }).replace(/\?$/, ''),
    );
    expect(out).toContain(
      refusalMessage('ARGUMENT_TOO_LONG', { length: 5000, max: 200, what: 'a term', usage: EXPLAIN_USAGE }),
    );
    expect(out).not.toContain('x'.repeat(100));
    expect(out).toContain('/leaderboard [week|month|all|channel]');
  });

  it('runs a whole round: post, answers by three members (one twice), close, reveal, boards, stats, practice', async () => {
    const script = [
      '/studybot post',
      '/as alice',
      'A',
      'B',
      '/as bob',
      'B',
      '/as carol',
      'C',
      '/studybot close',
      'D',
      '/leaderboard',
      '/stats',
      '/quiz',
      'A',
    ].join('\n');
    const result = await start(`${script}\n`);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/\[#channel\] Question of the day · /);
    expect(out).toContain('You are now alice.');
    // The console is a child process here: its refusals are read through the refusal table.
    expect(out).toContain(refusalMessage('ALREADY_ANSWERED', { choice: 'A' }));
    expect(out.match(/\[only you\] (Correct! \+10 points|Not quite\.)/g)?.length).toBeGreaterThanOrEqual(3);
    expect(out).toMatch(/\[#channel\] The answer: [A-E]\. /);
    expect(out).toContain('Answered: 3');
    expect(out).toContain('Closed the question and revealed its answer.');
    expect(out).toContain(refusalMessage('POST_CLOSED'));
    expect(out).toMatch(/Leaderboard · this week/);
    expect(out).toMatch(/Stats for carol/);
    expect(out).toMatch(/\[only you\] Practice · /);
    expect(out).toMatch(/It comes back in/);
  });

  it('explains every term of the real deck by its id, its name and each alias', async () => {
    const { loadDecks } = await import('../../src/core/content/content.loader.js');
    const { realContent } = await import('../support/paths.js');
    const keys = (await loadDecks(realContent)).flatMap((d) =>
      d.terms.flatMap((t) => [t.id, t.term, ...t.aliases].map((key) => ({ key, title: t.term }))),
    );
    const result = await start(`${keys.map((k) => `/explain ${k.key}`).join('\n')}\n`);
    expect(result.code).toBe(0);
    const titles = [...result.stdout.matchAll(/^\[only you\] (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual(keys.map((k) => k.title));
    expect(result.stdout).not.toContain("I don't know");
  });

  it('stops with the variable named when the configuration is wrong', async () => {
    const result = await start('/help\n', { PORT: 'not-a-port' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT: expected a TCP port number from 1 to 65535');
    expect(result.stdout).not.toContain('console chat');
  });

  it('stops with file and line when a deck is broken', async () => {
    const broken = await mkdtemp(path.join(os.tmpdir(), 'studybot-broken-'));
    const { cp, writeFile, readFile } = await import('node:fs/promises');
    const { fixtureContent } = await import('../support/paths.js');
    await cp(fixtureContent, broken, { recursive: true });
    const file = path.join(broken, 'sample', 'questions.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'answer: B\n  explanation: SCPs',
        'answer: D\n  explanation: SCPs',
      ),
    );
    try {
      const result = await start('/help\n', { CONTENT_DIR: broken });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /questions\.yaml:5: question "q-scp": answer "D" is not among the choices A, B/,
      );
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
