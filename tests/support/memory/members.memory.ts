import { cleanDisplayName } from '../../../src/core/user-text.js';
import type { MembersPort } from '../../../src/core/workspace/members.port.js';
import { copy, type MemoryTables } from './memory.tables.js';

/** Workspaces and members in memory: the same rules as src/db/members.store.ts (names kept on one line). */
export function createMemoryMembers(t: MemoryTables): MembersPort {
  return {
    async ensureMember(actor, defaultTimezone) {
      let workspace = t.workspaces.find(
        (w) => w.platform === actor.platform && w.externalId === actor.workspaceId,
      );
      if (!workspace) {
        workspace = {
          id: t.nextId('workspaces'),
          platform: actor.platform,
          externalId: actor.workspaceId,
          name: actor.workspaceName ?? null,
          timezone: defaultTimezone,
        };
        t.workspaces.push(workspace);
      }
      const displayName = cleanDisplayName(actor.userName);
      let member = t.members.find((m) => m.workspaceId === workspace.id && m.externalId === actor.userId);
      if (!member) {
        member = {
          id: t.nextId('members'),
          workspaceId: workspace.id,
          externalId: actor.userId,
          displayName,
          leaderboardOptOut: false,
        };
        t.members.push(member);
      } else if (!actor.userNameProvisional) member.displayName = displayName;
      const { name: _name, ...row } = workspace;
      return { workspace: row, member: copy(member) };
    },
    async getWorkspace(workspaceId) {
      const found = t.workspaces.find((w) => w.id === workspaceId);
      if (!found) return undefined;
      const { name: _name, ...row } = found;
      return row;
    },
    async setWorkspaceTimezone(workspaceId, timezone) {
      for (const w of t.workspaces) if (w.id === workspaceId) w.timezone = timezone;
    },
    async setOptOut(memberId, optOut) {
      for (const m of t.members) if (m.id === memberId) m.leaderboardOptOut = optOut;
      for (const s of t.scores) if (s.memberId === memberId) s.hidden = optOut;
    },
  };
}
