import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { recordChildOutput } from './log-sink.js';
import { repoRoot } from './paths.js';
import { childEnv } from './run-cli.js';

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export interface BotProcess {
  child: ChildProcess;
  port: number;
  /** Everything the bot wrote to stderr (its JSON logs) so far. */
  readonly stderr: string;
  /** Waits until a log line matches (or the process ends, or the time runs out). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends a signal to the whole process group (npm → tsx → node), as a container runtime would. */
  signal(name: NodeJS.Signals): void;
  /** Resolves when npm has exited. */
  exited: Promise<void>;
}

/**
 * `npm start` as a user (or a container) runs it, in a process group of its own, logging JSON at debug
 * level; `env` adds to the test's environment minus every platform credential.
 */
export function startBotProcess(label: string, env: Record<string, string | undefined>): BotProcess {
  const child = spawn('npm', ['--silent', 'start'], {
    cwd: repoRoot,
    env: childEnv({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json', ...env }),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => {
    child.on('close', () => {
      recordChildOutput(`${label} (stderr)`, stderr);
      resolve();
    });
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });
  return {
    child,
    port: Number(env.PORT),
    get stderr() {
      return stderr;
    },
    async waitForLog(pattern, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(stderr)) {
        if (done) throw new Error(`${label} exited before logging ${pattern}:\n${stderr.slice(-3000)}`);
        if (Date.now() > until)
          throw new Error(`${label} did not log ${pattern} in ${timeoutMs} ms:\n${stderr.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    signal(name) {
      if (child.pid === undefined || done) return;
      try {
        process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    },
    exited,
  };
}
