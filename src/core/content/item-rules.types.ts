import type { ChoiceLetter, LintRule } from './content.schema.js';

/** Every rule content:check reports: the silenceable ones plus two that cannot be silenced. */
export type ItemRuleId = LintRule | 'all-none-of-the-above' | 'unused-lint-ignore';

/** What one rule found: an error (never silenced) or a warning (silenced by a `lint-ignore` with a reason). */
export interface ItemFinding {
  rule: ItemRuleId;
  severity: 'error' | 'warning';
  /** The entry at fault: a question, or deck.yaml for deck-level statistics. */
  kind: 'question' | 'deck';
  id: string;
  /** A field inside the entry, for the line number (e.g. `['choices', 2]`). */
  field?: PropertyKey[];
  message: string;
}

/** A share of a deck's questions, e.g. "the key is the longest choice in 30 of 120". */
export interface Share {
  count: number;
  of: number;
}

/** The statistics content:check prints with each deck. */
export interface ItemStats {
  questions: number;
  /** Questions with exactly 2 choices. */
  twoChoice: number;
  /** Key is the one longest choice, among questions that have one longest choice. */
  keyLongest: Share;
  /** Key is the one shortest choice, among questions that have one shortest choice. */
  keyShortest: Share;
  /** Right answers per letter, for each number of choices. */
  letters: { choices: number; counts: Partial<Record<ChoiceLetter, number>>; total: number }[];
  nearDuplicates: number;
  /** Whether the deck is large enough for the deck-level rules (MIN_QUESTIONS_FOR_DECK_RULES). */
  deckRulesApply: boolean;
}
