/** Stable error codes: logs and tests key on these, users see only `userMessage`. */
export type ErrorCode =
  | 'CONTENT_INVALID'
  | 'TERM_UNKNOWN'
  | 'ARGUMENT_INVALID'
  | 'ACTION_INVALID'
  | 'POST_NOT_FOUND'
  | 'POST_CLOSED'
  | 'CHOICE_INVALID'
  | 'ALREADY_ANSWERED'
  | 'NOT_ADMIN'
  | 'NOT_RECORDED'
  | 'NO_QUESTIONS'
  | 'NOT_AVAILABLE'
  | 'PLATFORM_UNREACHABLE'
  | 'INTERNAL';

/** An error that is safe to show: `userMessage` never contains internals or secrets. */
export class StudybotError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage}`, options);
    this.name = 'StudybotError';
  }
}

export const isStudybotError = (e: unknown): e is StudybotError => e instanceof StudybotError;
