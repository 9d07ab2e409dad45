/**
 * Every Discord interaction passes through `handleInteraction`: slash commands, buttons and autocomplete.
 * It builds the core's Actor, acknowledges in time, calls the core and sends its replies, and it is the
 * one edge where failures are caught, logged and answered privately. Metrics hook in here.
 *
 * Timing: Discord wants an answer within 3 s. Autocomplete and `/explain` are in-memory lookups and
 * answer directly. Everything else is deferred first (the user sees "studybot is thinking…"), before any
 * database work, and the deferred message is then edited with the core's reply; the interaction token
 * stays valid for 15 minutes, so slow work cannot miss the deadline.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  GuildMember,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  type RepliableInteraction,
} from 'discord.js';
import { type Bot, replyForError } from '../../core/bot.js';
import type { Actor } from '../../core/events.js';
import { PublishError } from '../../core/ports.js';
import { errorReply, type Reply, type Visibility } from '../../core/replies.js';
import type { Logger } from '../../logger.js';
import { autocompleteField, coreCommandOf } from './discord.commands.js';
import { interactionPayload, renderReply, truncate } from './discord.render.js';

export type InteractionHandler = (interaction: Interaction) => Promise<void>;

const NOT_IN_SERVER = errorReply(
  'studybot works in servers: use its commands in a channel of a server it has joined, not in direct messages.',
);

const UNKNOWN_COMMAND = errorReply(
  'studybot does not know this command (any more). Its commands are /explain, /quiz, /leaderboard, /stats and /studybot.',
);

/** Who is acting, where: workspace = guild, member = user, display name as the server shows it. */
export function actorOf(interaction: Interaction): Actor | undefined {
  if (!interaction.inGuild() || !interaction.channelId) return undefined;
  const permissions = interaction.memberPermissions;
  return {
    platform: 'discord',
    workspaceId: interaction.guildId,
    ...(interaction.guild ? { workspaceName: interaction.guild.name } : {}),
    channelId: interaction.channelId,
    userId: interaction.user.id,
    userName: displayNameOf(interaction),
    // Checked on every use, not only by the command's default permissions (which server admins can change).
    isAdmin: Boolean(
      permissions?.has(PermissionFlagsBits.ManageGuild, false) ||
        permissions?.has(PermissionFlagsBits.Administrator, false),
    ),
  };
}

function displayNameOf(interaction: Interaction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.globalName ?? interaction.user.username;
}

/** What a user sees when posting to their channel failed: Discord-specific advice where there is some. */
export function replyForDiscordError(error: unknown): Reply {
  if (error instanceof PublishError && error.kind === 'unreachable')
    return errorReply(`I could not post in this channel. ${error.message}.`);
  if (error instanceof PublishError && error.kind === 'rate-limited')
    return errorReply(
      `Discord is limiting how fast I can post here; try again in ${Math.ceil((error.retryAfterMs ?? 5000) / 1000)} s.`,
    );
  return replyForError(error);
}

const ephemeral = (visibility: Visibility): { flags?: MessageFlags.Ephemeral } =>
  visibility === 'channel' ? {} : { flags: MessageFlags.Ephemeral };

/**
 * Sends replies for one interaction: the first reply fills the original response (a direct reply, or the
 * edit of a deferred one of the same visibility); the rest are follow-ups, each private or public as the
 * core says. A deferred response no reply could use is deleted, so no "thinking…" is left behind.
 */
function createResponder(interaction: RepliableInteraction) {
  let deferredAs: Visibility | undefined;
  let originalUsed = false;
  return {
    async defer(visibility: Visibility) {
      await interaction.deferReply(ephemeral(visibility));
      deferredAs = visibility;
    },
    async send(replies: Reply[]) {
      for (const reply of replies) {
        const payload = interactionPayload(renderReply(reply));
        if (!interaction.deferred && !interaction.replied) {
          await interaction.reply({ ...payload, ...ephemeral(reply.visibility) });
          originalUsed = true;
        } else if (!originalUsed && deferredAs === reply.visibility) {
          await interaction.editReply(payload);
          originalUsed = true;
        } else {
          await interaction.followUp({ ...payload, ...ephemeral(reply.visibility) });
        }
      }
      if (deferredAs !== undefined && !originalUsed) {
        originalUsed = true;
        await interaction.deleteReply();
      }
    },
  };
}

type Responder = ReturnType<typeof createResponder>;

function describe(interaction: Interaction): Record<string, unknown> {
  const name = interaction.isCommand()
    ? interaction.commandName
    : interaction.isAutocomplete()
      ? `${interaction.commandName} (autocomplete)`
      : interaction.isMessageComponent()
        ? truncate(interaction.customId, 100)
        : String(interaction.type);
  return {
    interactionId: interaction.id,
    name,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  };
}

export function createInteractionHandler(deps: { bot: Bot; log: Logger }): InteractionHandler {
  const { bot, log } = deps;

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const field = autocompleteField(focused.name);
    const actor = actorOf(interaction);
    if (!field || !actor) {
      await interaction.respond([]);
      return;
    }
    const choices = bot
      .autocomplete(actor, field, String(focused.value))
      .filter((c) => c.value.length >= 1 && c.value.length <= 100)
      .slice(0, 25)
      .map((c) => ({ name: truncate(c.name, 100), value: c.value }));
    await interaction.respond(choices);
  }

  async function onCommand(interaction: ChatInputCommandInteraction, responder: Responder): Promise<void> {
    const command = coreCommandOf(interaction);
    if (!command) return responder.send([UNKNOWN_COMMAND]);
    const actor = actorOf(interaction);
    if (!actor) return responder.send([NOT_IN_SERVER]);
    if (command.name === 'explain') {
      // A glossary lookup in memory: answered directly, well inside the 3 s.
      return responder.send(await bot.command(actor, command.name, command.text));
    }
    // `/studybot setup` tells the channel about the new schedule; everything else answers only the user.
    const visibility =
      command.name === 'studybot' && actor.isAdmin && command.text.startsWith('setup ')
        ? 'channel'
        : 'only-user';
    await responder.defer(visibility);
    await responder.send(await bot.command(actor, command.name, command.text));
  }

  async function onButton(interaction: ButtonInteraction, responder: Responder): Promise<void> {
    const actor = actorOf(interaction);
    if (!actor) return responder.send([NOT_IN_SERVER]);
    // Feedback on an answer is private; the core checks the custom_id (post, choice) against the database.
    await responder.defer('only-user');
    await responder.send(await bot.action(actor, interaction.customId));
  }

  return async function handleInteraction(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const about = describe(interaction);
    const responder = interaction.isRepliable() ? createResponder(interaction) : undefined;
    try {
      if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isChatInputCommand() && responder) await onCommand(interaction, responder);
      else if (interaction.isButton() && responder) await onButton(interaction, responder);
      else log.debug(about, 'ignored an interaction studybot does not handle');
    } catch (error) {
      log.error({ ...about, err: error }, 'interaction failed');
      try {
        if (interaction.isAutocomplete()) {
          if (!interaction.responded) await interaction.respond([]);
        } else await responder?.send([replyForDiscordError(error)]);
      } catch (replyError) {
        log.warn({ ...about, err: replyError }, 'could not tell the user that their interaction failed');
      }
    } finally {
      log.debug({ ...about, ms: Math.round(performance.now() - started) }, 'interaction handled');
    }
  };
}
