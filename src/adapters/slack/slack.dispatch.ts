import { type Bot, replyForError } from '../../core/bot.js';
import { StudybotError } from '../../core/errors.js';
import { type Actor, isCommandName } from '../../core/events.js';
import { PublishError } from '../../core/ports.js';
import { errorReply, privateReply, type Reply, type Visibility } from '../../core/replies.js';
import type { Logger } from '../../logger.js';
import type { IdentityCache, SlackIdentity } from './slack.identity.js';
import { renderReply, type SlackMessage } from './slack.render.js';

/** What a Slack user did, already acknowledged: a slash command or a button press. */
export type SlackInbound =
  | { kind: 'command'; command: string; text: string }
  | { kind: 'action'; actionId: string };

/** Where the event came from, and how to answer it (the event's response_url, through Bolt's `respond`). */
export interface SlackEventContext {
  teamId: string | undefined;
  teamName: string | undefined;
  channelId: string | undefined;
  userId: string | undefined;
  /** The user's handle from the payload: the display name of last resort when users.info fails. */
  userName: string | undefined;
  send(message: SlackMessage, visibility: Visibility): Promise<void>;
}

export type SlackHandler = (context: SlackEventContext, inbound: SlackInbound) => Promise<void>;

/** How long a user's first event waits for users.info before their handle stands in for the name. */
const FIRST_SIGHT_WAIT_MS = 500;

/** What to tell the user about a failure: Slack-specific advice for refused posts, else the core's message. */
export function replyForSlackError(error: unknown): Reply {
  if (error instanceof PublishError) {
    switch (error.kind) {
      case 'unreachable':
        // The message names Slack's reason and what fixes it, e.g. "(invite the bot with /invite @studybot)".
        return errorReply(`I could not post in this channel, so nothing was posted. ${error.message}.`);
      case 'rate-limited':
        return errorReply(
          'Slack asked me to slow down, so nothing was posted. Please try again in a minute.',
        );
      case 'transient':
        return errorReply(
          'Slack did not take the post just now, so nothing was posted. Please try again in a moment.',
        );
    }
  }
  return replyForError(error);
}

/**
 * The one function every Slack command and button press passes through, after it has been acknowledged:
 * who (users.info, cached) → the core → replies rendered as Block Kit and sent back. Every failure is caught
 * here, logged with its cause and answered privately; nothing a user does can crash the adapter.
 */
export function createSlackHandler(options: {
  bot: Bot;
  identities: IdentityCache;
  logger: Logger;
}): SlackHandler {
  const { bot, identities } = options;
  const log = options.logger.child({ module: 'slack' });

  async function identify(
    context: SlackEventContext,
    teamId: string,
    userId: string,
    needsRole: boolean,
  ): Promise<SlackIdentity & { provisional?: boolean }> {
    if (!needsRole) {
      // Only /studybot needs a fresh answer from Slack. Everything else uses what is known, so a click
      // never waits for users.info; the cache refreshes itself in the background.
      const known = identities.peek(teamId, userId);
      if (known) return known.identity;
      // First sight of this user in this process: give Slack a moment, then go on with their handle.
      const looked = await Promise.race([
        identities.lookup(teamId, userId).catch(() => undefined),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), FIRST_SIGHT_WAIT_MS)),
      ]);
      return looked ?? { displayName: context.userName || userId, isAdmin: false, provisional: true };
    }
    try {
      return await identities.lookup(teamId, userId);
    } catch (error) {
      log.warn({ err: error, teamId, userId }, 'users.info failed');
      if (needsRole) {
        throw new StudybotError(
          'NOT_AVAILABLE',
          'I could not check your Slack role just now, so nothing was changed. Please try again in a moment.',
          { cause: error },
        );
      }
      return { displayName: context.userName || userId, isAdmin: false } satisfies SlackIdentity;
    }
  }

  async function run(context: SlackEventContext, inbound: SlackInbound): Promise<Reply[]> {
    const { teamId, channelId, userId } = context;
    if (!teamId || !channelId || !userId) {
      throw new StudybotError(
        'ARGUMENT_INVALID',
        'I can only answer in a channel or a direct message. Nothing was changed.',
      );
    }
    const name = inbound.kind === 'command' ? inbound.command.replace(/^\//, '').toLowerCase() : undefined;
    const identity = await identify(context, teamId, userId, name === 'studybot');
    const actor: Actor = {
      platform: 'slack',
      workspaceId: teamId,
      ...(context.teamName ? { workspaceName: context.teamName } : {}),
      channelId,
      userId,
      userName: identity.displayName,
      ...(identity.provisional ? { userNameProvisional: true } : {}),
      isAdmin: identity.isAdmin,
    };
    if (inbound.kind === 'action') return bot.action(actor, inbound.actionId);
    if (name === undefined || !isCommandName(name)) {
      return [privateReply('error', [`I do not know the command ${inbound.command.slice(0, 40)}.`])];
    }
    return bot.command(actor, name, inbound.text);
  }

  return async function handle(context, inbound) {
    const startedAt = performance.now();
    const what = inbound.kind === 'command' ? inbound.command.slice(0, 40) : 'button';
    let replies: Reply[];
    try {
      replies = await run(context, inbound);
    } catch (error) {
      log.error(
        { err: error, what, teamId: context.teamId, userId: context.userId },
        'handling a Slack event failed',
      );
      replies = [replyForSlackError(error)];
    }
    for (const reply of replies) {
      try {
        await context.send(renderReply(reply), reply.visibility);
      } catch (error) {
        log.warn({ err: error, what, kind: reply.kind }, 'could not answer through the response_url');
      }
    }
    log.debug({ what, ms: Math.round(performance.now() - startedAt), replies: replies.length }, 'handled');
  };
}
