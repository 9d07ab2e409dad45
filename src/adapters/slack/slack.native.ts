/**
 * Slack's native surfaces, as named listeners beside the slash commands and buttons (slack.listeners.ts):
 * the App Home tab (published when the member opens it, and again after each of its buttons), the
 * "Explain terms in this message" message shortcut, and set-up forms submitted from a modal. Each goes
 * through the inbound pipeline like any other event.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  MessageShortcut,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import type { Reply } from '../../core/replies.js';
import type { Logger } from '../../logger.js';
import type { InboundPipeline } from '../inbound.pipeline.js';
import type { SlackEventSource, SlackEvents } from './slack.inbound.js';
import { type SlackMessage, unescapeSlack } from './slack.render.js';
import { FORM_CALLBACK_PREFIX, formValues, renderForm, renderHome } from './slack.views.js';

/** The message shortcut's callback id (slack/manifest.yml `shortcuts`). */
export const EXPLAIN_SHORTCUT_ID = 'explain_message';

type Client = webApi.WebClient;
type HomeArgs = Pick<
  SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs,
  'event' | 'body' | 'client'
>;
type ShortcutArgs = Pick<
  SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs,
  'ack' | 'shortcut' | 'respond' | 'client'
>;
type ViewArgs = Pick<SlackViewMiddlewareArgs & AllMiddlewareArgs, 'ack' | 'body' | 'client'>;

/** Where a member's private messages go when no response URL can take them: their DM with the app. */
const directMessage = (client: Client, userId: string, message: SlackMessage) =>
  client.chat.postMessage({ channel: userId, ...message });

export function createSlackNativeListeners(deps: {
  pipeline: InboundPipeline;
  events: SlackEvents;
  logger: Logger;
}) {
  const { pipeline, events } = deps;
  const log = deps.logger.child({ module: 'slack' });

  /** Builds the member's home and publishes it (`views.publish`); `homeChannel` returns with its buttons. */
  function publishHome(
    client: Client,
    ids: { teamId: string | undefined; userId: string; homeChannel: string; deliveryId: string },
  ): Promise<void> {
    const source: SlackEventSource = {
      teamId: ids.teamId,
      teamName: undefined,
      channelId: ids.homeChannel,
      userId: ids.userId,
      userName: undefined,
      triggerId: ids.deliveryId,
      send: async () => undefined,
      async sendAll(replies) {
        const view = renderHome(
          replies.map((r) => r.reply),
          ids.homeChannel,
        );
        await client.views.publish({ user_id: ids.userId, view });
      },
    };
    return pipeline.handle(events(source, { kind: 'home' }));
  }

  return {
    /** The member opened the Home tab: their page, built now. */
    async onAppHomeOpened({ event, body, client }: HomeArgs): Promise<void> {
      if (event.tab !== 'home') return;
      await publishHome(client, {
        teamId: body.team_id,
        userId: event.user,
        homeChannel: event.channel,
        deliveryId: body.event_id,
      });
    },

    /**
     * A button on the Home tab: the core acts (practice, leaderboard visibility), its replies go to the
     * member's DM with the app (a home tab has no response URL), and the page is published again.
     */
    async onHomeAction(body: BlockAction, actionId: string, client: Client): Promise<void> {
      const userId = body.user.id;
      const teamId = body.team?.id ?? body.user.team_id;
      const homeChannel = body.view?.private_metadata || userId;
      const source: SlackEventSource = {
        teamId,
        teamName: body.team?.domain,
        channelId: homeChannel,
        userId,
        userName: body.user.username ?? body.user.name,
        triggerId: body.trigger_id,
        send: async (message) => {
          await directMessage(client, userId, message);
        },
      };
      await pipeline.handle(events(source, { kind: 'action', actionId }));
      await publishHome(client, { teamId, userId, homeChannel, deliveryId: `${body.trigger_id}:home` });
    },

    /** "Explain terms in this message": answered ephemerally in the channel, else in the member's DM. */
    async onMessageShortcut({ ack, shortcut, respond, client }: ShortcutArgs): Promise<void> {
      await ack();
      const userId = shortcut.user.id;
      const source: SlackEventSource = {
        teamId: shortcut.team?.id ?? shortcut.user.team_id,
        teamName: shortcut.team?.domain,
        channelId: shortcut.channel.id,
        userId,
        userName: shortcut.user.username ?? shortcut.user.name,
        triggerId: shortcut.trigger_id,
        async send(message) {
          try {
            await respond({ ...message, response_type: 'ephemeral', replace_original: false });
          } catch (error) {
            log.warn({ err: error }, 'could not answer a message shortcut in the channel; answering in a DM');
            await directMessage(client, userId, message);
          }
        },
      };
      await pipeline.handle(
        events(source, { kind: 'explain-text', text: unescapeSlack(shortcut.message.text ?? '') }),
      );
    },

    /**
     * A submitted set-up modal: checked by the core field by field; errors go back into the modal
     * (`response_action: errors`), else the modal closes and the set-up is announced in the chosen channel
     * (a private reply: ephemeral there, else in the member's DM).
     */
    async onFormSubmission({ ack, body: payload, client }: ViewArgs): Promise<void> {
      if (payload.type !== 'view_submission') {
        await ack();
        return;
      }
      const body = payload as ViewSubmitAction;
      let acked = false;
      const close = async (errors?: Record<string, string>) => {
        if (acked) return;
        acked = true;
        await ack(errors ? { response_action: 'errors', errors } : undefined);
      };
      const values = formValues(body.view.state as Parameters<typeof formValues>[0]);
      const userId = body.user.id;
      const channel = values.channel ?? '';
      const source: SlackEventSource = {
        teamId: body.team?.id ?? body.user.team_id,
        teamName: body.team?.domain,
        channelId: channel,
        userId,
        userName: body.user.name,
        triggerId: body.trigger_id,
        async send(message, visibility, reply: Reply) {
          if (reply.fieldErrors) return close(reply.fieldErrors);
          await close();
          // The set-up is saved by now: if the channel refuses the announcement (the bot is not in it), the
          // admin still reads it, in their DM with the app.
          const toChannel =
            visibility === 'channel'
              ? client.chat.postMessage({ channel, ...message })
              : client.chat.postEphemeral({ channel, user: userId, ...message });
          await toChannel.catch((error: unknown) => {
            log.warn({ err: error }, 'could not answer a dialog in its channel; answering in a DM');
            return directMessage(client, userId, message);
          });
        },
      };
      const formId = body.view.callback_id.slice(FORM_CALLBACK_PREFIX.length);
      try {
        await pipeline.handle(events(source, { kind: 'form', formId, values }));
      } finally {
        await close();
      }
    },

    /** Opens a core form as a modal from the command's trigger_id. */
    async openForm(client: Client, triggerId: string, reply: Reply): Promise<void> {
      if (!reply.dialog) return;
      await client.views.open({ trigger_id: triggerId, view: renderForm(reply.dialog) });
    },
  };
}

export type SlackNativeListeners = ReturnType<typeof createSlackNativeListeners>;
