import { describe, expect, it } from 'vitest';
import { quoteUserText } from '../../../src/core/replies.js';
import {
  cleanDisplayName,
  cleanUserText,
  graphemeLength,
  isolateUserText,
  showDisplayName,
  truncateGraphemes,
  truncateToLength,
} from '../../../src/core/user-text.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the one sanitising rule for user text (issue 12)', () => {
  it('cuts a name on whole grapheme clusters: `a` + 60 snakes keeps whole snakes, no U+FFFD', () => {
    const name = cleanDisplayName(`a${'🐍'.repeat(60)}`);
    expect(name).toBe(`a${'🐍'.repeat(60)}`);
    const long = cleanDisplayName(`a${'🐍'.repeat(100)}`);
    expect(graphemeLength(long)).toBe(80);
    expect(long).toBe(`a${'🐍'.repeat(78)}…`);
    expect(long).not.toMatch(/\uFFFD/);
    expect(long).not.toMatch(LONE_SURROGATE);
  });

  it('keeps emoji sequences, flags and combining accents whole when cutting', () => {
    expect(truncateGraphemes('👩‍💻👩‍💻👩‍💻', 2)).toBe('👩‍💻…');
    expect(truncateGraphemes('🇩🇪🇫🇷🇮🇹', 2)).toBe('🇩🇪…');
    expect(truncateGraphemes('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
    expect(truncateToLength('🐍🐍🐍', 4)).toBe('🐍…');
    expect(truncateToLength('🐍🐍🐍', 6)).toBe('🐍🐍🐍');
    expect(truncateToLength(`x${'🐍'.repeat(10)}`, 6)).toBe('x🐍🐍…');
  });

  it('removes bidi overrides, embeddings, isolates and marks, so a name cannot reverse its row', () => {
    const controls = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(cleanDisplayName(`eve${controls}`)).toBe('eve');
    expect(cleanDisplayName('\u202Eevil')).toBe('evil');
    expect(cleanUserText('a\u2067b\u2069c', 80)).toBe('abc');
  });

  it('removes zero-width characters but keeps the joiner inside an emoji sequence', () => {
    expect(cleanDisplayName('b\u200Bo\u200Cb\u2060\uFEFF\u00AD')).toBe('bob');
    expect(cleanDisplayName('a\u200Db')).toBe('ab');
    expect(cleanDisplayName('dev 👩‍💻')).toBe('dev 👩‍💻');
    expect(cleanDisplayName('👍🏽‍')).toBe('👍🏽');
  });

  it('puts text on one line, trims it, and names an empty result `someone`', () => {
    expect(cleanDisplayName('  ann\n\tlee \u0007 ')).toBe('ann lee');
    expect(cleanDisplayName('\u202E\u200B  ')).toBe('someone');
    expect(cleanUserText('\u202E', 10)).toBe('');
  });

  it('leaves markup characters to the renderers: the rule does not alter what a user typed', () => {
    expect(cleanDisplayName('*Boss* _it_ ~strike~ `code`')).toBe('*Boss* _it_ ~strike~ `code`');
  });

  it('isolates right-to-left names and arguments so they cannot carry the rest of a row along', () => {
    expect(showDisplayName('محمد')).toBe('\u2068محمد\u2069');
    expect(showDisplayName('\u202Bשרה\u202C')).toBe('\u2068שרה\u2069');
    expect(showDisplayName('ann')).toBe('ann');
    expect(isolateUserText('dev 👩‍💻')).toBe('dev 👩‍💻');
    expect(quoteUserText('תקציב')).toBe('\u2068תקציב\u2069');
  });

  it('is what the core quotes user arguments with (/explain, setup words)', () => {
    expect(quoteUserText(`scp\u202E ${'🐍'.repeat(80)}`)).toBe(`scp ${'🐍'.repeat(55)}…`);
  });
});
