/**
 * Neutral core replies → Discord messages: one embed (title, description, fields, footer) and rows of
 * buttons whose custom_id is the core's action id. Pure functions: no client, no network.
 *
 * Everything the core says is plain text and may carry what a user typed (a term they looked up, a
 * display name on a board), so text is escaped for Discord markdown where Discord renders markdown, and
 * mention syntax (`@everyone`, `<@id>`, `<@&role>`, `<#channel>`) is made inert: it shows as typed and
 * never resolves or pings. `allowed_mentions: { parse: [] }` goes on every message besides, so even text
 * that slipped through could not ping anyone.
 */
import {
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import type { Reply, ReplyKind } from '../../core/replies.js';
import { truncateToLength } from '../../core/user-text.js';

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rows: 5,
} as const;

/** No `@everyone`, role, user or reply pings, whatever the text says. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface RenderedMessage {
  embeds: APIEmbed[];
  /** Empty when the reply has no buttons: sent as `[]`, which also removes old buttons on an edit. */
  components: ButtonRow[];
}

const COLORS: Record<ReplyKind, number> = {
  info: 0x5865f2,
  help: 0x5865f2,
  home: 0x5865f2,
  status: 0x5865f2,
  question: 0x5865f2,
  practice: 0x5865f2,
  explain: 0x3498db,
  suggestions: 0x3498db,
  feedback: 0x2ecc71,
  reveal: 0x2ecc71,
  leaderboard: 0xf1c40f,
  form: 0x5865f2,
  reports: 0xe67e22,
  stats: 0x1abc9c,
  readiness: 0x1abc9c,
  recap: 0x1abc9c,
  error: 0xed4245,
};

/**
 * Shortens to `max` characters (UTF-16 units, as Discord counts) with an ellipsis, on a grapheme-cluster
 * boundary: never half an emoji or a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  return truncateToLength(text, max);
}

/** Markdown escaped (bold, code, lists, headings, links, quotes…), for titles and field names. */
export function escapeFormatting(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })
    .replace(/^(\s*)>/gm, '$1\\>')
    .replace(/^(\s*)-#/gm, '$1\\-#');
}

/**
 * For descriptions and field values, where Discord renders markdown and mentions: formatting escaped,
 * and every `<` and `@` backslash-escaped, so `<@123>`, `<@&123>`, `<#123>`, `</cmd:1>`, `<t:0>` and
 * `@everyone` show literally instead of resolving.
 */
export function escapeText(text: string): string {
  return escapeFormatting(text).replace(/[<@]/g, (c) => `\\${c}`);
}

function field(label: string, value: string, inline: boolean): APIEmbedField {
  return {
    name: truncate(escapeFormatting(label), LIMITS.fieldName) || '\u200b',
    value: truncate(escapeText(value), LIMITS.fieldValue) || '\u200b',
    inline,
  };
}

/** A reply as one embed. Footers are plain text on Discord (no markdown), so they are not escaped. */
export function renderEmbed(reply: Reply): APIEmbed {
  const embed: APIEmbed = { color: COLORS[reply.kind] };
  if (reply.title) embed.title = truncate(escapeFormatting(reply.title), LIMITS.title);
  const description = reply.lines.map(escapeText).join('\n');
  if (description !== '') embed.description = truncate(description, LIMITS.description);
  const fields = (reply.fields ?? [])
    .slice(0, LIMITS.fields)
    .map((f) => field(f.label, f.value, f.short ?? false));
  if (fields.length > 0) embed.fields = fields;
  if (reply.footer) embed.footer = { text: truncate(reply.footer, LIMITS.footer) };
  return fitTotal(embed);
}

const embedSize = (embed: APIEmbed): number =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.footer?.text.length ?? 0) +
  (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/**
 * Keeps the whole embed within Discord's 6000-character total (only extreme content gets near it): trailing
 * fields go first while they crowd out the first 1000 characters of the description, then the description
 * is shortened, then the footer.
 */
function fitTotal(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed, ...(embed.fields ? { fields: [...embed.fields] } : {}) };
  const keep = Math.min(fitted.description?.length ?? 0, 1000);
  const withoutDescription = () => embedSize(fitted) - (fitted.description?.length ?? 0);
  while (withoutDescription() + keep > LIMITS.embedTotal && fitted.fields && fitted.fields.length > 0)
    fitted.fields.pop();
  if (fitted.fields?.length === 0) delete fitted.fields;
  const over = embedSize(fitted) - LIMITS.embedTotal;
  if (over > 0 && fitted.description)
    fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - over));
  const still = embedSize(fitted) - LIMITS.embedTotal;
  if (still > 0 && fitted.footer)
    fitted.footer = { text: truncate(fitted.footer.text, Math.max(1, fitted.footer.text.length - still)) };
  return fitted;
}

/** The reply's buttons in rows of five; a button whose action id cannot be a custom_id is left out. */
export function renderButtons(reply: Reply): ButtonRow[] {
  const buttons: APIButtonComponentWithCustomId[] = (reply.buttons ?? [])
    .filter((b) => b.actionId.length > 0 && b.actionId.length <= LIMITS.customId)
    .slice(0, LIMITS.buttonsPerRow * LIMITS.rows)
    .map((b) => ({
      type: ComponentType.Button,
      custom_id: b.actionId,
      label: truncate(b.label, LIMITS.buttonLabel),
      // The answer letters are the call to action; other buttons (explain suggestions) are secondary.
      style: /^[A-E]$/.test(b.label) ? ButtonStyle.Primary : ButtonStyle.Secondary,
    }));
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

export function renderReply(reply: Reply): RenderedMessage {
  return { embeds: [renderEmbed(reply)], components: renderButtons(reply) };
}

/** The REST body of a channel message (create or edit), mentions disabled. */
export function messageBody(rendered: RenderedMessage) {
  return { embeds: rendered.embeds, components: rendered.components, allowed_mentions: NO_MENTIONS };
}

/** The same message as discord.js interaction options (reply, editReply, followUp), mentions disabled. */
export function interactionPayload(rendered: RenderedMessage) {
  return { embeds: rendered.embeds, components: rendered.components, allowedMentions: { parse: [] } };
}
