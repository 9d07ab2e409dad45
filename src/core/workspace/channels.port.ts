/** Channels a workspace runs studybot in: the deck each walks and its position in it. */
import type { WorkspaceRow } from './members.port.js';

export interface ChannelRow {
  id: number;
  workspaceId: number;
  externalId: string;
  deckId: string;
  /** Which pass through the deck the channel is on (a new shuffled order each pass). */
  cycle: number;
  /** The sequence number of the channel's latest live post: streaks count consecutive numbers. */
  postSeq: number;
  /** Daily questions picked by the team's lowest predicted recall (set up with `adaptive`). */
  adaptive: boolean;
  /** Weekly recap day (`mon`…`sun`), `off`, or null when never set (off). */
  recapDay: string | null;
}

export interface ChannelsPort {
  /** Finds or creates the channel; a new one walks `deckId`. */
  ensureChannel(workspaceId: number, externalId: string, deckId: string): Promise<ChannelRow>;
  findChannel(workspaceId: number, externalId: string): Promise<ChannelRow | undefined>;
  /** Turns adaptive daily questions on or off. */
  setAdaptive(channelId: number, adaptive: boolean): Promise<void>;
  /** Sets the weekly recap day (`mon`…`sun`) or turns it `off`. */
  setRecapDay(channelId: number, day: string): Promise<void>;
  /**
   * Switches the deck a channel walks (its boards, scores and streaks stay): it starts the new deck's first
   * pass (cycle 0), where questions of that deck already posted here in cycle 0 still count as used.
   */
  setChannelDeck(channelId: number, deckId: string): Promise<ChannelRow>;
  /** A channel with its workspace, to address posts to the right platform. */
  channelContext(channelId: number): Promise<{ channel: ChannelRow; workspace: WorkspaceRow } | undefined>;
}
