import { PLATFORM_NAMES, type Platform } from './actor.js';
import { PublishError } from './publishing/publisher.port.js';
import { type RefusalCode, type RefusalParams, refusal, refusalMessage } from './refusals.js';
import type { Reply } from './replies.js';

/**
 * An error that is safe to show: its code names a wording in src/core/refusals.ts, and `userMessage` never
 * contains internals or secrets. Logs keep the cause.
 */
export class StudybotError<C extends RefusalCode = RefusalCode> extends Error {
  readonly code: C;
  readonly reply: Reply;
  constructor(code: C, params: RefusalParams<C>, options?: { cause?: unknown }) {
    const message = refusalMessage(code, ...params);
    super(`${code}: ${message}`, options);
    this.name = 'StudybotError';
    this.code = code;
    this.reply = refusal(code, ...params);
  }
}

export const isStudybotError = (e: unknown): e is StudybotError => e instanceof StudybotError;

/**
 * What to tell a user when handling their event failed: the error's own safe message, the shared wording
 * of a refused post (every platform's publisher throws PublishError), or the generic INTERNAL.
 */
export function replyForError(error: unknown, platform: Platform): Reply {
  if (isStudybotError(error)) return error.reply;
  if (error instanceof PublishError) {
    const name = PLATFORM_NAMES[platform];
    switch (error.kind) {
      case 'unreachable':
        return refusal('PUBLISH_UNREACHABLE', { reason: error.message });
      case 'rate-limited':
        return refusal('PUBLISH_RATE_LIMITED', {
          platform: name,
          seconds: Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 1000)),
        });
      case 'transient':
        return refusal('PUBLISH_FAILED', { platform: name });
    }
  }
  return refusal('INTERNAL');
}
