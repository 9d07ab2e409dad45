/**
 * Output whose reader went away (`npm start | head -3`, a closed log pipe): the process must end quietly,
 * not throw `write EPIPE`, and never log the write error to a stream that fails the same way (a loop that
 * spun at 100% CPU). One guard watches stdout and stderr; loggers write through `destination`, which drops
 * lines once output is closed and never emits an error of its own.
 */
import { Writable } from 'node:stream';

export interface OutputGuard {
  /** True once any watched stream failed: nothing more is written anywhere. */
  readonly closed: boolean;
  /** Watches a stream: its first write error closes the guard (and calls `onClosed` once). */
  watch(stream: NodeJS.WritableStream): void;
  /** A stream for log lines: forwards to `target` until the guard closes, then drops; errors close it. */
  destination(target: NodeJS.WritableStream): NodeJS.WritableStream;
}

/** A guard that calls `onClosed` once, on the first write error of any stream it watches. */
export function createOutputGuard(onClosed: (error: Error) => void): OutputGuard {
  let closed = false;
  const close = (error: Error) => {
    if (closed) return;
    closed = true;
    onClosed(error);
  };
  const watched = new WeakSet<object>();
  const guard: OutputGuard = {
    get closed() {
      return closed;
    },
    watch(stream) {
      if (watched.has(stream)) return;
      watched.add(stream);
      stream.on('error', (error: Error) => close(error));
    },
    destination(target) {
      guard.watch(target);
      return new Writable({
        write(chunk: Buffer | string, _encoding, callback) {
          if (!closed) {
            try {
              target.write(chunk);
            } catch (error) {
              close(error instanceof Error ? error : new Error(String(error)));
            }
          }
          // Never wait for, or report, the target: a log line cannot fail the code that logs it.
          callback();
        },
      });
    },
  };
  return guard;
}

/** Whether an error is a reader that went away (EPIPE and its kin), rather than a real failure. */
export const isClosedOutput = (error: Error): boolean =>
  ['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END', 'ECONNRESET'].includes(
    (error as NodeJS.ErrnoException).code ?? '',
  );
