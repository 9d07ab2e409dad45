/**
 * Interactions as Discord dispatches them (slash commands, autocomplete, button clicks), and reading back
 * what the user finally saw from the REST calls the bot made with the interaction's token.
 */
import {
  type FakeState,
  type Json,
  messageObject,
  PERMS,
  type RecordedCall,
  snowflake,
} from './fake-discord-state.js';

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  nick?: string | null;
  permissions: string;
}

export interface Where {
  /** `null` for a direct message. */
  guildId?: string | null;
  channelId?: string;
  /**
   * Who installed the app the interaction comes through: the guild (default), the user only (a user install
   * used in a DM or in a server that has not added the bot), or both.
   */
  installedBy?: 'guild' | 'user' | 'both';
}

export interface Answer {
  /** `modal`: the interaction was answered with a modal (response type 9); `body` is the modal. */
  via: 'reply' | 'edit' | 'follow-up' | 'autocomplete' | 'modal';
  ephemeral: boolean;
  /** The message (embeds, components, allowed_mentions) or the autocomplete data. */
  body: Json;
}

const isEphemeral = (flags: unknown) => ((Number(flags) || 0) & 64) === 64;

export function interactionHelpers(state: FakeState) {
  let userCount = 0;

  function base(type: number, as: FakeUser, where: Where = {}): Json {
    const inGuild = where.guildId !== null;
    const gid = where.guildId ?? state.guild.id;
    const cid = where.channelId ?? state.channelId;
    const apiUser = {
      id: as.id,
      username: as.username,
      global_name: as.global_name,
      discriminator: '0',
      avatar: null,
    };
    const place = inGuild
      ? {
          guild_id: gid,
          guild_locale: 'en-US',
          channel_id: cid,
          channel: { id: cid, type: 0, guild_id: gid, name: 'study' },
          member: {
            user: apiUser,
            nick: as.nick ?? null,
            roles: [],
            permissions: as.permissions,
            joined_at: new Date().toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
            avatar: null,
          },
          context: 0,
        }
      : { channel_id: cid, channel: { id: cid, type: 1, recipients: [apiUser] }, user: apiUser, context: 1 };
    const installedBy = where.installedBy ?? 'guild';
    const owners = {
      ...(installedBy !== 'user' ? { '0': gid } : {}),
      ...(installedBy !== 'guild' ? { '1': as.id } : {}),
    };
    return {
      id: snowflake(),
      application_id: state.applicationId,
      type,
      token: `itok-${snowflake()}-${Math.random().toString(36).slice(2, 10)}`,
      version: 1,
      locale: 'en-US',
      app_permissions: String(1024n | 2048n | 16384n | 65536n),
      entitlements: [],
      attachment_size_limit: 10_485_760,
      authorizing_integration_owners: owners,
      ...place,
    };
  }

  /** A slash command; `options` as Discord sends them (`[{ name, type, value }]`, subcommands nested). */
  const command = (name: string, options: Json[], as: FakeUser, where?: Where): Json => ({
    ...base(2, as, where),
    data: { id: snowflake(), name, type: 1, options },
  });

  return {
    /** A member with a display name, permissions as a bit string, and an optional server nickname. */
    user(name: string, permissions = PERMS.member, nick: string | null = null): FakeUser {
      userCount += 1;
      const username = name.toLowerCase().replace(/[^a-z0-9_.]/g, '') || `user${userCount}`;
      return { id: snowflake(), username, global_name: name, nick, permissions };
    },
    command,
    /** `/studybot <sub>` with its options. */
    studybot: (sub: string, subOptions: Json[], as: FakeUser, where?: Where): Json =>
      command('studybot', [{ name: sub, type: 1, options: subOptions }], as, where),
    /** A string option; `focused` marks the one being autocompleted. */
    str: (name: string, value: string, focused = false): Json => ({
      name,
      type: 3,
      value,
      ...(focused ? { focused } : {}),
    }),
    /** A boolean option (type 5), as Discord sends a True/False choice. */
    bool: (name: string, value: boolean): Json => ({ name, type: 5, value }),
    autocomplete: (name: string, options: Json[], as: FakeUser, where?: Where): Json => ({
      ...base(4, as, where),
      data: { id: snowflake(), name, type: 1, options },
    }),
    /**
     * The message context-menu command `name` (type 3) on a message whose text is `content`: Discord sends the
     * message in `resolved.messages`, content included, whatever the bot's intents.
     */
    messageCommand(name: string, content: string, as: FakeUser, where?: Where): Json {
      const cid = where?.channelId ?? state.channelId;
      const target = messageObject(state, cid, { content });
      const id = String(target.id);
      return {
        ...base(2, as, where),
        data: { id: snowflake(), name, type: 3, target_id: id, resolved: { messages: { [id]: target } } },
      };
    },
    /** A click on a button with `customId` under the channel message `messageId` (a posted question). */
    button(customId: string, as: FakeUser, messageId?: string, where?: Where): Json {
      const message =
        (messageId && state.messages.get(messageId)) ||
        messageObject(state, where?.channelId ?? state.channelId, {});
      return { ...base(3, as, where), message, data: { custom_id: customId, component_type: 2 } };
    },

    /**
     * A MODAL_SUBMIT interaction (type 5) for the modal `modal` (as the bot sent it): `values` by the
     * custom_id of each field, a select's chosen value or a text input's text, in Label components.
     */
    modalSubmit(modal: Json, values: Record<string, string>, as: FakeUser, where?: Where): Json {
      const labels = (modal.components ?? []) as { component?: { type: number; custom_id: string } }[];
      const components = labels.flatMap((label, i) => {
        const c = label.component;
        if (!c || !(c.custom_id in values)) return [];
        const value = values[c.custom_id] ?? '';
        return [
          {
            type: 18,
            id: i + 1,
            component:
              c.type === 3
                ? { type: 3, id: i + 10, custom_id: c.custom_id, values: [value] }
                : { type: 4, id: i + 10, custom_id: c.custom_id, value },
          },
        ];
      });
      return { ...base(5, as, where), data: { custom_id: modal.custom_id, components } };
    },

    /** Every REST call made with this interaction's token, in order. */
    callsFor(interaction: Json): RecordedCall[] {
      const t = String(interaction.token);
      return state.calls.filter((c) => c.path.includes(`/${t}`));
    },

    /**
     * What the user finally sees for an interaction: a direct reply, the edit of a deferred reply, a
     * follow-up (after which a leftover deferred reply is deleted), or autocomplete choices.
     */
    async answerTo(interaction: Json): Promise<Answer> {
      const t = String(interaction.token);
      const id = String(interaction.id);
      const callback = await state.waitForCall(
        (c) => c.path.includes(`/${t}/callback`),
        `callback for interaction ${id}`,
      );
      const cb = callback.body as { type: number; data?: Json };
      if (cb.type === 8) return { via: 'autocomplete', ephemeral: true, body: cb.data ?? {} };
      if (cb.type === 9) return { via: 'modal', ephemeral: true, body: cb.data ?? {} };
      if (cb.type === 4) return { via: 'reply', ephemeral: isEphemeral(cb.data?.flags), body: cb.data ?? {} };
      const next = await state.waitForCall(
        (c) =>
          c.path.startsWith(`/webhooks/${state.applicationId}/${t}`) &&
          (c.method === 'PATCH' || c.method === 'POST'),
        `edit or follow-up for interaction ${id}`,
      );
      const body = (next.body ?? {}) as Json;
      if (next.method === 'PATCH') return { via: 'edit', ephemeral: isEphemeral(cb.data?.flags), body };
      return { via: 'follow-up', ephemeral: isEphemeral(body.flags), body };
    },
  };
}
