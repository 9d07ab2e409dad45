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
  | 'recap'
  | 'help'
  | 'home'
  | 'form'
  | 'reports';

/** One field of a dialog: a registry option (or the channel the form applies to), as a platform dialog shows it. */
export interface DialogField {
  /** The option's name (`time`, `timezone`…), or `channel`; the key of its value and of its error. */
  name: string;
  /** What the field asks for (the option's description). */
  label: string;
  /** `channel`: a channel picker; `select`: one of `choices`; `text`: typed. */
  input: 'channel' | 'select' | 'text';
  required: boolean;
  /** Prefilled: the workspace's zone, the channel's current deck, days and order, this channel. */
  initial?: string;
  placeholder?: string;
  maxLength?: number;
  choices?: { label: string; value: string }[];
}

/**
 * A dialog the platform may open instead of showing the reply's text (Slack: a modal from the trigger), for
 * the set-up. Report forms use `ReplyForm` below, which every platform fills in (issue 17 vs 16: two shapes
 * of form, to be unified).
 */
export interface ReplyDialog {
  /** Which dialog it is: comes back with the values (`setup`). */
  id: 'setup';
  title: string;
  submit: string;
  fields: DialogField[];
}

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
  /**
   * A dialog to open where the platform has them (Slack); elsewhere the reply's text is shown, which is a
   * usage form of its own (the console).
   */
  dialog?: ReplyDialog;
  /** A form's values were refused: the error of each field by its name, shown next to the field. */
  fieldErrors?: Record<string, string>;
  /** Channel posts only: a picture the publisher uploads with the message (see ImageRefusedError). */
  image?: ReplyImage;
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
 * `max` grapheme clusters, isolated when it holds right-to-left letters.
 */
export function quoteUserText(text: string, max = 60): string {
  return isolateUserText(cleanUserText(text, max));
}
