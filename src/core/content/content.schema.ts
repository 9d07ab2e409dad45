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
});

export type DeckMeta = z.infer<typeof deckMetaSchema>;
export type Term = z.infer<typeof termSchema>;
export type Question = z.infer<typeof questionSchema>;

/** The index of a choice letter (A → 0). */
export const choiceIndex = (letter: string): number => CHOICE_LETTERS.indexOf(letter as ChoiceLetter);
