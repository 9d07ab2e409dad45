/**
 * A start-up failure an operator fixes (a rejected token, an unreachable platform, a second Socket Mode
 * replica): `main.ts` prints its message as one line and exits 1; the stack and cause only with
 * `LOG_LEVEL=debug` (or trace).
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}
