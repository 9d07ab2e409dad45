/**
 * Neutral replies: what the core says, before any platform renders it. All strings are plain text;
 * adapters escape them for their markup, so user-supplied text can never become a mention or a link.
 */
import type { RefusalCode } from './refusals.js';
import { cleanUserText, isolateUserText } from './user-text.js';

export type Visibility = 'channel' | 'only-user';

export interface ReplyField {
  label: string;
  value: string;
  /** Short fields may sit side by side (Discord inline fields, Slack section fields). */
  short?: boolean;
}

export interface ReplyButton {
  /** Opaque action id the adapter sends back verbatim in an `action` event. */
  actionId: string;
  label: string;
}

export type ReplyKind =
  | 'info'
  | 'error'
  | 'explain'
  | 'suggestions'
  | 'question'
  | 'feedback'
  | 'reveal'
  | 'leaderboard'
  | 'stats'
  | 'readiness'
  | 'practice'
  | 'status'
  | 'help';

export interface Reply {
  kind: ReplyKind;
  visibility: Visibility;
  /** Set on every refusal and error: the stable code of its wording in src/core/refusals.ts. */
  code?: RefusalCode;
  title?: string;
  /** Paragraphs of plain text. */
  lines: string[];
  fields?: ReplyField[];
  buttons?: ReplyButton[];
  /** A short note under the message (source section, "comes back in 3 days"). */
  footer?: string;
}

export const privateReply = (kind: ReplyKind, lines: string[], extra: Partial<Reply> = {}): Reply => ({
  kind,
  visibility: 'only-user',
  lines,
  ...extra,
});

/**
 * Text a user typed, as the core quotes it back: the one sanitising rule (src/core/user-text.ts), at most
 * `max` grapheme clusters, isolated when it holds right-to-left letters.
 */
export function quoteUserText(text: string, max = 60): string {
  return isolateUserText(cleanUserText(text, max));
}
