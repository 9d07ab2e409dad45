/** Lower-cases, drops accents and punctuation, folds hyphens and spacing, and singularises each word. */
export function normalizeKey(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/isation/g, 'ization')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .map(singular)
    .join(' ');
}

/**
 * A crude but symmetric singular: applied to both the glossary and the query, so "SCPs" meets "scp" and
 * "policies" meets "policy". It only needs to map a plural and its singular to the same key.
 */
function singular(word: string): string {
  if (word.length < 3 || !word.endsWith('s') || word.endsWith('ss')) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  // "status", "analysis" are singular; short words like "ous" and "kms" are not.
  if (word.length > 3 && /(us|is)$/.test(word)) return word;
  return word.slice(0, -1);
}
