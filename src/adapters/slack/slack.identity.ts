/**
 * Who a Slack user is, as far as studybot cares: the name boards show and whether they administer the
 * workspace. Both come from `users.info`, cached per (team, user) for a few minutes so a busy channel does
 * not call Slack for every click; concurrent lookups of one user share one call. The cache is a per-process
 * convenience, never shared state: each replica fills its own.
 */

export interface SlackIdentity {
  displayName: string;
  /** Workspace admin, owner or primary owner: allowed to run /studybot. */
  isAdmin: boolean;
}

/** The part of a `users.info` answer we read. */
export interface SlackUserInfo {
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

/** users.info for a user of a team (the team picks the token in multi-workspace mode). */
export type UsersInfo = (userId: string, teamId: string) => Promise<SlackUserInfo | undefined>;

export interface IdentityCache {
  /** The user's identity from Slack (or the cache while fresh); rejects when Slack cannot tell us. */
  lookup(teamId: string, userId: string): Promise<SlackIdentity>;
  /**
   * What is known already, without calling Slack: the last identity looked up (fresh or not), or
   * undefined. A missing entry, or one older than a day, is looked up in the background (at most once a
   * day per user, never on the caller's path); `learned` hears the answer.
   */
  peek(
    teamId: string,
    userId: string,
    learned?: (identity: SlackIdentity) => void,
  ): { identity: SlackIdentity; fresh: boolean } | undefined;
}

/** How long a looked-up identity counts as fresh for a role check (admin commands). */
export const IDENTITY_TTL_MS = 5 * 60_000;
/** How often a known member's name is looked up again in the background: names change rarely. */
export const NAME_REFRESH_MS = 24 * 3_600_000;
const MAX_ENTRIES = 10_000;

export function identityOf(user: SlackUserInfo, fallbackName: string): SlackIdentity {
  const candidates = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name];
  const displayName =
    candidates.map((c) => c?.trim()).find((c) => c !== undefined && c !== '') ?? fallbackName;
  return {
    displayName,
    isAdmin: !user.deleted && Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
  };
}

export function createIdentityCache(options: {
  usersInfo: UsersInfo;
  ttlMs?: number;
  refreshMs?: number;
  now?: () => number;
}): IdentityCache {
  const ttl = options.ttlMs ?? IDENTITY_TTL_MS;
  const refreshMs = options.refreshMs ?? NAME_REFRESH_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { identity: Promise<SlackIdentity>; at: number; value?: SlackIdentity }>();
  // The last identity seen per user, kept past the TTL so a click never waits for Slack to learn a name.
  const known = new Map<string, SlackIdentity>();

  const cache: IdentityCache = {
    peek(teamId, userId, learned) {
      const key = `${teamId}:${userId}`;
      const entry = entries.get(key);
      const age = entry === undefined ? Number.POSITIVE_INFINITY : now() - entry.at;
      const fresh = entry?.value !== undefined && age < ttl;
      const inFlight = entry !== undefined && entry.value === undefined;
      if (!inFlight && age >= refreshMs) {
        // Never seen by this process, or a day old: ask Slack in the background, for whoever comes next.
        cache.lookup(teamId, userId).then(learned, () => undefined);
      }
      const identity = known.get(key);
      return identity ? { identity, fresh } : undefined;
    },
    lookup(teamId, userId) {
      const key = `${teamId}:${userId}`;
      const cached = entries.get(key);
      if (cached && now() - cached.at < ttl) return cached.identity;
      const identity = options.usersInfo(userId, teamId).then((user) => {
        if (!user) throw new Error(`users.info returned no user for ${userId}`);
        const found = identityOf(user, userId);
        const entry = entries.get(key);
        if (entry?.identity === identity) entry.value = found;
        if (known.size >= MAX_ENTRIES && !known.has(key)) {
          const oldest = known.keys().next().value;
          if (oldest !== undefined) known.delete(oldest);
        }
        known.set(key, found);
        return found;
      });
      // A failed lookup is forgotten at once, so the next event asks Slack again.
      identity.catch(() => {
        if (entries.get(key)?.identity === identity) entries.delete(key);
      });
      if (entries.size >= MAX_ENTRIES) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.delete(key);
      entries.set(key, { identity, at: now() });
      return identity;
    },
  };
  return cache;
}
