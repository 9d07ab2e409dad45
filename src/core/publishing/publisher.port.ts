/** Posting to channels: each adapter implements ChannelPublisher; the core finds it by platform. */
import type { Platform } from '../actor.js';
import type { Reply } from '../replies.js';

/** Where a channel lives on its platform. */
export interface ChannelAddress {
  platform: Platform;
  workspaceExternalId: string;
  channelExternalId: string;
}

/**
 * Why a platform refused a post; the scheduler retries, backs off or pauses on these. `message` is safe to
 * show an admin and names what fixes it where the platform says ("invite the bot with /invite @studybot").
 */
export class PublishError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'rate-limited' | 'transient',
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PublishError';
  }
}

/**
 * The platform would not take a post's picture (a missing scope or permission, an upload that failed):
 * thrown before anything of the post was sent, so the core can post it again with the text fallback.
 */
export class ImageRefusedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageRefusedError';
  }
}

/** Posting to channels, implemented by each adapter. */
export interface ChannelPublisher {
  /**
   * Posts a message to the channel and returns the platform's reference to it. A reply with an `image` is
   * posted with the picture; when the platform refuses the picture, throws ImageRefusedError having posted
   * nothing.
   */
  post(channel: ChannelAddress, reply: Reply): Promise<string>;
  /** Replaces the posted question (buttons gone, answer shown) and replies under it with the reveal. */
  reveal(channel: ChannelAddress, messageRef: string, updated: Reply, reveal: Reply): Promise<void>;
}

/** The publishers of the platforms this process serves, looked up by platform. */
export interface PublisherRegistry {
  get(platform: Platform): ChannelPublisher | undefined;
}
