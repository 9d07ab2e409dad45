/**
 * Work an adapter has accepted and not finished (a command being answered, a click being recorded).
 * On shutdown the adapter stops accepting, then waits here so acknowledged work is committed and answered.
 */
export function createInFlight() {
  const pending = new Set<Promise<unknown>>();
  return {
    /** Runs `work` and keeps it pending until it settles. */
    track<T>(work: Promise<T>): Promise<T> {
      pending.add(work);
      const forget = () => pending.delete(work);
      work.then(forget, forget);
      return work;
    },
    get size(): number {
      return pending.size;
    },
    /** Waits for everything pending, at most `timeoutMs`; true when all of it settled. */
    async drain(timeoutMs: number): Promise<boolean> {
      if (pending.size === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      const settled = await Promise.race([
        Promise.allSettled([...pending]).then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      return settled;
    },
  };
}

/** How long a stopping adapter waits for accepted work before it gives up on it. */
export const DRAIN_TIMEOUT_MS = 10_000;
