import { spawn } from 'node:child_process';
import { recordChildOutput } from './log-sink.js';
import { repoRoot } from './paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child `npm start`: the test's own, minus every platform credential. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(SLACK_|DISCORD_|DATABASE_URL$|TEST_DATABASE_URL$|LOG_|CONTENT_DIR$|DATA_DIR$)/.test(k))
      env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Runs an npm script (as a user would type it) with `input` piped to stdin. */
export function runNpm(
  script: string[],
  input: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 90_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['--silent', ...script], {
      cwd: repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `npm ${script.join(' ')} did not finish in ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      recordChildOutput(`npm ${script.join(' ')} (stderr)`, stderr);
      recordChildOutput(`npm ${script.join(' ')} (stdout)`, stdout);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}
