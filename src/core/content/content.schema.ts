import { z } from 'zod';

/** Ids are stable forever (scores and history refer to them), so they are plain lower-case slugs. */
/** "is required" when the field is missing, otherwise what was expected. */
const expected = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${what} is required` : `expected ${what}`;

export const idSchema = z
  .string({ error: expected('an id') })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a lower-case id of letters, digits and hyphens' })
  .max(80, { error: 'ids are at most 80 characters' });

const text = (what: string, max = 2000) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${what} is required` : `expected ${what} as text`),
    })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} is longer than ${max} characters` });

export const CHOICE_LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;
export type ChoiceLetter = (typeof CHOICE_LETTERS)[number];

/**
 * The item-writing rules `npm run content:check` applies (see item-rules.ts); a `lint-ignore` may name any
 * of them except `all-none-of-the-above`, which is an error a deck cannot silence.
 */
export const LINT_RULES = [
  'two-choice',
  'key-stem-word',
  'near-duplicate-prompt',
  'key-longest',
  'key-shortest',
  'key-letter-spread',
] as const;
export type LintRule = (typeof LINT_RULES)[number];

const lintIgnoreEntry = z.strictObject({
  rule: z.enum(LINT_RULES, { error: `expected one of the rules ${LINT_RULES.join(', ')}` }),
  reason: text('reason', 300),
});

/** `lint-ignore: { rule, reason }` or a list of them: silences a warning for this entry, with a reason. */
const lintIgnore = z
  .union([lintIgnoreEntry, z.array(lintIgnoreEntry)], {
    error: 'expected { rule: <rule>, reason: <why> } or a list of them',
  })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .optional();

/** Where a fact was checked: a URL or the title of an AWS (or other) documentation page. */
const source = text('source', 500).optional();

const examObjectiveSchema = z.strictObject({
  id: idSchema,
  title: text('objective title', 200),
  /** Relative weight of the objective in the exam; any positive number (only ratios matter). */
  weight: z.number({ error: expected('a positive number') }).positive({ error: 'weight must be above 0' }),
  skills: z
    .array(z.strictObject({ id: idSchema, title: text('skill title', 300) }), {
      error: expected('a list of skills'),
    })
    .default([]),
});

/** The exam blueprint a deck prepares for: its objectives (task statements) and their skills. */
export const examSchema = z.strictObject({
  code: text('exam code', 40),
  title: text('exam title', 200),
  domain: text('domain', 200).optional(),
  objectives: z
    .array(examObjectiveSchema, { error: expected('a list of objectives') })
    .min(1, { error: 'an exam blueprint needs at least one objective' }),
});

export const deckMetaSchema = z.strictObject({
  id: idSchema,
  title: text('title', 120),
  description: text('description', 1000),
  /** Where the deck was written from, for readers of the content. */
  source: text('source', 500).optional(),
  sections: z
    .array(z.strictObject({ id: idSchema, heading: text('heading', 200) }), {
      error: expected('a list of sections'),
    })
    .default([]),
  topics: z
    .array(z.strictObject({ id: idSchema, title: text('topic title', 120) }), {
      error: expected('a list of topics'),
    })
    .min(1, { error: 'a deck needs at least one topic' }),
  exam: examSchema.optional(),
  /** Silences deck-level item-writing rules (letter spread, key length shares) for the whole deck. */
  'lint-ignore': lintIgnore,
});

export const termSchema = z.strictObject({
  id: idSchema,
  term: text('term', 120),
  aliases: z.array(text('alias', 120), { error: expected('a list of aliases') }).default([]),
  topic: idSchema,
  summary: text('summary', 400),
  details: text('details', 2000),
  related: z.array(idSchema, { error: expected('a list of term ids') }).default([]),
  section: idSchema.optional(),
  source,
  /** Exam skills (ids from deck.yaml's exam blueprint) the term helps with. */
  skills: z.array(idSchema, { error: expected('a list of skill ids') }).default([]),
});

export const questionSchema = z.strictObject({
  id: idSchema,
  topic: idSchema,
  prompt: text('prompt', 600),
  choices: z
    .array(text('choice', 200), { error: expected('a list of choices') })
    .min(2, { error: 'a question needs 2 to 5 choices' })
    .max(5, { error: 'a question needs 2 to 5 choices' }),
  answer: z.enum(CHOICE_LETTERS, { error: expected('the letter of the right choice: A, B, C, D or E') }),
  explanation: text('explanation', 1500),
  terms: z
    .array(idSchema, { error: expected('a list of term ids') })
    .min(1, { error: 'link at least one term' }),
  section: idSchema.optional(),
  source,
  /** The exam objective (from deck.yaml's exam blueprint) the question tests; required when there is one. */
  objective: idSchema.optional(),
  /** A skill of that objective. */
  skill: idSchema.optional(),
  /**
   * Never posted again (daily, /quiz, exam mode): for a question that is wrong beyond fixing or replaced.
   * Kept in the file so old answers, reports and item analysis still find it.
   */
  retired: z.boolean({ error: 'expected true or false' }).optional(),
  'lint-ignore': lintIgnore,
});

export type DeckMeta = z.infer<typeof deckMetaSchema>;
export type Exam = z.infer<typeof examSchema>;
export type ExamObjective = Exam['objectives'][number];
export type LintIgnore = NonNullable<Question['lint-ignore']>[number];
export type Term = z.infer<typeof termSchema>;
export type Question = z.infer<typeof questionSchema>;

/** The index of a choice letter (A → 0). */
export const choiceIndex = (letter: string): number => CHOICE_LETTERS.indexOf(letter as ChoiceLetter);

/** The letters a question with `count` choices offers, as a range: `A–D` (`A` for one). */
export const choiceRange = (count: number): string =>
  count <= 1 ? 'A' : `A–${CHOICE_LETTERS[Math.min(count, CHOICE_LETTERS.length) - 1]}`;
