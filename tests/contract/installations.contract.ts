/**
 * What every InstallationsPort must do (Slack multi-workspace mode), run against the SQL store
 * (tests/integration/installations.db.test.ts) and the in-memory twin (tests/unit/adapters/installations.memory.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { InstallationsPort, SealedInstallation } from '../../src/adapters/slack/installations.port.js';

const T0 = new Date('2026-11-23T09:00:00Z');
const row = (key: string, sealed: string, extra: Partial<SealedInstallation> = {}): SealedInstallation => ({
  key,
  teamId: key.startsWith('T:') ? key.slice(2) : null,
  enterpriseId: key.startsWith('E:') ? key.slice(2) : null,
  isEnterpriseInstall: key.startsWith('E:'),
  sealed,
  installedAt: T0,
  ...extra,
});

export function installationsContract(
  kind: string,
  open: () => Promise<{ port: InstallationsPort; close(): Promise<void> }>,
) {
  describe(`installations port (${kind})`, () => {
    it('stores, replaces on reinstall, finds by key and removes once', async () => {
      const { port, close } = await open();
      try {
        expect(await port.find('T:T1')).toBeUndefined();
        await port.save(row('T:T1', 'v1.first'));
        await port.save(row('T:T2', 'v1.other'));
        await port.save(row('T:T1', 'v1.second', { installedAt: new Date(T0.getTime() + 1000) }));
        expect(await port.find('T:T1')).toEqual(
          row('T:T1', 'v1.second', { installedAt: new Date(T0.getTime() + 1000) }),
        );
        expect(await port.remove('T:T1')).toBe(true);
        expect(await port.remove('T:T1')).toBe(false);
        expect(await port.find('T:T1')).toBeUndefined();
        expect((await port.find('T:T2'))?.sealed).toBe('v1.other');
      } finally {
        await close();
      }
    });

    it('remembers which org a team was seen under', async () => {
      const { port, close } = await open();
      try {
        await port.save(row('E:E1', 'v1.org'));
        expect(await port.orgOfTeam('T9')).toBeUndefined();
        await port.rememberOrgTeam('T9', 'E1', T0);
        await port.rememberOrgTeam('T9', 'E1', T0);
        await port.rememberOrgTeam('T8', 'E1', T0);
        await port.rememberOrgTeam('T7', 'E2', T0);
        expect(await port.orgOfTeam('T9')).toBe('E1');
        expect(await port.teamsOfOrg('E1')).toEqual(['T8', 'T9']);
        expect(await port.teamsOfOrg('E3')).toEqual([]);
      } finally {
        await close();
      }
    });
  });
}
