/**
 * Neutral replies: what the core says, before any platform renders it. All strings are plain text;
 * adapters escape them for their markup, so user-supplied text can never become a mention or a link.
 */
import type { RefusalCode } from './refusals.js';
import { cleanUserText } from './user-text.js';

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
  | 'recap'
  | 'help';

/** A picture that goes with a channel post (the recap's chart): PNG bytes, its size, and its alt text. */
export interface ReplyImage {
  png: Uint8Array;
  width: number;
  height: number;
  /** File name on platforms that show one, e.g. `recap-2026-11-30.png`. */
  filename: string;
  title: string;
  /** What the picture shows, for screen readers and when it does not load. */
  altText: string;
}

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
  /** Channel posts only: a picture the publisher uploads with the message (see ImageRefusedError). */
  image?: ReplyImage;
}

export const privateReply = (kind: ReplyKind, lines: string[], extra: Partial<Reply> = {}): Reply => ({
  kind,
  visibility: 'only-user',
  lines,
  ...extra,
});

/**
 * Text a user typed, as the core quotes it back: the one sanitising rule (src/core/user-text.ts), at most
 * `max` grapheme clusters.
 */
export function quoteUserText(text: string, max = 60): string {
  return cleanUserText(text, max);
}
