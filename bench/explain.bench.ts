import type { Catalog } from '../src/core/content/catalog.js';
import { explainCommand } from '../src/core/explain/explain.command.js';
import { createGlossary } from '../src/core/explain/glossary.js';
import { percentile, round, timeEach } from './stats.js';

/** `/explain` over every key of every term, plus typos and nonsense that go through the fuzzy search. */
export function benchExplain(
  catalog: Catalog,
  rounds = 20,
): { explain_p50_ms: number; explain_p99_ms: number; lookups: number } {
  const keys = catalog.decks.flatMap((d) => d.terms.flatMap((t) => [t.id, t.term, ...t.aliases]));
  const typos = keys.map((k) =>
    k.length > 3 ? `${k.slice(0, -2)}${k.slice(-1)}${k.slice(-2, -1)}x` : `${k}q`,
  );
  const nonsense = ['zzqqxx', 'completely unrelated words here', 'kubernetes', 'x'.repeat(150)];
  const inputs = Array.from({ length: rounds }, () => [...keys, ...typos, ...nonsense]).flat();
  const glossary = createGlossary(catalog);
  timeEach(inputs.slice(0, 200), (q) => explainCommand(q, glossary)); // warm-up
  const samples = timeEach(inputs, (q) => explainCommand(q, glossary));
  return {
    explain_p50_ms: round(percentile(samples, 50)),
    explain_p99_ms: round(percentile(samples, 99)),
    lookups: samples.length,
  };
}
