import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import type { LogLevel } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';

/**
 * Everything the bot logs during the suite also lands in one folder (per run), which the global teardown
 * scans for credentials: the log check covers the whole suite's output, not a sample.
 */
function sinkFile(): string {
  return path.join(inject('logDir'), `worker-${process.pid}.jsonl`);
}

/** A stream that writes to the suite's log folder, and to `also` when given. */
export function suiteLogStream(also?: Writable): Writable {
  const file = sinkFile();
  return new Writable({
    write(chunk: Buffer, encoding, callback) {
      appendFileSync(file, chunk);
      if (also) also.write(chunk, encoding, callback);
      else callback();
    },
  });
}

/** A JSON logger at `level` whose lines go to the suite's log folder. */
export function suiteLogger(level: LogLevel = 'debug', secrets: readonly string[] = []): Logger {
  return createLogger({ level, format: 'json', destination: suiteLogStream(), secrets });
}

/** Adds a child process's output (an `npm start` in an e2e test) to the suite's logs. */
export function recordChildOutput(label: string, text: string): void {
  if (text.trim() === '') return;
  appendFileSync(path.join(inject('logDir'), `child-${process.pid}.log`), `# ${label}\n${text}\n`);
}
