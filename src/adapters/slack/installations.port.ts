/**
 * Where multi-workspace mode keeps Slack installations: opaque sealed (encrypted) records, found by key
 * (`T:<team>` or `E:<enterprise>`), plus the teams seen under an org-wide install. The SQL store is
 * src/db/installations.store.ts; the in-memory twin tests/support/memory/installations.memory.ts.
 */
export interface SealedInstallation {
  /** `T:<team id>` for a workspace install, `E:<enterprise id>` for an org-wide one. */
  key: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  /** The installation as encrypted text; the store never sees a token in the clear. */
  sealed: string;
  installedAt: Date;
}

export interface InstallationsPort {
  /** Creates or replaces the installation under its key (a reinstall replaces the tokens). */
  save(installation: SealedInstallation): Promise<void>;
  find(key: string): Promise<SealedInstallation | undefined>;
  /** Deletes it; false when there was none (uninstall events may arrive twice, in any order). */
  remove(key: string): Promise<boolean>;
  /** Records that `teamId` belongs to the org `enterpriseId` (idempotent). */
  rememberOrgTeam(teamId: string, enterpriseId: string, at: Date): Promise<void>;
  /** The org a team was seen under, if any. */
  orgOfTeam(teamId: string): Promise<string | undefined>;
  /** The teams seen under an org. */
  teamsOfOrg(enterpriseId: string): Promise<string[]>;
}

/** The key an installation is stored under. */
export const installationKey = (q: {
  isEnterpriseInstall: boolean;
  enterpriseId?: string | null | undefined;
  teamId?: string | null | undefined;
}): string | undefined =>
  q.isEnterpriseInstall
    ? q.enterpriseId
      ? `E:${q.enterpriseId}`
      : undefined
    : q.teamId
      ? `T:${q.teamId}`
      : undefined;
