import { sql } from 'drizzle-orm';
import type { Platform } from '../core/actor.js';
import type { DeliveriesPort } from '../core/inbound/deliveries.port.js';
import type { Database } from './client.js';

/**
 * Accepted deliveries in PostgreSQL (instants travel as ISO text: postgres.js does not serialise a Date in a
 * raw prepared statement): one prepared statement per inbound event. The insert wins once per
 * (platform, delivery id); a row whose memory expired is taken over by the same statement.
 */
/** Runs once per inbound event, so its text is written out once rather than built per call. */
const REMEMBER_SQL = `insert into deliveries (platform, delivery_id, expires_at)
  values ($1, $2, $3::timestamptz)
  on conflict (platform, delivery_id) do update set expires_at = excluded.expires_at
    where deliveries.expires_at <= $4::timestamptz
  returning 1 as ok`;

export function createDeliveriesStore(database: Database): DeliveriesPort {
  return {
    async remember(platform: Platform, deliveryId: string, now: Date, expiresAt: Date) {
      const rows = await database.queryText<{ ok: number }>(REMEMBER_SQL, [
        platform,
        deliveryId,
        expiresAt.toISOString(),
        now.toISOString(),
      ]);
      return rows.length === 1;
    },
    async forgetExpired(now: Date) {
      const rows = await database.query<{ ok: number }>(
        sql`delete from deliveries where expires_at <= ${now.toISOString()}::timestamptz returning 1 as ok`,
      );
      return rows.length;
    },
  };
}
