/**
 * The console as a new team meets it, through `npm start` with piped input: letters reach the right
 * question (also after a restart), the default member has a name, a piped script reads as a transcript,
 * and a reader that goes away ends the process quietly.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusalMessage } from '../../src/core/refusals.js';
import { repoRoot } from '../support/paths.js';
import { childEnv, runNpm } from '../support/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

let dataDir: string;
let database: TestDatabase;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'studybot-transcript-'));
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) =>
  childEnv({ DATABASE_URL: database.url, DATA_DIR: dataDir, ...extra });
const start = (input: string, extra: Record<string, string> = {}) => runNpm(['start'], input, env(extra));

/** The private reply printed right after the transcript line `who> line` (the first reply block). */
const replyTo = (out: string, who: string, line: string, nth = 0): string => {
  const blocks = out.split(`\n${who}> ${line}\n`);
  const after = blocks[nth + 1];
  if (after === undefined) throw new Error(`no "${who}> ${line}" (#${nth + 1}) in:\n${out}`);
  return after.split('\n\n')[0] ?? '';
};

describe('the console: letters, names and the transcript', () => {
  it("answers a member's own practice question, else the channel's open one, also after a restart", async () => {
    const me = os.userInfo().username;
    const first = await start(
      [
        'B',
        '/studybot post',
        '/as alice',
        '/quiz',
        '/as bob',
        'E',
        'D',
        '/as alice',
        'A',
        '/leaderboard',
      ].join('\n'),
    );
    expect(first.code).toBe(0);
    const out = first.stdout;
    // Before anything was posted, a letter has nothing to answer.
    expect(out).toContain(refusalMessage('NOTHING_TO_ANSWER'));
    // The default member is named after the OS user (or `console`), never `you`; each line is echoed.
    expect(out).toContain(`\n${/^[\p{L}\p{N}._-]{1,40}$/u.test(me) ? me : 'console'}> /studybot post\n`);
    expect(out).not.toMatch(/^you> /m);
    // Bob has no practice question of his own: his letters go to the channel's question, not alice's.
    expect(replyTo(out, 'bob', 'E')).toMatch(/This question has choices A–[B-E]\. Nothing was recorded\./);
    const bobAnswer = replyTo(out, 'bob', 'D');
    expect(bobAnswer).not.toContain(refusalMessage('PRACTICE_NOT_YOURS'));
    expect(bobAnswer).toMatch(/\[only you\] (Correct!|Not quite\.)/);
    // Alice's letter answers her own practice question.
    expect(replyTo(out, 'alice', 'A')).toMatch(/It comes back in/);
    expect(replyTo(out, 'alice', '/leaderboard')).toMatch(/bob/);

    // A new process: nothing in memory, the open question is still there to answer.
    const second = await start(['/as carol', 'C', '/studybot status'].join('\n'));
    expect(second.code).toBe(0);
    const carol = replyTo(second.stdout, 'carol', 'C');
    expect(carol).toMatch(/\[only you\] (Correct!|Not quite\.)/);
    expect(replyTo(second.stdout, 'carol', '/studybot status')).toMatch(/open, 2 answers/);
  }, 240_000);
});

/** `npm start` whose reader of `stream` goes away after the first chunk; its exit code, signal and the rest. */
function startAndCloseReader(
  stream: 'stdout' | 'stderr',
  input: string,
  extra: Record<string, string>,
): Promise<{ code: number | null; signal: string | null; other: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['--silent', 'start'], { cwd: repoRoot, env: env(extra) });
    let other = '';
    const closing = child[stream];
    const kept = stream === 'stdout' ? child.stderr : child.stdout;
    kept.on('data', (d: Buffer) => {
      other += d.toString();
    });
    // The clock starts when the reader goes away (start-up on a loaded machine is not what is measured).
    let timer: NodeJS.Timeout | undefined;
    closing.once('data', () => {
      closing.destroy();
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`still running 60 s after its ${stream} closed; other stream:\n${other}`));
      }, 60_000);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, other });
    });
    child.stdin.end(input);
  });
}

describe('a reader that goes away', () => {
  const script = `${'/explain kms\n/explain scp\n/help\n'.repeat(40)}`;

  it('ends the console quietly when stdout closes (npm start | head -3)', async () => {
    const result = await startAndCloseReader('stdout', script, {});
    expect(result.code === 0 || result.signal === 'SIGPIPE').toBe(true);
    expect(result.other).not.toMatch(/EPIPE|uncaught|stack/i);
  }, 240_000);

  it('ends quietly when the log stream (stderr) closes, with nothing looping on its own write error', async () => {
    const result = await startAndCloseReader('stderr', script, { LOG_LEVEL: 'debug' });
    expect(result.code === 0 || result.signal === 'SIGPIPE').toBe(true);
    expect(result.other).not.toMatch(/EPIPE|uncaught/i);
  }, 240_000);
});
