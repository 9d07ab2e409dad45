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
  | 'help'
  | 'form'
  | 'reports';

/** One field of a form: a choice of options (a select) or a short optional text. */
export type FormField =
  | { kind: 'choice'; name: string; label: string; options: { value: string; label: string }[] }
  | { kind: 'text'; name: string; label: string; maxLength: number; placeholder?: string };

/**
 * A small form the user fills in (a Slack modal, a Discord modal, the console's next typed line). The
 * adapter sends its values back with `bot.submit(actor, form.id, values)`; the core checks them all.
 */
export interface ReplyForm {
  /** Opaque, like a button's action id: comes back verbatim with the values. */
  id: string;
  /** At most 24 characters (Slack's modal title limit). */
  title: string;
  submitLabel: string;
  /** What the form is about (the question's prompt), shown above the fields. */
  intro: string;
  fields: FormField[];
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
  /** A form to open (kind `form`): platforms with modals show it; `lines` say the same in plain text. */
  form?: ReplyForm;
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
