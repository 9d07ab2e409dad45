import { stemmer } from 'stemmer';

/**
 * Words that carry no cue in a question about AWS: English function words, question words, and the vendor
 * prefixes that name almost every service ("AWS", "Amazon").
 */
const STOPWORDS = new Set(
  `a about above after again against all also an and any are as at be because been before being below
  between both but by can cannot could did do does doing down during each either even every few for from
  further had has have having he her here hers him his how i if in into is it its itself just let like may
  might more most must my neither no nor not now of off on once one only or other our ours out over own
  same shall she should so some such than that the their theirs them then there these they this those
  through to too under until up upon us very was we were what when where whether which while who whom
  whose why will with within without would you your yours aws amazon`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Porter stems (the `stemmer` package) of the content words of `text`: lower-cased, stop words dropped. */
export function contentStems(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w))
    .map((w) => stemmer(w));
}

/** The words of `text` keyed by stem, so a message can quote the word as written ("policies" for "polici"). */
export function wordsByStem(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    const stem = stemmer(word);
    if (!out.has(stem)) out.set(stem, word);
  }
  return out;
}
