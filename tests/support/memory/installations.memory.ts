import type {
  InstallationsPort,
  SealedInstallation,
} from '../../../src/adapters/slack/installations.port.js';

/** Slack installations and org teams in memory, for rule tests; the contract holds it to the SQL store. */
export function createMemoryInstallations(): InstallationsPort {
  const rows = new Map<string, SealedInstallation>();
  const orgTeams = new Map<string, string>();
  return {
    async save(row) {
      rows.set(row.key, { ...row });
    },
    async find(key) {
      const row = rows.get(key);
      return row && { ...row };
    },
    async remove(key) {
      return rows.delete(key);
    },
    async rememberOrgTeam(teamId, enterpriseId) {
      orgTeams.set(teamId, enterpriseId);
    },
    async orgOfTeam(teamId) {
      return orgTeams.get(teamId);
    },
    async teamsOfOrg(enterpriseId) {
      return [...orgTeams]
        .filter(([, e]) => e === enterpriseId)
        .map(([t]) => t)
        .sort();
    },
  };
}
