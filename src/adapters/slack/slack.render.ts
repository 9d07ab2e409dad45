import type { types } from '@slack/bolt';
import type { Reply, ReplyButton, ReplyField } from '../../core/replies.js';
import { truncateToLength } from '../../core/user-text.js';

/**
 * Block Kit for the core's neutral replies. Every piece of text the core hands over is plain text and may
 * hold something a user typed (a term, a display name), so:
 * - all of it goes into `plain_text` objects, which Slack never formats: `*bold*`, `_it_`, `~strike~`,
 *   backticks, ``` fences and `>` quotes show as typed (mrkdwn has no escape for them, and `verbatim` only
 *   stops auto-linking), and `emoji: false`, so `:fire:` stays text;
 * - all of it is escaped for Slack's control characters (`&`, `<`, `>`), so no reply can form `<!channel>`,
 *   `<@U…>`, `<#C…>` or `<url|label>`;
 * - it is cut on grapheme-cluster boundaries to Block Kit's limits, never inside an emoji or an entity.
 * Titles are header blocks (Slack's own bold); the message has no mrkdwn at all.
 */

export interface SlackMessage {
  /** Plain fallback: notifications, screen readers, clients that cannot show blocks. */
  text: string;
  blocks: types.KnownBlock[];
}

/** Every studybot button's `action_id` starts with this; the button's `value` is the core's action id. */
export const BUTTON_ACTION_PREFIX = 'studybot_';

// Block Kit limits (docs.slack.dev/reference/block-kit): we stay under them rather than have Slack refuse.
const MAX_SECTION_TEXT = 3000;
const MAX_FIELD_TEXT = 2000;
const MAX_FIELDS = 10;
const MAX_HEADER = 150;
const MAX_BUTTON_TEXT = 75;
const MAX_BUTTON_VALUE = 2000;
const MAX_ACTIONS_PER_BLOCK = 25;
const MAX_CONTEXT_TEXT = 2000;
const MAX_BLOCKS = 50;
const MAX_FALLBACK = 3000;

/** Escapes Slack's three control characters; the rest of the text is left as the user wrote it. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The inverse, for text Slack sends us: a slash command's text arrives with `&`, `<` and `>` as entities, so
 * `/explain a & b` reaches the core as `a & b`. (`&amp;` last, so a typed `&lt;` stays `&lt;`.)
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Cuts already-escaped text to `max` characters on a grapheme boundary (never half an emoji or a surrogate
 * pair) without leaving half an entity behind.
 */
function clip(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const cut = truncateToLength(escaped, max);
  return `${cut.slice(0, -1).replace(/&[a-z]{0,3}$/, '')}…`;
}

/** A plain_text object: shown exactly as given (after Slack's entity decoding), never formatted. */
const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: false });

/** `A. Yes` lines: the choices of a question, kept together in one block. */
const isChoiceLine = (line: string) => /^[A-E]\. /.test(line);

/** Kinds whose lines read as one list rather than as paragraphs. */
const LIST_KINDS: ReadonlySet<Reply['kind']> = new Set(['leaderboard', 'stats', 'status', 'help']);

/** Groups the reply's lines into section texts: paragraphs apart, lists and choices together. */
function paragraphs(reply: Reply): string[] {
  const lines = reply.lines.filter((l) => l.trim() !== '');
  if (LIST_KINDS.has(reply.kind)) return chunkLines(lines.map(escapeSlack));
  const out: string[] = [];
  let choices: string[] = [];
  const flush = () => {
    if (choices.length > 0) out.push(...chunkLines(choices));
    choices = [];
  };
  for (const raw of lines) {
    if (isChoiceLine(raw)) choices.push(escapeSlack(raw));
    else {
      flush();
      out.push(clip(escapeSlack(raw), MAX_SECTION_TEXT));
    }
  }
  flush();
  return out;
}

/** Joins lines with newlines into as few section texts as fit Slack's 3000-character limit. */
function chunkLines(lines: string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= MAX_SECTION_TEXT) current = next;
    else {
      if (current !== '') out.push(current);
      current = clip(line, MAX_SECTION_TEXT);
    }
  }
  if (current !== '') out.push(current);
  return out;
}

function fieldText(field: ReplyField, max: number): string {
  return clip(`${escapeSlack(field.label)}\n${escapeSlack(field.value)}`, max);
}

/** Short fields side by side (up to ten per section), long ones as a section of their own. */
function fieldBlocks(fields: ReplyField[]): types.SectionBlock[] {
  const blocks: types.SectionBlock[] = [];
  let short: types.PlainTextElement[] = [];
  const flush = () => {
    if (short.length > 0) blocks.push({ type: 'section', fields: short });
    short = [];
  };
  for (const field of fields) {
    if (field.short) {
      short.push(plain(fieldText(field, MAX_FIELD_TEXT)));
      if (short.length === MAX_FIELDS) flush();
    } else {
      flush();
      blocks.push({ type: 'section', text: plain(fieldText(field, MAX_SECTION_TEXT)) });
    }
  }
  flush();
  return blocks;
}

/** One button per core button; its value is the core's action id, checked by the core when it comes back. */
function buttonBlocks(buttons: ReplyButton[]): types.ActionsBlock[] {
  const blocks: types.ActionsBlock[] = [];
  for (let start = 0; start < buttons.length; start += MAX_ACTIONS_PER_BLOCK) {
    blocks.push({
      type: 'actions',
      block_id: `${BUTTON_ACTION_PREFIX}buttons_${start / MAX_ACTIONS_PER_BLOCK}`,
      elements: buttons.slice(start, start + MAX_ACTIONS_PER_BLOCK).map(
        (button, i): types.Button => ({
          type: 'button',
          // Slack wants action ids unique within a block; the meaning travels in `value`.
          action_id: `${BUTTON_ACTION_PREFIX}${start + i}`,
          // Slack refuses empty text objects.
          text: plain(clip(escapeSlack(button.label), MAX_BUTTON_TEXT) || '·'),
          value: button.actionId.slice(0, MAX_BUTTON_VALUE),
        }),
      ),
    });
  }
  return blocks;
}

/** The plain fallback `text`: the title and the lines, escaped like everything else. */
function fallbackText(reply: Reply): string {
  const parts = [reply.title, ...reply.lines].filter((p): p is string => p !== undefined && p.trim() !== '');
  return clip(escapeSlack(parts.join('\n')), MAX_FALLBACK) || ' ';
}

/** Renders a neutral reply as a Slack message: header title, paragraphs, fields, buttons, footer. */
export function renderReply(reply: Reply): SlackMessage {
  const blocks: types.KnownBlock[] = [];
  if (reply.title?.trim()) {
    // A header is plain text in Slack's own bold: a title that quotes a name is never formatted.
    blocks.push({ type: 'header', text: plain(clip(escapeSlack(reply.title), MAX_HEADER)) });
  }
  for (const text of paragraphs(reply)) blocks.push({ type: 'section', text: plain(text) });
  blocks.push(...fieldBlocks(reply.fields ?? []));
  blocks.push(...buttonBlocks(reply.buttons ?? []));
  if (reply.footer?.trim()) {
    blocks.push({ type: 'context', elements: [plain(clip(escapeSlack(reply.footer), MAX_CONTEXT_TEXT))] });
  }
  return { text: fallbackText(reply), blocks: blocks.slice(0, MAX_BLOCKS) };
}
