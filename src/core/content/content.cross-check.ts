import { normalizeKey } from '../text.js';
import type { Located } from './content.loader.js';
import { CHOICE_LETTERS, type DeckMeta, type Question, type Term } from './content.schema.js';
import type { ContentProblem } from './yaml-source.js';

/**
 * Checks that a deck's entries agree with each other and with deck.yaml: unique ids, known topics and
 * sections, existing related and linked terms, answers among the choices, no choice twice.
 */
export function crossCheck(
  meta: Located<DeckMeta>,
  terms: Located<Term>[],
  questions: Located<Question>[],
  problems: ContentProblem[],
): void {
  const at = (l: Located<{ id: string }>, kind: string, message: string, field: PropertyKey[] = []) =>
    problems.push({ file: l.file, line: l.lineOf(field), entry: `${kind} "${l.value.id}"`, message });

  const topics = new Set(meta.value.topics.map((t) => t.id));
  const sections = new Set(meta.value.sections.map((s) => s.id));
  for (const [kind, ids] of [
    ['topic', meta.value.topics.map((t) => t.id)],
    ['section', meta.value.sections.map((s) => s.id)],
  ] as const) {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id))
        problems.push({ file: meta.file, line: meta.line, message: `duplicate ${kind} id "${id}"` });
      seen.add(id);
    }
  }

  // Duplicate ids are reported by the loader, which sees every entry (also those with other problems).
  const termIds = new Map<string, Located<Term>>();
  for (const t of terms) if (!termIds.has(t.value.id)) termIds.set(t.value.id, t);
  const questionIds = new Map<string, Located<Question>>();
  for (const q of questions) if (!questionIds.has(q.value.id)) questionIds.set(q.value.id, q);

  for (const t of terms) {
    if (!topics.has(t.value.topic)) {
      at(t, 'term', `topic "${t.value.topic}" is not listed in deck.yaml topics`, ['topic']);
    }
    if (t.value.section !== undefined && !sections.has(t.value.section)) {
      at(t, 'term', `section "${t.value.section}" is not listed in deck.yaml sections`, ['section']);
    }
    t.value.related.forEach((r, i) => {
      if (!termIds.has(r)) at(t, 'term', `related term "${r}" does not exist`, ['related', i]);
      if (r === t.value.id) at(t, 'term', 'a term cannot be related to itself', ['related', i]);
    });
  }
  for (const q of questions) {
    const v = q.value;
    if (!topics.has(v.topic))
      at(q, 'question', `topic "${v.topic}" is not listed in deck.yaml topics`, ['topic']);
    if (v.section !== undefined && !sections.has(v.section)) {
      at(q, 'question', `section "${v.section}" is not listed in deck.yaml sections`, ['section']);
    }
    const letters = CHOICE_LETTERS.slice(0, v.choices.length);
    if (!letters.includes(v.answer)) {
      at(q, 'question', `answer "${v.answer}" is not among the choices ${letters.join(', ')}`, ['answer']);
    }
    const seen = new Set<string>();
    v.choices.forEach((c, i) => {
      const key = normalizeKey(c);
      if (seen.has(key)) at(q, 'question', `choice "${c}" appears twice`, ['choices', i]);
      seen.add(key);
    });
    v.terms.forEach((id, i) => {
      if (!termIds.has(id)) at(q, 'question', `linked term "${id}" does not exist`, ['terms', i]);
    });
  }
}
