import type { Platform } from '../actor.js';
import { StudybotError } from '../errors.js';
import type { ChannelRow } from '../workspace/channels.port.js';
import type { WorkspaceRow } from '../workspace/members.port.js';
import type { ChannelAddress, ChannelPublisher, PublisherRegistry } from './publisher.port.js';

/** The publisher of `platform`; PUBLISHER_MISSING when this process does not serve that platform. */
export function publisherFor(registry: PublisherRegistry, platform: Platform): ChannelPublisher {
  const publisher = registry.get(platform);
  if (!publisher) throw new StudybotError('PUBLISHER_MISSING', [{ platform }]);
  return publisher;
}

/** Where a channel of a workspace lives, for its platform's publisher. */
export const addressOf = (workspace: WorkspaceRow, channel: ChannelRow): ChannelAddress => ({
  platform: workspace.platform,
  workspaceExternalId: workspace.externalId,
  channelExternalId: channel.externalId,
});
