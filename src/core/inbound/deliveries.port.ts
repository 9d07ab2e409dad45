/**
 * Inbound deliveries already accepted, remembered briefly in the database so that a redelivered command or
 * click (the same Slack trigger_id, the same Discord interaction id) is acted on once, across replicas.
 */
import type { Platform } from '../actor.js';

/** How long an accepted delivery is remembered: longer than any platform or proxy redelivers. */
export const DELIVERY_MEMORY_MS = 15 * 60_000;

/** One inbound delivery to remember until `expiresAt` (the same rule as DeliveriesPort.remember). */
export interface Delivery {
  platform: Platform;
  id: string;
  expiresAt: Date;
}

export interface DeliveriesPort {
  /**
   * Remembers `deliveryId` until `expiresAt`. True the first time (act on it), false while it is remembered
   * (a redelivery: acknowledge it and do nothing). An expired memory counts as new.
   */
  remember(platform: Platform, deliveryId: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Forgets every delivery that expired at or before `now`; how many were forgotten. */
  forgetExpired(now: Date): Promise<number>;
}
