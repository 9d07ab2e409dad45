/**
 * A Slack slash command or button press as an inbound event for the pipeline: who the user is (users.info,
 * cached; a fresh lookup only where the registry asks for a role check), Block Kit rendering, and replies
 * through the event's response_url.
 */
import type { Actor } from '../../core/actor.js';
import { StudybotError } from '../../core/errors.js';
import type { Reply, ReplyForm, Visibility } from '../../core/replies.js';
import type { Logger } from '../../logger.js';
import type { InboundEvent, InboundRequest } from '../inbound.pipeline.js';
import type { IdentityCache, SlackIdentity } from './slack.identity.js';
import { renderReply, type SlackMessage } from './slack.render.js';

/** Where a Slack event came from, and how to answer it (the event's response_url, through Bolt's `respond`). */
export interface SlackEventSource {
  teamId: string | undefined;
  teamName: string | undefined;
  channelId: string | undefined;
  userId: string | undefined;
  /** The user's handle from the payload: the display name of last resort when users.info fails. */
  userName: string | undefined;
  /** Slack's trigger_id of the payload: the same on a redelivery. */
  triggerId: string | undefined;
  send(message: SlackMessage, visibility: Visibility, reply: Reply): Promise<void>;
  /** Instead of `send` per reply: all replies at once (the home tab publishes its sections as one view). */
  sendAll?(replies: { reply: Reply; message: SlackMessage }[]): Promise<void>;
  /** Opens a form as a modal (views.open with the click's trigger_id); unset where Slack gives no trigger. */
  openForm?(form: ReplyForm): Promise<void>;
}

/** How long a user's first command waits for users.info before their handle stands in for the name. */
const FIRST_SIGHT_WAIT_MS = 500;

/**
 * Builds the inbound event of one acknowledged Slack payload. `learned` is told the identity a background
 * users.info found (a member's first click, a daily refresh), so the stored name follows without a click
 * ever waiting for Slack.
 */
export function createSlackEvents(options: {
  identities: IdentityCache;
  logger: Logger;
  learned?: (actor: Actor) => void;
}) {
  const { identities } = options;
  const log = options.logger.child({ module: 'slack' });

  async function identify(
    source: SlackEventSource,
    request: InboundRequest,
    ids: { teamId: string; channelId: string; userId: string },
    freshRole: boolean,
  ): Promise<SlackIdentity & { provisional?: boolean }> {
    const { teamId, userId } = ids;
    if (!freshRole) {
      // Only a role check needs a fresh answer from Slack. Everything else uses what is known, so a click
      // never waits for users.info; names are refreshed in the background, at most daily per member.
      const known = identities.peek(teamId, userId, (identity) =>
        options.learned?.(actorOf(source, ids, identity)),
      );
      if (known) return known.identity;
      // A click from someone this process has not looked up (a new member, or any member after a
      // restart) never waits: their handle stands in, provisionally, so a stored name is kept; the lookup
      // started above stores the real name when it arrives.
      if (request.kind === 'action') return provisionalOf(source, userId);
      // A command's first sight: give Slack a moment (its reply may show the name), then go on.
      const looked = await Promise.race([
        identities.lookup(teamId, userId).catch(() => undefined),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), FIRST_SIGHT_WAIT_MS)),
      ]);
      return looked ?? provisionalOf(source, userId);
    }
    try {
      return await identities.lookup(teamId, userId);
    } catch (error) {
      log.warn({ err: error, teamId, userId }, 'users.info failed');
      throw new StudybotError('ROLE_UNAVAILABLE', [{ platform: 'Slack' }], { cause: error });
    }
  }

  return function slackEvent(source: SlackEventSource, request: InboundRequest): InboundEvent<SlackMessage> {
    return {
      platform: 'slack',
      deliveryId: source.triggerId ?? '',
      request,
      about: {
        what:
          request.kind === 'command'
            ? request.name.slice(0, 40)
            : request.kind === 'action'
              ? 'button'
              : request.kind === 'submit'
                ? 'form'
                : request.kind,
        teamId: source.teamId,
        userId: source.userId,
      },
      async actor(freshRole): Promise<Actor> {
        const { teamId, channelId, userId } = source;
        if (!teamId || !channelId || !userId) throw new StudybotError('NO_CHANNEL', []);
        const ids = { teamId, channelId, userId };
        return actorOf(source, ids, await identify(source, request, ids, freshRole));
      },
      render: (reply: Reply) => renderReply(reply),
      async send(replies) {
        if (source.sendAll) {
          await source.sendAll(replies);
          return;
        }
        for (const { reply, message } of replies) {
          try {
            if (reply.form && source.openForm) {
              await source.openForm(reply.form);
              continue;
            }
            await source.send(message, reply.visibility, reply);
          } catch (error) {
            log.warn({ err: error, kind: reply.kind }, 'could not answer through the response_url');
          }
        }
      },
    };
  };
}

/** The handle from the payload, standing in for a display name Slack has not told us yet. */
const provisionalOf = (source: SlackEventSource, userId: string) => ({
  displayName: source.userName || userId,
  isAdmin: false,
  provisional: true,
});

function actorOf(
  source: SlackEventSource,
  ids: { teamId: string; channelId: string; userId: string },
  identity: SlackIdentity & { provisional?: boolean },
): Actor {
  return {
    platform: 'slack',
    workspaceId: ids.teamId,
    ...(source.teamName ? { workspaceName: source.teamName } : {}),
    channelId: ids.channelId,
    userId: ids.userId,
    userName: identity.displayName,
    ...(identity.provisional ? { userNameProvisional: true } : {}),
    isAdmin: identity.isAdmin,
  };
}

export type SlackEvents = ReturnType<typeof createSlackEvents>;
