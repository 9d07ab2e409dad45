/**
 * Multi-workspace mode's installation store: Bolt's `InstallationStore` (@slack/oauth) over our
 * `InstallationsPort`, each installation sealed with AES-256-GCM before it reaches the database (tokens are
 * never stored in the clear), plus the token lookups the adapter needs outside Bolt's own `authorize`:
 * the bot token of a team for scheduled posts and users.info, and which teams an uninstall affects.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { open, seal } from './installation.crypto.js';
import { type InstallationsPort, installationKey } from './installations.port.js';

/** Where the app's token for a team comes from: the one configured token, or the team's installation. */
export interface SlackTokens {
  /** The bot token that answers in `teamId` (its own install, or its org's); undefined when none. */
  botTokenFor(teamId: string): Promise<string | undefined>;
}

export interface SlackInstallations extends InstallationStore, SlackTokens {
  /**
   * Deletes the installation an uninstall or revocation names (idempotent) and returns the teams it
   * served: the team, or every team seen under an org-wide install.
   */
  remove(query: {
    teamId?: string | undefined;
    enterpriseId?: string | undefined;
    isEnterpriseInstall: boolean;
  }): Promise<string[]>;
}

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

export function createSlackInstallations(options: {
  port: InstallationsPort;
  key: Buffer;
  logger: Logger;
  /** Told the teams of each new or renewed installation (to resume what an uninstall paused). */
  onInstalled?: (teamIds: string[]) => Promise<void>;
  now?: () => Date;
}): SlackInstallations {
  const { port, key } = options;
  const now = options.now ?? (() => new Date());
  const log = options.logger.child({ module: 'slack', component: 'installations' });
  /** Org teams this process has recorded already: one write per team, not per event. */
  const knownOrgTeams = new Set<string>();

  async function load(storeKey: string): Promise<AnyInstallation | undefined> {
    const row = await port.find(storeKey);
    return row ? (JSON.parse(open(key, storeKey, row.sealed)) as AnyInstallation) : undefined;
  }

  const teamsServed = async (q: {
    isEnterpriseInstall: boolean;
    enterpriseId?: string | undefined;
    teamId?: string | undefined;
  }) =>
    q.isEnterpriseInstall && q.enterpriseId ? port.teamsOfOrg(q.enterpriseId) : q.teamId ? [q.teamId] : [];

  return {
    async storeInstallation(installation) {
      const isEnterpriseInstall = Boolean(installation.isEnterpriseInstall);
      const query = {
        isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      };
      const storeKey = installationKey(query);
      if (!storeKey) throw new Error('an installation without a team or enterprise id cannot be stored');
      await port.save({
        key: storeKey,
        teamId: query.teamId ?? null,
        enterpriseId: query.enterpriseId ?? null,
        isEnterpriseInstall,
        sealed: seal(key, storeKey, JSON.stringify(installation)),
        installedAt: now(),
      });
      log.info({ key: storeKey }, 'Slack installation stored');
      await options.onInstalled?.(await teamsServed(query));
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const storeKey = installationKey(query);
      const found = storeKey === undefined ? undefined : await load(storeKey);
      if (!found) throw new Error(`no installation for ${storeKey ?? 'an event without a team'}`);
      if (
        query.isEnterpriseInstall &&
        query.enterpriseId &&
        query.teamId &&
        !knownOrgTeams.has(query.teamId)
      ) {
        await port.rememberOrgTeam(query.teamId, query.enterpriseId, now());
        knownOrgTeams.add(query.teamId);
      }
      return found;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const storeKey = installationKey(query);
      if (storeKey) await port.remove(storeKey);
    },

    async remove(query) {
      const teams = await teamsServed(query);
      const storeKey = installationKey(query);
      const removed = storeKey ? await port.remove(storeKey) : false;
      log.info({ key: storeKey, removed, teams: teams.length }, 'Slack installation removed');
      return teams;
    },

    async botTokenFor(teamId) {
      const own = await load(`T:${teamId}`);
      if (own?.bot?.token) return own.bot.token;
      const org = await port.orgOfTeam(teamId);
      return org ? (await load(`E:${org}`))?.bot?.token : undefined;
    },
  };
}
