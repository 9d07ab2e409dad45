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
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { Visibility } from '../../core/replies.js';
import type { InboundPipeline } from '../inbound.pipeline.js';
import { FORM_CALLBACK_ID, parseMetadata, renderModal, submittedValues } from './slack.form.js';
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
type ViewArgs = Pick<SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs, 'ack' | 'body' | 'view'>;

/** Answers a submitted modal at the response_url of the click that opened it (ephemeral, never replacing). */
const postToResponseUrl = (url: string | undefined) => async (message: SlackMessage) => {
  if (!url) throw new Error('the form carries no response_url');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...message, response_type: 'ephemeral', replace_original: false }),
  });
  if (!response.ok) throw new Error(`the response_url answered ${response.status}`);
};

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
          reply.dialog
            ? native.openForm(client, command.trigger_id, reply)
            : respondWith(message, visibility),
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
        async openForm(form) {
          const channelId =
            actions.channel?.id ?? (typeof containerChannel === 'string' ? containerChannel : undefined);
          await client.views.open({
            trigger_id: actions.trigger_id,
            view: renderModal(form, { formId: form.id, channelId, responseUrl: actions.response_url }),
          });
        },
      };
      const actionId = action.type === 'button' ? (action.value ?? '') : '';
      await pipeline.handle(events(source, { kind: 'action', actionId }));
    },

    /** A submitted studybot modal: closed at once (empty ack), its values go to the core as the form's. */
    async onViewSubmission({ ack, body, view }: ViewArgs): Promise<void> {
      await ack();
      const metadata = parseMetadata(view.private_metadata);
      if (view.callback_id !== FORM_CALLBACK_ID || !metadata) return;
      const send = postToResponseUrl(metadata.responseUrl);
      const source: SlackEventSource = {
        teamId: body.team?.id ?? body.user.team_id,
        teamName: body.team?.domain,
        channelId: metadata.channelId,
        userId: body.user.id,
        userName: body.user.name,
        // A view_submission has no trigger_id of its own in every payload: the view's id and hash are unique.
        triggerId: `${view.id}:${view.hash}`,
        send: (message) => send(message),
      };
      await pipeline.handle(
        events(source, { kind: 'submit', formId: metadata.formId, values: submittedValues(view.state) }),
      );
    },
  };
}
