/**
 * The Bolt listeners, as named functions of their own: each acknowledges first (Slack gets its empty 200,
 * or the Socket Mode envelope ack, at once), then hands the parsed event to the inbound pipeline, whose
 * replies go through the event's response_url.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  RespondArguments,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
} from '@slack/bolt';
import type { Visibility } from '../../core/replies.js';
import type { InboundPipeline } from '../inbound.pipeline.js';
import type { SlackEventSource, SlackEvents } from './slack.inbound.js';
import type { SlackNativeListeners } from './slack.native.js';
import { type SlackMessage, unescapeSlack } from './slack.render.js';

type CommandArgs = Pick<
  SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  'ack' | 'command' | 'respond' | 'client'
>;
type ActionArgs = Pick<
  SlackActionMiddlewareArgs & AllMiddlewareArgs,
  'ack' | 'body' | 'action' | 'respond' | 'client'
>;

/** Answers through `respond`: `in_channel` for channel replies, `ephemeral` for the rest. */
const sender =
  (respond: RespondFn | undefined, extra: RespondArguments) =>
  async (message: SlackMessage, visibility: Visibility) => {
    if (!respond) throw new Error('the event carries no response_url');
    await respond({
      ...message,
      ...extra,
      response_type: visibility === 'channel' ? 'in_channel' : 'ephemeral',
    });
  };

export function createSlackListeners(deps: {
  pipeline: InboundPipeline;
  events: SlackEvents;
  native: SlackNativeListeners;
}) {
  const { pipeline, events, native } = deps;
  return {
    /** Every slash command: acknowledged empty, then `/name text` goes to the core as typed. */
    async onSlashCommand({ ack, command, respond, client }: CommandArgs): Promise<void> {
      await ack();
      const respondWith = sender(respond, {});
      const source: SlackEventSource = {
        teamId: command.team_id,
        teamName: command.team_domain,
        channelId: command.channel_id,
        userId: command.user_id,
        userName: command.user_name,
        triggerId: command.trigger_id,
        // A form (`/studybot setup` with nothing after it) opens as a modal from the command's trigger_id.
        send: (message, visibility, reply) =>
          reply.form ? native.openForm(client, command.trigger_id, reply) : respondWith(message, visibility),
      };
      await pipeline.handle(
        events(source, {
          kind: 'command',
          name: command.command.replace(/^\//, ''),
          text: unescapeSlack(command.text ?? ''),
        }),
      );
    },

    /** Every button press: whatever the button claims to be, its value goes to the core, which checks it. */
    async onBlockAction({ ack, body, action, respond, client }: ActionArgs): Promise<void> {
      await ack();
      if (body.type !== 'block_actions') return;
      const actions = body as BlockAction;
      if (actions.view?.type === 'home') {
        await native.onHomeAction(actions, action.type === 'button' ? (action.value ?? '') : '', client);
        return;
      }
      const containerChannel = actions.container?.channel_id;
      const source: SlackEventSource = {
        // Org-wide installs send `team: null`; the user's own team is the workspace then.
        teamId: actions.team?.id ?? actions.user.team_id,
        teamName: actions.team?.domain,
        channelId:
          actions.channel?.id ?? (typeof containerChannel === 'string' ? containerChannel : undefined),
        userId: actions.user.id,
        userName: actions.user.username ?? actions.user.name,
        triggerId: actions.trigger_id,
        send: sender(respond, { replace_original: false }),
      };
      const actionId = action.type === 'button' ? (action.value ?? '') : '';
      await pipeline.handle(events(source, { kind: 'action', actionId }));
    },
  };
}
