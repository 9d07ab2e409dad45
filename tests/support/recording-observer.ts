import type { HandledEvent, InboundObserver } from '../../src/adapters/inbound.pipeline.js';

/**
 * What the inbound pipeline reported for each event, so tests assert a refusal by its stable code rather than
 * its wording. Production wires the metrics observer in the same place.
 */
export function createRecordingObserver(): InboundObserver & {
  events: HandledEvent[];
  /** Every refusal code reported so far, in order. */
  codes(): string[];
  /**
   * The event of one delivery (Slack trigger_id, Discord interaction id), once it has been handled: events
   * finish after their acknowledgement, and after their replies are sent.
   */
  eventFor(deliveryId: string): Promise<HandledEvent>;
  /** The first `n` events reported for one delivery id (a redelivery reports a second one). */
  eventsFor(deliveryId: string, n: number): Promise<HandledEvent[]>;
} {
  const events: HandledEvent[] = [];
  return {
    events,
    handled(event) {
      events.push(event);
    },
    codes: () => events.flatMap((e) => e.codes),
    async eventFor(deliveryId) {
      for (let i = 0; i < 800; i++) {
        const event = events.find((e) => e.deliveryId === deliveryId);
        if (event) return event;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`delivery ${deliveryId} was never handled`);
    },
    async eventsFor(deliveryId, n) {
      for (let i = 0; i < 800; i++) {
        const found = events.filter((e) => e.deliveryId === deliveryId);
        if (found.length >= n) return found.slice(0, n);
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`delivery ${deliveryId} was not handled ${n} times`);
    },
  };
}
