/**
 * Every Discord interaction arrives here: slash commands and buttons become inbound events for the pipeline
 * (which calls the core, catches failures and answers privately); autocomplete is answered directly.
 *
 * Timing: Discord wants an answer within 3 s. Autocomplete and commands the registry marks immediate (glossary
 * lookups in memory) answer directly. Everything else is deferred first (the user sees "studybot is
 * thinking…"), before any database work, publicly or privately as the registry says, and the deferred message
 * is then edited with the core's reply; the interaction token stays valid for 15 minutes.
 */
import {
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  GuildMember,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  type RepliableInteraction,
} from 'discord.js';
import type { Actor } from '../../core/actor.js';
import type { Bot } from '../../core/bot.js';
import { StudybotError } from '../../core/errors.js';
import type { ReplyForm, Visibility } from '../../core/replies.js';
import type { Logger } from '../../logger.js';
import type { InboundEvent, InboundPipeline, InboundRequest } from '../inbound.pipeline.js';
import { coreCommandOf } from './discord.commands.js';
import { modalOf, modalValues } from './discord.form.js';
import { interactionPayload, type RenderedMessage, renderReply, truncate } from './discord.render.js';

export type InteractionHandler = (interaction: Interaction) => Promise<void>;

/**
 * Used where studybot has no workspace: installed to the user (user install), in a DM or in a server that has
 * not installed the bot. Such an actor only looks terms up; the core stores nothing for it.
 */
function lookupActorOf(interaction: Interaction): Actor | undefined {
  const owners = interaction.authorizingIntegrationOwners;
  const userInstalled = owners[ApplicationIntegrationType.UserInstall] !== undefined;
  const guildInstalled =
    interaction.inGuild() && owners[ApplicationIntegrationType.GuildInstall] !== undefined;
  if (!userInstalled || guildInstalled) return undefined;
  return {
    platform: 'discord',
    workspaceId: interaction.guildId ?? 'direct-messages',
    channelId: interaction.channelId ?? 'direct-messages',
    userId: interaction.user.id,
    userName: interaction.user.globalName ?? interaction.user.username,
    isAdmin: false,
    lookupOnly: true,
  };
}

/**
 * Who is acting, where: workspace = guild, member = user, display name as the server shows it; a lookup-only
 * actor where only the user installed studybot; undefined in a DM without a user install.
 */
export function actorOf(interaction: Interaction): Actor | undefined {
  const lookup = lookupActorOf(interaction);
  if (lookup) return lookup;
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
    async send(replies: { message: RenderedMessage; visibility: Visibility; form?: ReplyForm }[]) {
      for (const { message, visibility, form } of replies) {
        const payload = interactionPayload(message);
        // A form is the interaction's answer (response type 9): only a button not yet answered can show one.
        if (form && interaction.isButton() && !interaction.deferred && !interaction.replied) {
          await interaction.showModal(modalOf(form));
          originalUsed = true;
          continue;
        }
        if (!interaction.deferred && !interaction.replied) {
          await interaction.reply({ ...payload, ...ephemeral(visibility) });
          originalUsed = true;
        } else if (!originalUsed && deferredAs === visibility) {
          await interaction.editReply(payload);
          originalUsed = true;
        } else {
          await interaction.followUp({ ...payload, ...ephemeral(visibility) });
        }
      }
      if (deferredAs !== undefined && !originalUsed) {
        originalUsed = true;
        await interaction.deleteReply();
      }
    },
  };
}

function describe(interaction: Interaction): Record<string, unknown> {
  const name = interaction.isCommand()
    ? interaction.commandName
    : interaction.isAutocomplete()
      ? `${interaction.commandName} (autocomplete)`
      : interaction.isMessageComponent() || interaction.isModalSubmit()
        ? truncate(interaction.customId, 100)
        : String((interaction as { type: unknown }).type);
  return {
    interactionId: interaction.id,
    name,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
  };
}

/** A command or button interaction as an inbound event; a command the registry lacks stays as its name. */
export function discordEvent(
  interaction: RepliableInteraction,
  request: InboundRequest,
): InboundEvent<RenderedMessage> {
  const responder = createResponder(interaction);
  return {
    platform: 'discord',
    deliveryId: interaction.id,
    request,
    about: describe(interaction),
    async actor() {
      const actor = actorOf(interaction);
      if (!actor) throw new StudybotError('SERVER_ONLY', []);
      return actor;
    },
    async prepare({ visibility, immediate }) {
      if (!immediate) await responder.defer(visibility);
    },
    render: renderReply,
    send: (replies) =>
      responder.send(
        replies.map(({ reply, message }) => ({
          message,
          visibility: reply.visibility,
          ...(reply.form ? { form: reply.form } : {}),
        })),
      ),
  };
}

/** Routes each interaction: commands and buttons to the pipeline, autocomplete to the core directly. */
export function createInteractionHandler(deps: {
  bot: Bot;
  pipeline: InboundPipeline;
  log: Logger;
}): InteractionHandler {
  const { bot, pipeline, log } = deps;

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const sub = interaction.options.getSubcommand(false) ?? undefined;
    const field = bot.commands.completionField(interaction.commandName, sub, focused.name);
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

  return async function handleInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const command = coreCommandOf(interaction) ?? { name: interaction.commandName, text: '' };
      return pipeline.handle(discordEvent(interaction, { kind: 'command', ...command }));
    }
    if (interaction.isMessageContextMenuCommand()) {
      // "Explain terms in this message": the message's text and its embeds' text (a posted question is an
      // embed). It is user text; the core never echoes it.
      const message = interaction.targetMessage;
      const text = [
        message.content,
        ...message.embeds.flatMap((e) => [
          e.title,
          e.description,
          ...e.fields.flatMap((f) => [f.name, f.value]),
        ]),
      ]
        .filter((part): part is string => typeof part === 'string' && part !== '')
        .join('\n');
      return pipeline.handle(discordEvent(interaction, { kind: 'explain-text', text }));
    }
    if (interaction.isButton()) {
      // The core checks the custom_id (post, choice) against the database.
      return pipeline.handle(discordEvent(interaction, { kind: 'action', actionId: interaction.customId }));
    }
    if (interaction.isModalSubmit()) {
      // The core checks the form id and every value, as it checks a button's custom_id.
      return pipeline.handle(
        discordEvent(interaction, {
          kind: 'submit',
          formId: interaction.customId,
          values: modalValues(interaction),
        }),
      );
    }
    if (!interaction.isAutocomplete()) {
      log.debug(describe(interaction), 'ignored an interaction studybot does not handle');
      return;
    }
    try {
      await onAutocomplete(interaction);
    } catch (error) {
      log.error({ ...describe(interaction), err: error }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  };
}
