import { createHash } from 'node:crypto';
import type { Question } from './content.schema.js';

const cache = new WeakMap<Question, string>();

/**
 * The version of a question as posted: the first 16 hex digits of SHA-256 over its prompt, choices and key
 * (JSON of `[prompt, choices, answer]`). Any change to those makes a new version; explanation, terms,
 * sources and other fields do not. Stable across restarts and machines.
 */
export function questionVersion(question: Question): string {
  const known = cache.get(question);
  if (known) return known;
  const version = createHash('sha256')
    .update(JSON.stringify([question.prompt, question.choices, question.answer]))
    .digest('hex')
    .slice(0, 16);
  cache.set(question, version);
  return version;
}
