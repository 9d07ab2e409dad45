import { eq } from 'drizzle-orm';
import type { InstallationsPort, SealedInstallation } from '../adapters/slack/installations.port.js';
import type { Db } from './client.js';
import { slackInstallations, slackOrgTeams } from './installations.schema.js';

/** Slack installations (sealed) and org teams, for multi-workspace mode. */
export function createInstallationsStore(db: Db): InstallationsPort {
  return {
    async save(row: SealedInstallation) {
      await db
        .insert(slackInstallations)
        .values(row)
        .onConflictDoUpdate({
          target: slackInstallations.key,
          set: {
            teamId: row.teamId,
            enterpriseId: row.enterpriseId,
            isEnterpriseInstall: row.isEnterpriseInstall,
            sealed: row.sealed,
            installedAt: row.installedAt,
          },
        });
    },
    async find(key) {
      const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.key, key));
      return row;
    },
    async remove(key) {
      const removed = await db
        .delete(slackInstallations)
        .where(eq(slackInstallations.key, key))
        .returning({ key: slackInstallations.key });
      return removed.length > 0;
    },
    async rememberOrgTeam(teamId, enterpriseId, at) {
      await db
        .insert(slackOrgTeams)
        .values({ teamId, enterpriseId, seenAt: at })
        .onConflictDoUpdate({ target: slackOrgTeams.teamId, set: { enterpriseId, seenAt: at } });
    },
    async orgOfTeam(teamId) {
      const [row] = await db.select().from(slackOrgTeams).where(eq(slackOrgTeams.teamId, teamId));
      return row?.enterpriseId;
    },
    async teamsOfOrg(enterpriseId) {
      const rows = await db
        .select({ teamId: slackOrgTeams.teamId })
        .from(slackOrgTeams)
        .where(eq(slackOrgTeams.enterpriseId, enterpriseId));
      return rows.map((r) => r.teamId).sort();
    },
  };
}
