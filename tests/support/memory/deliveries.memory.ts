import type { DeliveriesPort } from '../../../src/core/inbound/deliveries.port.js';

/** Accepted deliveries in memory: the same rules as src/db/deliveries.store.ts. */
export function createMemoryDeliveries(): DeliveriesPort {
  const remembered = new Map<string, Date>();
  return {
    async remember(platform, deliveryId, now, expiresAt) {
      const key = `${platform}|${deliveryId}`;
      const until = remembered.get(key);
      if (until && until > now) return false;
      remembered.set(key, expiresAt);
      return true;
    },
    async forgetExpired(now) {
      let n = 0;
      for (const [key, until] of remembered) {
        if (until <= now) {
          remembered.delete(key);
          n++;
        }
      }
      return n;
    },
  };
}
