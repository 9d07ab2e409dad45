import { describe, expect, it } from 'vitest';
import {
  createIdentityCache,
  IDENTITY_TTL_MS,
  identityOf,
  NAME_REFRESH_MS,
} from '../../../src/adapters/slack/slack.identity.js';

describe('who a Slack user is', () => {
  it('takes the display name, then the real name, then the handle', () => {
    const full = { name: 'ada', real_name: 'Ada L', profile: { display_name: 'Ada', real_name: 'Ada L' } };
    expect(identityOf(full, 'U1').displayName).toBe('Ada');
    expect(
      identityOf({ name: 'ada', profile: { display_name: ' ', real_name: 'Ada Lovelace' } }, 'U1')
        .displayName,
    ).toBe('Ada Lovelace');
    expect(identityOf({ name: 'ada', real_name: 'Ada R' }, 'U1').displayName).toBe('Ada R');
    expect(identityOf({ name: 'ada' }, 'U1').displayName).toBe('ada');
    expect(identityOf({}, 'U1').displayName).toBe('U1');
  });

  it('counts admins, owners and primary owners as admins, and nobody deleted', () => {
    expect(identityOf({ is_admin: true }, 'U').isAdmin).toBe(true);
    expect(identityOf({ is_owner: true }, 'U').isAdmin).toBe(true);
    expect(identityOf({ is_primary_owner: true }, 'U').isAdmin).toBe(true);
    expect(identityOf({}, 'U').isAdmin).toBe(false);
    expect(identityOf({ is_admin: true, deleted: true }, 'U').isAdmin).toBe(false);
  });

  it('asks Slack once for concurrent lookups, again after the cache expires, and again after a failure', async () => {
    let now = 1_000_000;
    const asked: string[] = [];
    let fail = false;
    const cache = createIdentityCache({
      now: () => now,
      usersInfo: async (user) => {
        asked.push(user);
        if (fail) throw new Error('ratelimited');
        return { name: user, is_admin: asked.length > 1, profile: { display_name: `Name ${asked.length}` } };
      },
    });
    const [a, b] = await Promise.all([cache.lookup('T1', 'U1'), cache.lookup('T1', 'U1')]);
    expect(a).toEqual({ displayName: 'Name 1', isAdmin: false });
    expect(b).toEqual(a);
    expect(asked).toEqual(['U1']);

    // A demoted or promoted admin is seen within the cache's lifetime of a few minutes.
    now += IDENTITY_TTL_MS + 1;
    expect(await cache.lookup('T1', 'U1')).toEqual({ displayName: 'Name 2', isAdmin: true });
    // Another workspace's user with the same id is somebody else.
    await cache.lookup('T2', 'U1');
    expect(asked).toHaveLength(3);

    now += IDENTITY_TTL_MS + 1;
    fail = true;
    await expect(cache.lookup('T1', 'U1')).rejects.toThrow('ratelimited');
    fail = false;
    expect((await cache.lookup('T1', 'U1')).displayName).toBe('Name 5');
  });

  it('answers from what it knows without waiting, and refreshes a stale entry in the background', async () => {
    let now = 1_000_000;
    let calls = 0;
    let release: (() => void) | undefined;
    const cache = createIdentityCache({
      now: () => now,
      usersInfo: async () => {
        calls++;
        if (calls === 2) await new Promise<void>((resolve) => (release = resolve));
        return { name: 'ada', profile: { display_name: `Ada ${calls}` } };
      },
    });
    // Never seen: nothing known, and a lookup starts for next time.
    expect(cache.peek('T1', 'U1')).toBeUndefined();
    await cache.lookup('T1', 'U1');
    expect(calls).toBe(1);
    expect(cache.peek('T1', 'U1')).toEqual({
      identity: { displayName: 'Ada 1', isAdmin: false },
      fresh: true,
    });
    // Past the role TTL: the old name at once, and no users.info for a name (a daily click stays local).
    now += IDENTITY_TTL_MS + 1;
    expect(cache.peek('T1', 'U1')).toEqual({
      identity: { displayName: 'Ada 1', isAdmin: false },
      fresh: false,
    });
    expect(calls).toBe(1);
    // A day later: the old name at once (Slack is slow to answer this time), a refresh under way, once.
    now += NAME_REFRESH_MS;
    const learned: string[] = [];
    expect(cache.peek('T1', 'U1', (identity) => learned.push(identity.displayName))).toEqual({
      identity: { displayName: 'Ada 1', isAdmin: false },
      fresh: false,
    });
    expect(cache.peek('T1', 'U1')?.identity.displayName).toBe('Ada 1');
    expect(calls).toBe(2);
    release?.();
    await cache.lookup('T1', 'U1');
    expect(cache.peek('T1', 'U1')?.identity.displayName).toBe('Ada 2');
    expect(learned).toEqual(['Ada 2']);
  });
});
