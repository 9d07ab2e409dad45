/**
 * Discord as a contract driver: the real discord.js client on the loopback gateway and REST fakes. A command
 * typed as text becomes the interaction Discord would send for it (options filled from the registry), and
 * what the user saw is read back from the REST calls made with the interaction's token.
 */
import { EXPLAIN_MESSAGE_COMMAND } from '../../src/adapters/discord/discord.commands.js';
import { commandRegistry } from '../../src/core/commands/commands.js';
import { startDiscordHarness } from '../support/discord-harness.js';
import { type FakeUser, PERMS, snowflake } from '../support/fake-discord.js';
import type { Json, RecordedCall } from '../support/fake-discord-state.js';
import type { PlatformDriver, SeenButton, SeenReply } from './platform.driver.js';

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}
interface Message {
  embeds?: Embed[];
  components?: { components: { custom_id: string; label: string }[] }[];
  flags?: number;
}

/** Undoes the renderer's markdown escapes, so the text reads as the user sees it. */
const unescapeMarkdown = (text: string) => text.replace(/\\([\\*_~`|>#<@[\]()-])/g, '$1');

/** Markdown Discord would apply: a formatting character without its backslash. */
const ACTIVE_MARKDOWN = /(?<!\\)[*_`]|(?<!\\)~~|(?<!\\)\|\|/;

function seen(body: unknown, visibility: SeenReply['visibility'], messageRef?: string): SeenReply {
  const message = (body ?? {}) as Message;
  for (const e of message.embeds ?? []) {
    for (const text of [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]) {
      if (text && ACTIVE_MARKDOWN.test(text)) throw new Error(`unescaped markdown in an embed: ${text}`);
    }
  }
  const text = (message.embeds ?? [])
    .flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`),
      e.footer?.text ?? '',
    ])
    .filter((t) => t !== '')
    .map(unescapeMarkdown)
    .join('\n');
  const buttons = (message.components ?? []).flatMap((row) => row.components);
  return {
    visibility,
    text,
    buttons: buttons.map(
      (b, i): SeenButton => ({
        label: b.label,
        actionId: b.custom_id,
        index: i + 1,
        ...(messageRef ? { messageRef } : {}),
      }),
    ),
  };
}

const ephemeral = (flags: unknown) => ((Number(flags) || 0) & 64) === 64;

/** Every message the user saw for one interaction: the reply or the edit of the deferral, and follow-ups. */
function repliesOf(calls: RecordedCall[]): SeenReply[] {
  let deferredPrivately = false;
  const out: SeenReply[] = [];
  for (const call of calls) {
    const body = (call.body ?? {}) as { type?: number; data?: { flags?: number } } & Message;
    if (call.path.endsWith('/callback')) {
      if (body.type === 5) deferredPrivately = ephemeral(body.data?.flags);
      if (body.type === 4) out.push(seen(body.data, ephemeral(body.data?.flags) ? 'only-user' : 'channel'));
    } else if (call.method === 'PATCH' && decodeURIComponent(call.path).endsWith('/messages/@original')) {
      out.push(seen(body, deferredPrivately ? 'only-user' : 'channel'));
    } else if (call.method === 'POST' && call.path.startsWith('/webhooks/')) {
      out.push(seen(body, ephemeral(body.flags) ? 'only-user' : 'channel'));
    }
  }
  return out;
}

/** The interaction options Discord sends for a command typed as `/name text`, by the registry's options. */
function optionsOf(name: string, text: string): Json[] {
  const spec = commandRegistry.find(name);
  let words = text.split(/\s+/).filter((w) => w !== '');
  // Keyword options (`deck git-basics`) are found by their name anywhere; the rest fill in order.
  const fill = (options: readonly { name: string; form?: string; kind?: string }[] = []): Json[] => {
    const keyed: Json[] = [];
    // A flag typed by its name (`adaptive`) is a boolean option set to true.
    for (const o of options.filter((x) => x.kind === 'boolean')) {
      const i = words.findIndex((w) => w.toLowerCase() === o.name);
      if (i < 0) continue;
      keyed.push({ name: o.name, type: 5, value: true });
      words.splice(i, 1);
    }
    for (const o of options.filter((x) => x.form === 'keyword')) {
      const i = words.findIndex((w) => w.toLowerCase() === o.name);
      const value = i >= 0 ? words[i + 1] : undefined;
      if (value === undefined) continue;
      keyed.push({ name: o.name, type: 3, value });
      words.splice(i, 2);
    }
    const positional = options
      .filter((x) => x.form !== 'keyword' && x.kind !== 'boolean')
      .flatMap((o) => {
        if (words.length === 0) return [];
        const value = o.form === 'rest' ? words.join(' ') : (words[0] ?? '');
        words = o.form === 'rest' ? [] : words.slice(1);
        return [{ name: o.name, type: 3, value }];
      });
    return [...positional, ...keyed];
  };
  if (!spec?.subcommands) return fill(spec?.options);
  const sub = spec.subcommands.find((s) => s.name === words[0]);
  words = words.slice(1);
  return sub ? [{ name: sub.name, type: 1, options: fill(sub.options) }] : [];
}

export async function openDiscordDriver(): Promise<PlatformDriver<FakeUser>> {
  const h = await startDiscordHarness();
  const channels = new Map<string, string>();
  const channelId = (name: string) => {
    const id = channels.get(name) ?? snowflake();
    channels.set(name, id);
    return id;
  };
  async function send(interaction: Json) {
    await h.fake.interact(interaction);
    const event = await h.handled(interaction);
    return { replies: repliesOf(h.fake.callsFor(interaction)), codes: event.codes };
  }
  return {
    platform: 'discord',
    hasMembers: true,
    user: (name, options = {}) => h.fake.user(name, options.admin ? PERMS.manageServer : PERMS.member),
    command: (user, name, text, channel) =>
      send(h.fake.command(name, optionsOf(name, text), user, { channelId: channelId(channel) })),
    explainText: (user, text, channel) =>
      send(h.fake.messageCommand(EXPLAIN_MESSAGE_COMMAND, text, user, { channelId: channelId(channel) })),
    press: (user, button, channel) =>
      send(h.fake.button(button.actionId ?? '', user, button.messageRef, { channelId: channelId(channel) })),
    async fillForm(user, button, channel, values) {
      const where = { channelId: channelId(channel) };
      const modal = await h.fake.ask(h.fake.button(button.actionId ?? '', user, button.messageRef, where));
      if (modal.via !== 'modal') throw new Error(`the button answered ${modal.via}, not a modal`);
      const fields = (modal.body.components as { component: { custom_id: string } }[]).map(
        (c) => c.component.custom_id,
      );
      const submitted = await send(h.fake.modalSubmit(modal.body, values, user, where));
      return { opened: fields, submitted };
    },
    async channel(channel) {
      const id = channelId(channel);
      const posted = [...h.fake.messages.values()].filter((m) => m.channel_id === id);
      return {
        questions: posted
          .filter((m) => m.message_reference === undefined)
          .map((m) => seen(m, 'channel', String(m.id))),
        reveals: posted.filter((m) => m.message_reference !== undefined).map((m) => seen(m, 'channel')),
        recaps: posted
          .filter((m) =>
            String((m.embeds as { title?: string }[] | undefined)?.[0]?.title).startsWith('Weekly recap'),
          )
          .map((m) => seen(m, 'channel')),
        pictures: posted.flatMap((m) =>
          ((m.attachments as { description?: string }[] | undefined) ?? []).map((a) => a.description ?? ''),
        ),
      };
    },
    close: () => h.close(),
  };
}
