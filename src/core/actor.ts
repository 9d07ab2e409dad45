/** Who did something, where: everything the core needs to know about a platform event. */
export type Platform = 'slack' | 'discord' | 'console';

/** How each platform is named to users ("Slack asked me to slow down"). */
export const PLATFORM_NAMES: Record<Platform, string> = {
  slack: 'Slack',
  discord: 'Discord',
  console: 'The console',
};

export interface Actor {
  platform: Platform;
  /** Slack team id, Discord guild id, or the console's fixed workspace. */
  workspaceId: string;
  workspaceName?: string;
  /** Channel the event came from (Slack channel id, Discord channel id, console channel). */
  channelId: string;
  userId: string;
  userName: string;
  /**
   * The platform has not told us the display name yet (the adapter used a stand-in, such as the user's
   * handle, so a click need not wait for it): keep a member's stored name, use this one only for a new member.
   */
  userNameProvisional?: boolean;
  /** Decided by the adapter from the platform's own roles (Slack admins/owners, Discord Manage Server). */
  isAdmin: boolean;
  /**
   * Somewhere studybot has no workspace: a Discord user install used in a DM or in a server the bot has not
   * joined. Only commands marked `anywhere` in the registry run, and nothing is stored.
   */
  lookupOnly?: boolean;
}
