import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { normalizeKey } from '../text.js';
import { crossCheck } from './content.cross-check.js';
import { zodProblems } from './content.problems.js';
import {
  type DeckMeta,
  deckMetaSchema,
  type Question,
  questionSchema,
  type Term,
  termSchema,
} from './content.schema.js';
import { checkBlueprint } from './exam.blueprint.js';
import { type ContentProblem, formatProblem, readYamlSource, type YamlSource } from './yaml-source.js';

/** Where an entry of a deck is written: its file and line (for content:check's item-writing rules). */
export interface EntryLocation {
  file: string;
  line: number | undefined;
}

/** A validated deck, ready for lookups. */
export interface Deck {
  meta: DeckMeta;
  terms: Term[];
  /** The questions that may be posted: every question not marked `retired: true`. */
  questions: Question[];
  /** Retired questions (`retired: true`): never posted again, still found by `questionById`. */
  retired: Question[];
  termById: ReadonlyMap<string, Term>;
  /** Every question by id, retired ones included (old posts, reports and statistics still refer to them). */
  questionById: ReadonlyMap<string, Question>;
  topicTitle(topicId: string): string;
  /** File and line of deck.yaml (`kind` "deck"), a term or a question, or of one field inside it. */
  locate(kind: 'deck' | 'term' | 'question', id: string, field?: PropertyKey[]): EntryLocation;
}

/**
 * Raised when any deck is broken; the message lists every problem as `file:line: entry: what`. It stops
 * start-up and `content:check` (an operator's error), so it is never shown to chat users.
 */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`The content is invalid:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

/** An entry with the file and lines it came from. */
export interface Located<T> {
  value: T;
  file: string;
  line: number | undefined;
  /** Line of a field inside this entry, falling back to the entry's own line. */
  lineOf(field: PropertyKey[]): number | undefined;
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** `<name>.yaml` plus every `<name>/*.yaml`, so a large deck can split terms and questions by topic. */
async function entryFiles(deckDir: string, name: string): Promise<string[]> {
  const files: string[] = [];
  for (const ext of ['.yaml', '.yml']) {
    const single = path.join(deckDir, `${name}${ext}`);
    if (
      await stat(single).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      files.push(single);
  }
  const dir = path.join(deckDir, name);
  if (await isDirectory(dir)) {
    const names = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
    files.push(...names.map((f) => path.join(dir, f)));
  }
  return files;
}

/** Validates each entry of a YAML list on its own, so one bad entry does not hide the others. */
function parseEntries<T extends { id: string }>(
  source: YamlSource,
  schema: z.ZodType<T>,
  kind: string,
  problems: ContentProblem[],
  /** Ids seen so far in this deck (across its files), valid entries or not: duplicates are named here. */
  seen: Map<string, { file: string; line: number | undefined }>,
): Located<T>[] {
  if (source.value === null || source.value === undefined) return [];
  if (!Array.isArray(source.value)) {
    problems.push({
      file: source.file,
      line: 1,
      message: `expected a list of ${kind}s (each item starting with "- id:")`,
    });
    return [];
  }
  const out: Located<T>[] = [];
  source.value.forEach((raw: unknown, i) => {
    const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    const entry = typeof rawId === 'string' ? `${kind} "${rawId}"` : `${kind} #${i + 1}`;
    if (typeof rawId === 'string') {
      const first = seen.get(rawId);
      const line = source.lineOf([i]);
      if (first) {
        problems.push({
          file: source.file,
          line,
          entry,
          message: `duplicate id: already defined at ${first.file}:${first.line ?? '?'}`,
        });
      } else seen.set(rawId, { file: source.file, line });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, source, [i], entry, raw));
      return;
    }
    out.push({
      value: parsed.data,
      file: source.file,
      line: source.lineOf([i]),
      lineOf: (field) => source.lineOf([i, ...field]),
    });
  });
  return out;
}

/** Every lookup key (id, term, aliases) must lead to exactly one term, across all decks. */
function checkLookupKeys(
  decks: { deckId: string; terms: Located<Term>[] }[],
  problems: ContentProblem[],
): void {
  const owner = new Map<string, { termId: string; deckId: string }>();
  for (const { deckId, terms } of decks) {
    for (const t of terms) {
      const keys = new Set([t.value.id, t.value.term, ...t.value.aliases].map(normalizeKey));
      for (const key of keys) {
        if (key === '') {
          problems.push({
            file: t.file,
            line: t.line,
            entry: `term "${t.value.id}"`,
            message: 'an alias has no letters or digits',
          });
          continue;
        }
        const prev = owner.get(key);
        if (prev && (prev.termId !== t.value.id || prev.deckId !== deckId)) {
          problems.push({
            file: t.file,
            line: t.line,
            entry: `term "${t.value.id}"`,
            message: `alias "${key}" is already claimed by term "${prev.termId}"${prev.deckId === deckId ? '' : ` of deck "${prev.deckId}"`}`,
          });
        } else owner.set(key, { termId: t.value.id, deckId });
      }
    }
  }
}

type LoadedDeck = { meta: Located<DeckMeta>; terms: Located<Term>[]; questions: Located<Question>[] };

