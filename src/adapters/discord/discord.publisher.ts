/**
 * Channel posts for the core (`/studybot post` and the scheduler): the question as a channel message with
 * its answer buttons, and the reveal, which edits that message (answer shown, buttons gone) and replies
 * under it. Plain REST calls on the client's REST manager, so nothing depends on the gateway cache.
 */
import { type APIMessage, type REST, Routes } from 'discord.js';
import { type ChannelPublisher, ImageRefusedError } from '../../core/publishing/publisher.port.js';
import type { Reply, ReplyImage } from '../../core/replies.js';
import type { Logger } from '../../logger.js';
import { messageBody, renderReply } from './discord.render.js';
import { isDiscordError, toPublishError, UNKNOWN_MESSAGE } from './discord.rest.js';

/**
 * A message with its picture as an attachment (multipart: `payload_json` and `files[0]`), shown inside the
 * embed (`attachment://<name>`) with its alt text as the attachment's description. Any refusal (Attach Files
 * permission missing, too large, an upload that failed) is an ImageRefusedError: the core posts the text.
 */
async function postWithImage(
  rest: REST,
  channelId: string,
  reply: Reply,
  image: ReplyImage,
): Promise<string> {
  const name = image.filename.replace(/[^\w.-]/g, '_');
  const rendered = renderReply(reply);
  const [embed, ...others] = rendered.embeds;
  const body = {
    ...messageBody({
      ...rendered,
      embeds: [{ ...embed, image: { url: `attachment://${name}` } }, ...others],
    }),
    attachments: [{ id: 0, filename: name, description: image.altText.slice(0, 1024) }],
  };
  try {
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body,
      files: [{ name, data: Buffer.from(image.png), contentType: 'image/png' }],
    })) as APIMessage;
    return message.id;
  } catch (error) {
    const mapped = toPublishError(error);
    throw new ImageRefusedError(mapped.message, { cause: mapped });
  }
}

export function createDiscordPublisher(rest: REST, log: Logger): ChannelPublisher {
  return {
    async post(channel, reply) {
      if (reply.image) return postWithImage(rest, channel.channelExternalId, reply, reply.image);
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
