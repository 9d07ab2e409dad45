/**
 * Channel posts for the core (`/studybot post` and the scheduler): the question as a channel message with
 * its answer buttons, and the reveal, which edits that message (answer shown, buttons gone) and replies
 * under it. Plain REST calls on the client's REST manager, so nothing depends on the gateway cache.
 */
import { type APIMessage, type REST, Routes } from 'discord.js';
import type { ChannelPublisher } from '../../core/publishing/publisher.port.js';
import type { Logger } from '../../logger.js';
import { messageBody, renderReply } from './discord.render.js';
import { isDiscordError, toPublishError, UNKNOWN_MESSAGE } from './discord.rest.js';

export function createDiscordPublisher(rest: REST, log: Logger): ChannelPublisher {
  return {
    async post(channel, reply) {
      try {
        const message = (await rest.post(Routes.channelMessages(channel.channelExternalId), {
          body: messageBody(renderReply(reply)),
        })) as APIMessage;
        return message.id;
      } catch (error) {
        throw toPublishError(error);
      }
    },

    async reveal(channel, messageRef, updated, reveal) {
      const channelId = channel.channelExternalId;
      let original = true;
      try {
        // renderReply gives `components: []` for the closed question, which removes the answer buttons.
        await rest.patch(Routes.channelMessage(channelId, messageRef), {
          body: messageBody(renderReply(updated)),
        });
      } catch (error) {
        // Someone deleted the question: the reveal still goes out, just not as a reply to it.
        if (!isDiscordError(error, UNKNOWN_MESSAGE)) throw toPublishError(error);
        original = false;
        log.info({ channelId, messageRef }, 'the question message is gone; posting the reveal on its own');
      }
      try {
        await rest.post(Routes.channelMessages(channelId), {
          body: {
            ...messageBody(renderReply(reveal)),
            ...(original
              ? {
                  message_reference: {
                    message_id: messageRef,
                    channel_id: channelId,
                    fail_if_not_exists: false,
                  },
                }
              : {}),
          },
        });
      } catch (error) {
        throw toPublishError(error);
      }
    },
  };
}
