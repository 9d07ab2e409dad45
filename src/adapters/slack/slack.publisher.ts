import { webApi } from '@slack/bolt';
import {
  type ChannelAddress,
  type ChannelPublisher,
  ImageRefusedError,
  PublishError,
} from '../../core/publishing/publisher.port.js';
import type { Reply, ReplyImage } from '../../core/replies.js';
import type { Logger } from '../../logger.js';
import { renderReply } from './slack.render.js';

/**
 * Posting to Slack channels for the core (`/studybot post` and the scheduler take this same path): the
 * question is a `chat.postMessage` whose `ts` is the message ref; the reveal edits that message with
 * `chat.update` and answers in its thread. Slack's refusals become `PublishError`s the scheduler acts on.
 */

/** Slack errors that will not go away by retrying: the channel, the token or a permission is wrong. */
const UNREACHABLE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'access_denied',
  'team_access_not_granted',
  'ekm_access_denied',
  'org_login_required',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_not_found',
]);

/** What an admin can do about the commonest refusals; shown in /studybot status via the post's last error. */
const HINTS: Record<string, string> = {
  not_in_channel: 'invite the bot with /invite @studybot',
  channel_not_found: 'invite the bot to the channel with /invite @studybot',
  is_archived: 'the channel is archived',
  invalid_auth: 'check SLACK_BOT_TOKEN',
  token_revoked: 'the app was uninstalled; reinstall it and update SLACK_BOT_TOKEN',
  missing_scope: 'reinstall the app from slack/manifest.yml',
};

interface CodedSlackError {
  code: string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
}

const isCoded = (e: unknown): e is CodedSlackError =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';

/** Maps a Web API failure to the core's PublishError: unreachable, rate-limited (with Retry-After) or transient. */
export function toPublishError(error: unknown, method: string): PublishError {
  if (error instanceof PublishError) return error;
  if (isCoded(error)) {
    if (error.code === webApi.ErrorCode.RateLimitedError) {
      const seconds = typeof error.retryAfter === 'number' ? error.retryAfter : undefined;
      return new PublishError(
        'rate-limited',
        `Slack rate-limited ${method}${seconds === undefined ? '' : `; retry after ${seconds} s`}`,
        seconds === undefined ? undefined : seconds * 1000,
        { cause: error },
      );
    }
    if (error.code === webApi.ErrorCode.PlatformError) {
      const code = error.data?.error ?? 'unknown_error';
      const hint = HINTS[code];
      const message = `Slack refused ${method}: ${code}${hint ? ` (${hint})` : ''}`;
      if (UNREACHABLE.has(code)) return new PublishError('unreachable', message, undefined, { cause: error });
      if (code === 'ratelimited')
        return new PublishError('rate-limited', message, undefined, { cause: error });
      return new PublishError('transient', message, undefined, { cause: error });
    }
    if (error.code === webApi.ErrorCode.HTTPError) {
      return new PublishError(
        'transient',
        `Slack answered ${method} with HTTP ${error.statusCode}`,
        undefined,
        {
          cause: error,
        },
      );
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new PublishError('transient', `${method} failed: ${detail.slice(0, 200)}`, undefined, {
    cause: error,
  });
}

/** The Web API calls the publisher makes; a `WebClient` provides them. */
export interface ChatApi {
  chat: {
    postMessage(args: webApi.ChatPostMessageArguments): Promise<webApi.ChatPostMessageResponse>;
    update(args: webApi.ChatUpdateArguments): Promise<webApi.ChatUpdateResponse>;
  };
  /** files.getUploadURLExternal → upload → files.completeUploadExternal (needs the `files:write` scope). */
  filesUploadV2(args: webApi.FilesUploadV2Arguments): Promise<webApi.WebAPICallResult>;
}

/**
 * A Web API client for channel posts: it rejects rate-limited calls instead of waiting (the scheduler
 * honours Retry-After itself) and never retries a post on its own, which could post a question twice.
 */
export function createPublisherClient(options: {
  botToken: string;
  apiUrl: string;
  logger: webApi.WebClientOptions['logger'];
}): webApi.WebClient {
  return new webApi.WebClient(options.botToken, {
    slackApiUrl: options.apiUrl,
    logger: options.logger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
}

/**
 * The Slack publisher. `client` posts with the one configured token; in multi-workspace mode `clientFor`
 * finds the client of the channel's workspace (its own installation's token), and a workspace without an
 * installation is unreachable (the schedule pauses; a reinstall resumes it).
 */
export function createSlackPublisher(
  options: ({ client: ChatApi } | { clientFor: (teamId: string) => Promise<ChatApi | undefined> }) & {
    logger: Logger;
  },
): ChannelPublisher {
  const clientOf = async (channel: ChannelAddress): Promise<ChatApi> => {
    if ('client' in options) return options.client;
    const found = await options.clientFor(channel.workspaceExternalId);
    if (found) return found;
    throw new PublishError(
      'unreachable',
      'Slack workspace has no installation of the app (uninstalled; install it again from /slack/install)',
    );
  };
  const log = options.logger.child({ module: 'slack', component: 'publisher' });

  async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const mapped = toPublishError(error, method);
      log.warn({ method, kind: mapped.kind, retryAfterMs: mapped.retryAfterMs }, mapped.message);
      throw mapped;
    }
  }

  const message = (reply: Reply) => {
    const { text, blocks } = renderReply(reply);
    // No link_names, no unfurls: a post never notifies anyone and never previews a link.
    return { text, blocks, unfurl_links: false, unfurl_media: false };
  };

  /**
   * Uploads a post's picture into the channel (files.uploadV2, shared with a one-line comment) before the
   * message itself; any refusal (`missing_scope` before `files:write` is granted, `not_allowed_token_type`,
   * a failed upload) is an ImageRefusedError, so the core posts the text version instead.
   */
  async function upload(client: ChatApi, channel: ChannelAddress, image: ReplyImage): Promise<void> {
    try {
      await client.filesUploadV2({
        channel_id: channel.channelExternalId,
        file: Buffer.from(image.png),
        filename: image.filename,
        title: image.title,
        alt_text: image.altText,
        initial_comment: image.title,
      });
    } catch (error) {
      const mapped = toPublishError(error, 'files.uploadV2');
      log.warn({ method: 'files.uploadV2', kind: mapped.kind }, mapped.message);
      throw new ImageRefusedError(mapped.message, { cause: mapped });
    }
  }

  return {
    async post(channel: ChannelAddress, reply: Reply): Promise<string> {
      const client = await clientOf(channel);
      if (reply.image) await upload(client, channel, reply.image);
      const result = await call('chat.postMessage', () =>
        client.chat.postMessage({ channel: channel.channelExternalId, ...message(reply) }),
      );
      if (!result.ts) throw new PublishError('transient', 'chat.postMessage returned no message ts');
      return result.ts;
    },

    async reveal(channel: ChannelAddress, messageRef: string, updated: Reply, reveal: Reply): Promise<void> {
      const client = await clientOf(channel);
      let threadTs: string | undefined = messageRef;
      try {
        await call('chat.update', () =>
          client.chat.update({ channel: channel.channelExternalId, ts: messageRef, ...message(updated) }),
        );
      } catch (error) {
        // Someone deleted the question: the reveal still goes to the channel, just not in a thread.
        if (!(error instanceof PublishError) || !/message_not_found|cant_update_message/.test(error.message))
          throw error;
        threadTs = undefined;
      }
      await call('chat.postMessage', () =>
        client.chat.postMessage({
          channel: channel.channelExternalId,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          ...message(reveal),
        }),
      );
    },
  };
}
