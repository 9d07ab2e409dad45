import type { Logger } from '../logger.js';

/** Something started that must be stopped on shutdown, in reverse order of starting. */
export interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

/** What was started, so shutdown stops it in reverse order; a failing stop is logged and the rest go on. */
export function createLifecycle(logger: Logger) {
  const started: Stoppable[] = [];
  return {
    add(name: string, stop: () => Promise<void>): void {
      started.push({ name, stop });
    },
    async stop(): Promise<void> {
      for (const s of started.splice(0).reverse()) {
        await s.stop().catch((err: unknown) => logger.error({ err, component: s.name }, 'stopping failed'));
      }
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
