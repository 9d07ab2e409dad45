/**
 * The one rule for text a user typed (display names, `/explain` arguments, setup words) before the bot
 * stores it or says it back: on one line, without the invisible characters that can reorder or hide text,
 * and never cut inside a character. Markup is not this module's concern: every renderer escapes or avoids
 * its platform's markup (Slack: plain_text objects; Discord: markdown escaped), so what is left shows as typed.
 */

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Bidi controls (embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the marks LRM, RLM and ALM)
 * and characters that are invisible yet change how text reads or matches: zero-width space and non-joiner,
 * word joiner and invisible operators, the BOM, the Mongolian vowel separator and the soft hyphen.
 */
const INVISIBLE = /[\p{Bidi_Control}\u200B\u200C\u2060-\u2064\uFEFF\u180E\u00AD]/gu;

/**
 * A zero-width joiner is kept only inside an emoji ZWJ sequence (👩‍💻: pictograph, optional presentation
 * selector or skin tone, ZWJ, pictograph); anywhere else it is invisible noise.
 */
const STRAY_ZWJ =
  /(?<!\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Line breaks, tabs, other control characters and runs of spaces. */
const SPACE_OR_CONTROL = /[\s\p{Cc}]+/gu;

/** How many user-perceived characters (grapheme clusters) `text` has. */
export function graphemeLength(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/**
 * Cuts `text` to at most `max` grapheme clusters (so never inside an emoji, a flag or a letter with its
 * accents), ending with `…` when something was cut. `max` ≥ 1.
 */
export function truncateGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length === max) {
      kept.pop();
      return `${kept.join('')}…`;
    }
    kept.push(segment);
  }
  return text;
}

/**
 * The sanitising rule for user text: Unicode NFC, bidi controls and zero-width characters removed, every run
 * of whitespace or control characters one space, trimmed, then at most `max` grapheme clusters. May return ''.
 */
export function cleanUserText(text: string, max: number): string {
  const visible = text.normalize('NFC').replace(INVISIBLE, '').replace(STRAY_ZWJ, '');
  return truncateGraphemes(visible.replace(SPACE_OR_CONTROL, ' ').trim(), max);
}

/** Longest display name kept, in grapheme clusters. */
export const DISPLAY_NAME_MAX = 80;

/** A display name as stored: cleaned, or `someone` when nothing is left. */
export function cleanDisplayName(name: string): string {
  return cleanUserText(name, DISPLAY_NAME_MAX) || 'someone';
}

/** Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * Text with right-to-left letters wrapped in a first-strong isolate (U+2068 … U+2069, Unicode UAX #9), so it
 * cannot carry the numbers and words after it along with it: "1. محمد: 30 pts" keeps its order. Text
 * without such letters is returned as it is.
 */
export function isolateUserText(text: string): string {
  return RIGHT_TO_LEFT.test(text) ? `\u2068${text}\u2069` : text;
}

/** A display name as shown (boards, reveals, stats, recaps): cleaned, and isolated when right-to-left. */
export function showDisplayName(name: string): string {
  return isolateUserText(cleanDisplayName(name));
}

/**
 * Cuts `text` to at most `maxUnits` UTF-16 code units (the unit of platform length limits, and of
 * `String.length`) on a grapheme-cluster boundary, ending with `…` when something was cut: never half a
 * surrogate pair, an emoji sequence or an accented letter. `maxUnits` ≥ 1.
 */
export function truncateToLength(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > maxUnits - 1) break;
    out += segment;
  }
  return `${out}…`;
}
