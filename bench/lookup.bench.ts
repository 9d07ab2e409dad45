/** `/explain` term lookups alone (no reply rendering): p50/p99 over exact, folded, full-text and typo queries. */
import { fileURLToPath } from 'node:url';
import type { TermIndex } from '../src/core/explain/term.index.js';
import { percentile, round, timeEach } from './stats.js';

/** Times `index.lookup` over every name and alias, question forms, vendor prefixes, typos and nonsense. */
export function benchLookup(index: TermIndex, keys: string[], rounds = 20): Record<string, number> {
  const inputs = [
    ...keys,
    ...keys.map((k) => `what is ${k}`),
    ...keys.map((k) => `amazon ${k}`),
    ...keys.map((k) => (k.length > 3 ? `${k.slice(0, -2)}${k.slice(-1)}${k.slice(-2, -1)}` : `${k}q`)),
    'cryptocurrency mining',
    'graph analytics',
    'zzqqxx',
    'x'.repeat(150),
  ];
  const all = Array.from({ length: rounds }, () => inputs).flat();
  timeEach(all.slice(0, 500), (q) => index.lookup(q));
  const samples = timeEach(all, (q) => index.lookup(q));
  return {
    lookup_p50_ms: round(percentile(samples, 50)),
    lookup_p99_ms: round(percentile(samples, 99)),
    lookup_samples: samples.length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadCatalog } = await import('../src/core/content/catalog.js');
  const catalog = await loadCatalog(process.env.CONTENT_DIR ?? 'content/');
  const keys = catalog.decks.flatMap((d) => d.terms.flatMap((t) => [t.id, t.term, ...t.aliases]));
  const { createTermIndex } = await import('../src/core/explain/term.index.js');
  console.log(JSON.stringify(benchLookup(createTermIndex(catalog.decks), keys)));
}
