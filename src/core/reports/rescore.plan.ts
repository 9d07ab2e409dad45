import type { Question } from '../content/content.schema.js';
import { questionVersion } from '../content/question-version.js';
import type { QuestionVersionRow } from './rescore.port.js';

export interface RescorePlan {
  /** Versions with today's choices and another key: their answers are re-graded against today's key. */
  affected: QuestionVersionRow[];
  /** Versions whose choices differ from today's: a letter meant another text there, so they are left alone. */
  skipped: QuestionVersionRow[];
}

/**
 * Which stored versions of `question` a rescore re-grades: those whose choices are today's, word for word and
 * in order, but whose key differs (a wrong key fixed in the deck; a changed prompt is allowed, a typo fix).
 */
export function planRescore(question: Question, versions: readonly QuestionVersionRow[]): RescorePlan {
  const current = questionVersion(question);
  const sameChoices = (v: QuestionVersionRow) =>
    JSON.stringify(v.choices) === JSON.stringify(question.choices);
  const older = versions.filter((v) => v.version !== current);
  return {
    affected: older.filter((v) => sameChoices(v) && v.answer !== question.answer),
    skipped: older.filter((v) => !sameChoices(v)),
  };
}

/** Every question of the catalog as a version row, for `QuestionVersionsPort.remember` at start-up. */
export const versionRows = (deckId: string, questions: readonly Question[]): QuestionVersionRow[] =>
  questions.map((q) => ({
    deckId,
    questionId: q.id,
    version: questionVersion(q),
    prompt: q.prompt,
    choices: [...q.choices],
    answer: q.answer,
  }));
