import { boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Slack installations of multi-workspace mode (re-exported by schema.ts, which drizzle-kit reads). One row
 * per installation: `T:<team id>` for a workspace install, `E:<enterprise id>` for an org-wide (Enterprise
 * Grid) install. The installation itself (tokens included) is only ever stored encrypted (AES-256-GCM,
 * src/adapters/slack/installation.crypto.ts); team and enterprise ids stay readable to find and delete it.
 */
export const slackInstallations = pgTable(
  'slack_installations',
  {
    key: text('key').primaryKey(),
    teamId: text('team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: boolean('is_enterprise_install').notNull().default(false),
    /** `v1.<iv>.<tag>.<ciphertext>`, base64url: the installation as JSON, encrypted. */
    sealed: text('sealed').notNull(),
    installedAt: timestamp('installed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('slack_installations_enterprise_idx').on(t.enterpriseId)],
);

/**
 * Workspaces seen under an org-wide install (team → enterprise), learned from events, so a scheduled post
 * to a team of the org finds the org's token.
 */
export const slackOrgTeams = pgTable('slack_org_teams', {
  teamId: text('team_id').primaryKey(),
  enterpriseId: text('enterprise_id').notNull(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});
