import type { Catalog } from '../content/catalog.js';
import { reviewCard } from '../readiness/memory.model.js';
import { planRescore } from './rescore.plan.js';
import type { QuestionVersionsPort, RescorePort } from './rescore.port.js';

/**
 * `npm run content:rescore -- <question-id>` (or `<deck>/<question-id>`): plans which stored versions to
 * re-grade against the question's current key, runs the rescore in one transaction and says what changed.
 * Throws an Error with a user-readable message for an unknown or ambiguous id.
 */
export async function runRescore(
  deps: { catalog: Catalog; questionVersions: QuestionVersionsPort; rescore: RescorePort },
  ref: string,
  options: { includeUnversioned: boolean },
): Promise<string[]> {
  const [deckPart, questionPart] = ref.includes('/') ? ref.split('/', 2) : [undefined, ref];
  const matches = deps.catalog.decks.filter(
    (d) => (deckPart === undefined || d.meta.id === deckPart) && d.questionById.has(questionPart ?? ''),
  );
  if (matches.length === 0) throw new Error(`no question "${ref}" in any deck`);
  if (matches.length > 1)
    throw new Error(
      `"${ref}" is in decks ${matches.map((d) => d.meta.id).join(', ')}: name one as <deck>/<id>`,
    );
  const deck = matches[0];
  const question = deck?.questionById.get(questionPart ?? '');
  if (!deck || !question) throw new Error(`no question "${ref}"`);
  const plan = planRescore(question, await deps.questionVersions.versionsOf(deck.meta.id, question.id));
  const lines = [
    `${deck.meta.id}/${question.id}: current key ${question.answer}.`,
    plan.affected.length > 0
      ? `Re-grading answers to ${plan.affected.length} earlier version(s) with the same choices: ${plan.affected
          .map((v) => `${v.version} (key ${v.answer})`)
          .join(', ')}${options.includeUnversioned ? ', and answers from before versions' : ''}.`
      : `No earlier version with the same choices and another key${options.includeUnversioned ? '; re-grading answers from before versions only' : ''}.`,
    ...plan.skipped.map(
      (v) => `Left alone: version ${v.version} had other choices (a letter meant another text there).`,
    ),
  ];
  const result = await deps.rescore.rescore({
    deckId: deck.meta.id,
    questionId: question.id,
    key: question.answer,
    versions: plan.affected.map((v) => v.version),
    includeUnversioned: options.includeUnversioned,
    step: reviewCard,
  });
  const gained = result.daily.filter((a) => a.correct).length;
  const lost = result.daily.length - gained;
  const points = result.daily.reduce((n, a) => n + a.pointsAfter - a.pointsBefore, 0);
  if (result.daily.length === 0 && result.practice === 0 && result.reviews === 0) {
    lines.push('Nothing to change: every answer is already graded against the current key.');
    return lines;
  }
  lines.push(
    `Daily answers re-graded: ${result.daily.length} (${gained} now right, ${lost} now wrong); board points ${points >= 0 ? '+' : ''}${points} in total, on every board each answer counts on (all, its week, its month, its channel).`,
    ...result.daily.map(
      (a) =>
        `  post ${a.postId}, member ${a.memberId}: ${a.choice} is now ${a.correct ? 'right' : 'wrong'}, ${a.pointsBefore} → ${a.pointsAfter} points`,
    ),
    `Practice answers re-graded: ${result.practice}. Reviews re-rated: ${result.reviews}; cards rebuilt for ${result.members} member(s). Streaks count answers, right or wrong: unchanged.`,
  );
  return lines;
}