/** Reads one deck folder (deck.yaml, then its terms and questions), adding what is wrong to `problems`. */
async function readDeck(
  dir: string,
  display: (p: string) => string,
  problems: ContentProblem[],
): Promise<LoadedDeck | undefined> {
  const metaFile = path.join(dir, 'deck.yaml');
  const metaRead = await readYamlSource(metaFile, display(metaFile));
  problems.push(...metaRead.problems);
  if (!metaRead.source) return undefined;
  const metaParsed = deckMetaSchema.safeParse(metaRead.source.value);
  if (!metaParsed.success) {
    problems.push(...zodProblems(metaParsed.error, metaRead.source, [], undefined));
    return undefined;
  }
  const metaSource = metaRead.source;
  const meta: Located<DeckMeta> = {
    value: metaParsed.data,
    file: metaSource.file,
    line: 1,
    lineOf: (field) => metaSource.lineOf(field),
  };
  if (metaParsed.data.id !== path.basename(dir)) {
    problems.push({
      file: meta.file,
      line: metaSource.lineOf(['id']),
      message: `id "${metaParsed.data.id}" must match the folder name "${path.basename(dir)}"`,
    });
  }
  const terms: Located<Term>[] = [];
  const questions: Located<Question>[] = [];
  // Whether any entry file was there but could not be used: then "no terms and no questions" would be false.
  let unreadable = false;
  for (const [name, schema, kind, into] of [
    ['terms', termSchema, 'term', terms],
    ['questions', questionSchema, 'question', questions],
  ] as const) {
    const seen = new Map<string, { file: string; line: number | undefined }>();
    for (const file of await entryFiles(dir, name)) {
      const read = await readYamlSource(file, display(file));
      problems.push(...read.problems);
      const before = problems.length;
      if (read.source)
        (into as Located<unknown>[]).push(
          ...parseEntries(read.source, schema as z.ZodType<{ id: string }>, kind, problems, seen),
        );
      if (!read.source || read.problems.length > 0 || problems.length > before) unreadable = true;
    }
  }
  if (terms.length === 0 && questions.length === 0 && !unreadable) {
    problems.push({
      file: display(dir),
      message: 'the deck has no terms and no questions (add terms.yaml and questions.yaml)',
    });
  }
  crossCheck(meta, terms, questions, problems);
  checkBlueprint(meta, terms, questions, problems);
  return { meta, terms, questions };
}

/** A validated deck as the rest of the core uses it, with `locate` for file:line of any entry. */
function toDeck({ meta, terms, questions }: LoadedDeck): Deck {
  const topicTitles = new Map(meta.value.topics.map((t) => [t.id, t.title]));
  const entries = new Map<string, Located<unknown>>([
    ...terms.map((t) => [`term:${t.value.id}`, t] as const),
    ...questions.map((q) => [`question:${q.value.id}`, q] as const),
  ]);
  const locate = (kind: 'deck' | 'term' | 'question', id: string, field: PropertyKey[] = []) => {
    const entry = kind === 'deck' ? meta : entries.get(`${kind}:${id}`);
    return entry ? { file: entry.file, line: entry.lineOf(field) } : { file: meta.file, line: undefined };
  };
  return {
    locate,
    meta: meta.value,
    terms: terms.map((t) => t.value),
    questions: questions.filter((q) => q.value.retired !== true).map((q) => q.value),
    retired: questions.filter((q) => q.value.retired === true).map((q) => q.value),
    termById: new Map(terms.map((t) => [t.value.id, t.value])),
    questionById: new Map(questions.map((q) => [q.value.id, q.value])),
    topicTitle: (id: string) => topicTitles.get(id) ?? id,
  };
}

/** Loads and validates every deck under `contentDir`; throws a ContentError naming each problem. */
export async function loadDecks(contentDir: string, options: { displayRoot?: string } = {}): Promise<Deck[]> {
  const root = path.resolve(contentDir);
  const display = (p: string) => {
    const rel = path.relative(options.displayRoot ?? process.cwd(), p);
    return rel === '' || rel.startsWith('..') ? p : rel;
  };
  const problems: ContentProblem[] = [];
  if (!(await isDirectory(root))) {
    throw new ContentError([
      { file: display(root), message: 'the content folder does not exist (set CONTENT_DIR)' },
    ]);
  }
  const deckDirs: string[] = [];
  for (const name of (await readdir(root)).sort()) {
    if (!name.startsWith('.') && (await isDirectory(path.join(root, name))))
      deckDirs.push(path.join(root, name));
  }
  const loaded: LoadedDeck[] = [];
  for (const dir of deckDirs) {
    const deck = await readDeck(dir, display, problems);
    if (deck) loaded.push(deck);
  }
  if (deckDirs.length === 0)
    problems.push({ file: display(root), message: 'no decks found: each deck is a folder with a deck.yaml' });
  const ids = new Set<string>();
  for (const d of loaded) {
    if (ids.has(d.meta.value.id))
      problems.push({ file: d.meta.file, message: `duplicate deck id "${d.meta.value.id}"` });
    ids.add(d.meta.value.id);
  }
  checkLookupKeys(
    loaded.map((d) => ({ deckId: d.meta.value.id, terms: d.terms })),
    problems,
  );
  if (problems.length > 0) throw new ContentError(problems);
  return loaded.map(toDeck);
}
