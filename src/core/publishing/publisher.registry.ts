import type { Platform } from '../actor.js';
import type { ChannelPublisher, PublisherRegistry } from './publisher.port.js';

/**
 * The registry the app fills as adapters start: `register` runs each publisher through `decorate` (metrics
 * count posts on their way out), so every registered publisher is observed the same way.
 */
export function createPublisherRegistry(
  decorate: (platform: Platform, publisher: ChannelPublisher) => ChannelPublisher = (_, p) => p,
): PublisherRegistry & { register(platform: Platform, publisher: ChannelPublisher): void } {
  const publishers = new Map<Platform, ChannelPublisher>();
  return {
    get: (platform) => publishers.get(platform),
    register(platform, publisher) {
      publishers.set(platform, decorate(platform, publisher));
    },
  };
}
