/**
 * The application commands as Discord registers them, derived from the core's command registry, and the way
 * back: a command interaction's options turned into the text form the core parses
 * (`/studybot setup 09:00 Europe/Berlin weekdays`). Besides the slash commands: the message context-menu
 * command "Explain terms in this message", and user install for commands the registry marks `anywhere`.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { type DescriptionTranslations, localizedDescriptions } from '../../core/commands/command.locales.js';
import type { CommandOption } from '../../core/commands/command.types.js';
import { commandRegistry } from '../../core/commands/commands.js';

/** The message context-menu command's name (what the "Apps" menu of a message shows; at most 32 characters). */
export const EXPLAIN_MESSAGE_COMMAND = 'Explain terms in this message';

/** A workspace is a guild: commands that store anything live in servers that installed studybot, only. */
const GUILD_ONLY: Pick<
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  'contexts' | 'integration_types' | 'dm_permission'
> = {
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  // Older clients still read dm_permission; contexts supersedes it.
  dm_permission: false,
};

/** Lookups (`anywhere` in the registry): installable to a user too, usable in DMs and any server. */
const ANYWHERE: Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, 'contexts' | 'integration_types'> = {
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
};

/** What the definitions are built from beyond the registry: the decks (choices) and the translations. */
export interface DefinitionSources {
  /** Deck ids and titles: a deck option becomes a select of them (at most 25; more stay autocomplete). */
  decks: readonly { id: string; title: string }[];
  translations?: DescriptionTranslations;
}

/** One registry option as a Discord option: a string (with choices, autocomplete, lengths) or a boolean. */
function discordOption(
  option: CommandOption,
  path: string,
  sources: DefinitionSources,
): APIApplicationCommandBasicOption {
  const base = {
    name: option.name,
    description: option.description,
    description_localizations: localizedDescriptions(
      `${path} ${option.name}`,
      option.description,
      sources.translations,
    ),
    required: option.required === true,
  };
  if (option.kind === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  const deckChoices =
    option.complete === 'deck' && sources.decks.length > 0 && sources.decks.length <= 25
      ? sources.decks.map((d) => ({ name: `${d.title} (${d.id})`.slice(0, 100), value: d.id }))
      : undefined;
  const choices = option.choices?.map((c) => ({ name: c, value: c })) ?? deckChoices;
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(choices ? { choices } : option.complete ? { autocomplete: true } : {}),
    ...(option.minLength !== undefined ? { min_length: option.minLength } : {}),
    ...(option.maxLength !== undefined ? { max_length: option.maxLength } : {}),
  } as APIApplicationCommandBasicOption;
}

/**
 * `PUT /applications/{id}/commands` body: every command of the registry as a slash command, then the
 * message context-menu command "Explain terms in this message" (usable wherever `/explain` is).
 */
export function commandDefinitions(sources: DefinitionSources): RESTPostAPIApplicationCommandsJSONBody[] {
  const slash = commandRegistry.specs.map((spec): RESTPostAPIChatInputApplicationCommandsJSONBody => {
    const options: APIApplicationCommandOption[] = spec.subcommands
      ? spec.subcommands.map((sub) => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: sub.name,
          description: sub.description,
          description_localizations: localizedDescriptions(
            `${spec.name} ${sub.name}`,
            sub.description,
            sources.translations,
          ),
          ...(sub.options
            ? { options: sub.options.map((o) => discordOption(o, `${spec.name} ${sub.name}`, sources)) }
            : {}),
        }))
      : (spec.options ?? []).map((o) => discordOption(o, spec.name, sources));
    return {
      type: ApplicationCommandType.ChatInput,
      ...(spec.anywhere ? ANYWHERE : GUILD_ONLY),
      name: spec.name,
      description: spec.description,
      description_localizations: localizedDescriptions(spec.name, spec.description, sources.translations),
      // Admin commands are hidden from members without Manage Server; the core checks again on every use.
      ...(spec.admin ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString() } : {}),
      ...(options.length > 0 ? { options } : {}),
    };
  });
  const explainMessage: RESTPostAPIContextMenuApplicationCommandsJSONBody = {
    type: ApplicationCommandType.Message,
    name: EXPLAIN_MESSAGE_COMMAND,
    ...ANYWHERE,
  };
  return [...slash, explainMessage];
}

/**
 * The core command and its text for a slash command, or undefined for a command the registry does not have
 * (a stale registration, or someone else's payload).
 */
export function coreCommandOf(
  interaction: ChatInputCommandInteraction,
): { name: string; text: string } | undefined {
  const spec = commandRegistry.find(interaction.commandName);
  if (!spec) return undefined;
  const sub = spec.subcommands ? (interaction.options.getSubcommand(false) ?? undefined) : undefined;
  const text = commandRegistry.textFromOptions(spec.name, sub, (option) =>
    option.kind === 'boolean'
      ? (interaction.options.getBoolean(option.name) ?? undefined)
      : (interaction.options.getString(option.name) ?? undefined),
  );
  return { name: spec.name, text };
}
