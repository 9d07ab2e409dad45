import type { DeckMeta, ExamObjective, Question, Term } from './content.schema.js';
import type { ContentProblem } from './yaml-source.js';

/** One objective a deck prepares for: an exam task statement, or (without a blueprint) a deck topic. */
export interface DeckObjective {
  id: string;
  title: string;
  /** Relative weight; only ratios between a deck's objectives matter. */
  weight: number;
  skills: { id: string; title: string }[];
}

/**
 * The objectives of a deck: its exam blueprint's objectives when deck.yaml has `exam`, otherwise one
 * objective per topic, all of weight 1 (a deck without a blueprint treats its topics as equal objectives).
 */
export function deckObjectives(meta: DeckMeta): DeckObjective[] {
  if (meta.exam) return meta.exam.objectives.map((o: ExamObjective) => ({ ...o, skills: [...o.skills] }));
  return meta.topics.map((t) => ({ id: t.id, title: t.title, weight: 1, skills: [] }));
}

/** The objective id a question counts towards: its `objective` under a blueprint, else its topic. */
export function questionObjective(meta: DeckMeta, question: Question): string {
  return meta.exam ? (question.objective ?? question.topic) : question.topic;
}

/** An entry of a deck file with the helpers the blueprint check needs to point at its lines. */
export interface LocatedEntry<T> {
  value: T;
  file: string;
  lineOf(field: PropertyKey[]): number | undefined;
}

/**
 * Checks the exam blueprint against the deck: unique objective and skill ids, every question's `objective`
 * (required under a blueprint) and `skill`, every term's `skills`; pushes one problem per mistake.
 */
export function checkBlueprint(
  meta: LocatedEntry<DeckMeta>,
  terms: LocatedEntry<Term>[],
  questions: LocatedEntry<Question>[],
  problems: ContentProblem[],
): void {
  const exam = meta.value.exam;
  const skillOwner = new Map<string, string>();
  const objectives = new Map<string, Set<string>>();
  exam?.objectives.forEach((o, i) => {
    if (objectives.has(o.id))
      problems.push({
        file: meta.file,
        line: meta.lineOf(['exam', 'objectives', i, 'id']),
        message: `exam: duplicate objective id "${o.id}"`,
      });
    objectives.set(o.id, new Set(o.skills.map((s) => s.id)));
    o.skills.forEach((s, j) => {
      const owner = skillOwner.get(s.id);
      if (owner !== undefined || objectives.has(s.id))
        problems.push({
          file: meta.file,
          line: meta.lineOf(['exam', 'objectives', i, 'skills', j, 'id']),
          message: `exam: skill id "${s.id}" is already used${owner ? ` by objective "${owner}"` : ''}`,
        });
      skillOwner.set(s.id, o.id);
    });
  });
  const at = (e: LocatedEntry<{ id: string }>, kind: string, field: PropertyKey[], message: string) =>
    problems.push({ file: e.file, line: e.lineOf(field), entry: `${kind} "${e.value.id}"`, message });

  for (const q of questions) {
    const { objective, skill } = q.value;
    if (!exam) {
      if (objective !== undefined)
        at(q, 'question', ['objective'], 'deck.yaml has no exam blueprint, so "objective" is not allowed');
      if (skill !== undefined)
        at(q, 'question', ['skill'], 'deck.yaml has no exam blueprint, so "skill" is not allowed');
      continue;
    }
    if (objective === undefined) {
      at(q, 'question', [], 'objective is required, because deck.yaml has an exam blueprint');
      continue;
    }
    const skills = objectives.get(objective);
    if (!skills) {
      at(q, 'question', ['objective'], `objective "${objective}" is not in deck.yaml's exam objectives`);
      continue;
    }
    if (skill !== undefined && !skills.has(skill)) {
      const owner = skillOwner.get(skill);
      at(
        q,
        'question',
        ['skill'],
        owner
          ? `skill "${skill}" belongs to objective "${owner}", not "${objective}"`
          : `skill "${skill}" is not a skill of objective "${objective}"`,
      );
    }
  }
  for (const t of terms) {
    t.value.skills.forEach((skill, i) => {
      if (!exam) at(t, 'term', ['skills', i], 'deck.yaml has no exam blueprint, so "skills" is not allowed');
      else if (!skillOwner.has(skill))
        at(t, 'term', ['skills', i], `skill "${skill}" is not in deck.yaml's exam objectives`);
    });
  }
}
