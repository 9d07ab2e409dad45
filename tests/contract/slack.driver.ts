/**
 * Slack as a contract driver: the real Bolt app on our HTTP server, requests signed as Slack signs them, the
 * fake Web API on loopback recording posts, edits and every reply sent to a response_url.
 */
import { unescapeSlack } from '../../src/adapters/slack/slack.render.js';
import type { FakeSlackUser } from '../support/fake-slack.js';
import { blockText, buttonsOf, createSlackHarness, type Sent } from '../support/slack-harness.js';
import type { PlatformDriver, SeenButton, SeenReply } from './platform.driver.js';

const channelId = (name: string) => `C0${name.replace(/[^a-z0-9]/gi, '').toUpperCase()}`.slice(0, 11);

function seen(blocks: unknown, visibility: SeenReply['visibility'], messageRef?: string): SeenReply {
  // Slack formats mrkdwn and has no escape for *, _, ~ or backticks: every text must be plain_text.
  if (JSON.stringify(blocks).includes('"mrkdwn"')) throw new Error('a mrkdwn text object in a message');
  return {
    visibility,
    text: unescapeSlack(blockText(blocks)),
    buttons: buttonsOf(blocks).map(
      (b, i): SeenButton => ({
        label: b.label,
        actionId: b.value,
        index: i + 1,
        ...(messageRef ? { messageRef } : {}),
      }),
    ),
  };
}

export async function openSlackDriver(): Promise<PlatformDriver<FakeSlackUser>> {
  const h = await createSlackHarness();
  let users = 0;
  /** Sends one request and collects every reply Slack received at its response_url. */
  async function send(request: () => Promise<Sent>) {
    const sent = await request();
    const event = await h.handled(sent);
    const replies = h.fake
      .responsesTo(sent.responseUrl)
      .map((r) => seen(r.body.blocks, r.body.response_type === 'in_channel' ? 'channel' : 'only-user'));
    return { replies, codes: event.codes };
  }
  return {
    platform: 'slack',
    hasMembers: true,
    user(name, options = {}) {
      users += 1;
      return h.user({
        id: `U0${String(users).padStart(7, '0')}`,
        name: name.toLowerCase(),
        displayName: name,
        isAdmin: options.admin === true,
      });
    },
    command: (user, name, text, channel) =>
      send(() => h.command(user, `/${name}`, text, { channel: channelId(channel) })),
    explainText: (user, text, channel) => send(() => h.shortcut(user, text, { channel: channelId(channel) })),
    press: (user, button, channel) =>
      send(() =>
        h.click(user, button.actionId ?? '', {
          channel: channelId(channel),
          ...(button.messageRef ? { messageTs: button.messageRef } : {}),
        }),
      ),
    async fillForm(user, button, channel, values) {
      const press = await h.click(user, button.actionId ?? '', {
        channel: channelId(channel),
        ...(button.messageRef ? { messageTs: button.messageRef } : {}),
      });
      const opened = await h.fake.waitFor(
        () => h.fake.views.find((v) => v.triggerId === press.triggerId),
        'the modal of the pressed button',
      );
      const fields = (opened.view.blocks as { block_id?: string }[]).flatMap((b) =>
        b.block_id ? [b.block_id] : [],
      );
      const submitted = await send(async () => {
        const sent = await h.submitModal(user, opened, {
          reason: { selected: values.reason },
          text: { text: values.text },
        });
        await h.replies(sent.responseUrl);
        return sent;
      });
      return { opened: fields, submitted };
    },
    async channel(channel) {
      const messages = h.fake.messages.filter((m) => m.channel === channelId(channel));
      return {
        // A question reads as its latest edit (chat.update shows the answer once it is closed).
        questions: messages
          .filter((m) => m.threadTs === undefined)
          .map((m) => seen(m.updates.at(-1)?.blocks ?? m.blocks, 'channel', m.ts)),
        reveals: messages.filter((m) => m.threadTs !== undefined).map((m) => seen(m.blocks, 'channel', m.ts)),
        recaps: messages
          .filter((m) => m.text.startsWith('Weekly recap'))
          .map((m) => seen(m.blocks, 'channel', m.ts)),
        pictures: h.fake.files
          .filter((f) => f.completed && f.channel === channelId(channel))
          .map((f) => f.altText ?? ''),
      };
    },
    close: () => h.close(),
  };
}
