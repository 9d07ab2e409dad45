/**
 * Installing studybot in Discord: registering its slash commands (at start-up and by
 * `npm run discord:register`) and the invite link with exactly the permissions it uses.
 */
import { PermissionFlagsBits, type REST, Routes } from 'discord.js';
import type { Catalog } from '../../core/content/catalog.js';
import { commandDefinitions } from './discord.commands.js';

/**
 * What the bot does in a channel: see it, post the question (an embed with buttons), and reply to the
 * question with the reveal (a reply needs Read Message History). Send Messages in Threads lets an admin run
 * the daily question inside a thread. Attach Files carries the weekly recap's chart (without it the recap
 * draws the chart in text). Interaction replies need no permission at all.
 */
export const BOT_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.AttachFiles,
].reduce((all, bit) => all | bit, 0n);

export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot%20applications.commands&permissions=${BOT_PERMISSIONS}`;
}

export interface Registration {
  scope: 'global' | 'guild';
  count: number;
}

/**
 * Replaces the application's commands with studybot's (a bulk overwrite, so renamed or removed commands
 * disappear), with the catalog's decks as the deck option's choices: in one server when `guildId` is set (visible at once, good for trying the bot), else globally.
 */
export async function registerCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  catalog: Pick<Catalog, 'decks'>,
): Promise<Registration> {
  const definitions = commandDefinitions({
    decks: catalog.decks.map((d) => ({ id: d.meta.id, title: d.meta.title })),
  });
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  await rest.put(route, { body: definitions });
  return { scope: guildId ? 'guild' : 'global', count: definitions.length };
}
