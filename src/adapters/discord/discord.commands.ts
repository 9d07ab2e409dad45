/**
 * The slash commands as Discord registers them, and the way back: a command interaction's options turned
 * into the text form the core parses (`/studybot setup 09:00 Europe/Berlin weekdays`).
 */
import {
  type APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandName } from '../../core/events.js';
import { PERIODS } from '../../core/scores/periods.js';

const choices = (values: readonly string[]): APIApplicationCommandOptionChoice<string>[] =>
  values.map((v) => ({ name: v, value: v }));

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

/** `PUT /applications/{id}/commands` body: every command studybot answers. */
export const COMMAND_DEFINITIONS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  {
    ...GUILD_ONLY,
    name: 'explain',
    description: 'Explain a term from the study notes',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'term',
        description: 'The term or abbreviation, e.g. scp',
        required: true,
        autocomplete: true,
        max_length: 200,
      },
    ],
  },
  { ...GUILD_ONLY, name: 'quiz', description: 'A practice question picked for you (never changes scores)' },
  {
    ...GUILD_ONLY,
    name: 'leaderboard',
    description: "The server's top 10",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'period',
        description: 'Which board (default: this week)',
        choices: choices(PERIODS),
      },
    ],
  },
  {
    ...GUILD_ONLY,
    name: 'stats',
    description: 'Your points, streaks and weakest topic',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'privacy',
        description: 'Hide yourself from leaderboards (optout) or show yourself again (optin)',
        choices: choices(['optout', 'optin']),
      },
    ],
  },
  {
    ...GUILD_ONLY,
    name: 'studybot',
    description: 'Run the daily question in this channel (Manage Server)',
    // Hidden from members without Manage Server by default; the adapter checks again on every use.
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'setup',
        description: 'Post a question here every day at a set time',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'time',
            description: 'HH:MM, 24-hour, e.g. 09:00',
            required: true,
            min_length: 4,
            max_length: 5,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'timezone',
            description: 'IANA time zone, e.g. Europe/Berlin (default: the server zone)',
            autocomplete: true,
            max_length: 64,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'days',
            description: 'Every day (default) or weekdays only',
            choices: choices(['daily', 'weekdays']),
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'post',
        description: 'Post the next question now',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'close',
        description: 'Close the open question and reveal its answer',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'pause',
        description: 'Stop the daily question',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'resume',
        description: 'Restart the daily question',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'status',
        description: 'The schedule, the next post and the latest question',
      },
    ],
  },
];

/** The core autocomplete field behind an option name, if the core can fill it. */
export function autocompleteField(optionName: string): 'term' | 'timezone' | undefined {
  return optionName === 'term' || optionName === 'timezone' ? optionName : undefined;
}

/** Options with no spaces inside: the core splits its text on whitespace. */
const word = (value: string | null): string | undefined => {
  const w = value?.trim().replace(/\s+/g, '_');
  return w === '' ? undefined : w;
};

/**
 * The core command and its text for a slash command, or undefined for a command studybot never
 * registered (a stale registration, or someone else's payload).
 */
export function coreCommandOf(
  interaction: ChatInputCommandInteraction,
): { name: CommandName; text: string } | undefined {
  const { options } = interaction;
  switch (interaction.commandName) {
    case 'explain':
      return { name: 'explain', text: options.getString('term') ?? '' };
    case 'quiz':
      return { name: 'quiz', text: '' };
    case 'leaderboard':
      return { name: 'leaderboard', text: options.getString('period') ?? '' };
    case 'stats':
      return { name: 'stats', text: options.getString('privacy') ?? '' };
    case 'studybot': {
      const sub = options.getSubcommand(false) ?? '';
      if (sub !== 'setup') return { name: 'studybot', text: sub };
      const parts = [
        'setup',
        word(options.getString('time')),
        word(options.getString('timezone')),
        word(options.getString('days')),
      ];
      return { name: 'studybot', text: parts.filter((p) => p !== undefined).join(' ') };
    }
    default:
      return undefined;
  }
}
