/** Workspaces (a Slack team, a Discord guild, the console) and their members. */
import type { Actor, Platform } from '../actor.js';

export interface WorkspaceRow {
  id: number;
  platform: Platform;
  externalId: string;
  /** IANA zone of the team: weekly and monthly boards turn over at its midnight. */
  timezone: string;
}

export interface MemberRow {
  id: number;
  workspaceId: number;
  externalId: string;
  displayName: string;
  leaderboardOptOut: boolean;
}

export interface MembersPort {
  /** Finds or creates the actor's workspace (in `defaultTimezone`) and member, keeping the display name current. */
  ensureMember(
    actor: Actor,
    defaultTimezone: string,
  ): Promise<{ workspace: WorkspaceRow; member: MemberRow }>;
  getWorkspace(workspaceId: number): Promise<WorkspaceRow | undefined>;
  setWorkspaceTimezone(workspaceId: number, timezone: string): Promise<void>;
  /** Hides (or shows) the member on every leaderboard, including rows answers in flight are writing. */
  setOptOut(memberId: number, optOut: boolean): Promise<void>;
}
