/** Percentile of a sorted list of samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/** Times `fn` once per input and returns the sorted latencies in milliseconds. */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown): number[] {
  const out: number[] = [];
  for (const input of inputs) {
    const t0 = performance.now();
    fn(input);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}
