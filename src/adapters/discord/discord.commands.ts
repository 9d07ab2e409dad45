/**
 * The slash commands as Discord registers them, derived from the core's command registry, and the way back:
 * a command interaction's options turned into the text form the core parses
 * (`/studybot setup 09:00 Europe/Berlin weekdays`).
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
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandOption } from '../../core/commands/command.types.js';
import { commandRegistry } from '../../core/commands/commands.js';

/** Every command lives in servers only: a workspace is a guild, and nothing here makes sense in a DM. */
const GUILD_ONLY: Pick<
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  'type' | 'contexts' | 'integration_types' | 'dm_permission'
> = {
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  // Older clients still read dm_permission; contexts supersedes it.
  dm_permission: false,
};

/** One registry option as a Discord option: a string (with choices, autocomplete, lengths) or a boolean. */
function discordOption(option: CommandOption): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: option.description, required: option.required === true };
  if (option.kind === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(option.choices ? { choices: option.choices.map((c) => ({ name: c, value: c })) } : {}),
    ...(option.complete ? { autocomplete: true } : {}),
    ...(option.minLength !== undefined ? { min_length: option.minLength } : {}),
    ...(option.maxLength !== undefined ? { max_length: option.maxLength } : {}),
  } as APIApplicationCommandBasicOption;
}

/** `PUT /applications/{id}/commands` body: every command in the registry. */
export const COMMAND_DEFINITIONS: RESTPostAPIChatInputApplicationCommandsJSONBody[] =
  commandRegistry.specs.map((spec) => {
    const options: APIApplicationCommandOption[] = spec.subcommands
      ? spec.subcommands.map((sub) => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: sub.name,
          description: sub.description,
          ...(sub.options ? { options: sub.options.map(discordOption) } : {}),
        }))
      : (spec.options ?? []).map(discordOption);
    return {
      ...GUILD_ONLY,
      name: spec.name,
      description: spec.description,
      // Admin commands are hidden from members without Manage Server; the core checks again on every use.
      ...(spec.admin ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString() } : {}),
      ...(options.length > 0 ? { options } : {}),
    };
  });

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
