import { CHOICE_LETTERS, type ChoiceLetter } from './content/content.schema.js';

/**
 * Button payloads. They travel through the platform and come back from the user's client, so they are
 * parsed strictly and everything they name is checked against the database afterwards.
 */
export type ParsedAction =
  | { kind: 'answer'; postId: number; choice: ChoiceLetter }
  | { kind: 'practice'; promptId: number; choice: ChoiceLetter }
  | { kind: 'explain'; termId: string }
  | { kind: 'guess'; source: 'daily' | 'practice'; id: number }
  | { kind: 'drill'; deckId: string; questionId: string }
  /** A bare letter (the console's shortcut): the member's pending practice question, else the open one. */
  | { kind: 'latest'; choice: ChoiceLetter }
  /** A page of the term browser (`/explain` with no term). */
  | { kind: 'browse'; page: number }
  /** A button of the member's home page (Slack App Home): start practice, hide from or show on boards. */
  | { kind: 'home'; what: HomeAction }
  /** "Report" a question: a daily post (verdict or reveal) or a practice prompt; opens the report form. */
  | { kind: 'report'; source: 'daily' | 'practice'; id: number };

export const HOME_ACTIONS = ['quiz', 'optout', 'optin'] as const;
export type HomeAction = (typeof HOME_ACTIONS)[number];

export const answerAction = (postId: number, choice: string) => `answer:${postId}:${choice}`;
export const practiceAction = (promptId: number, choice: string) => `practice:${promptId}:${choice}`;
export const explainAction = (termId: string) => `explain:${termId}`;
/** "I guessed" under the verdict of a daily answer (post id) or a practice answer (prompt id). */
export const guessAction = (source: 'daily' | 'practice', id: number) => `guess:${source}:${id}`;
/** "Practise" a named question now (from /readiness). */
export const drillAction = (deckId: string, questionId: string) => `drill:${deckId}:${questionId}`;
/** "Report" under a verdict or a reveal: the post (daily) or practice prompt; also the report form's id. */
export const reportAction = (source: 'daily' | 'practice', id: number) => `report:${source}:${id}`;
export const latestAction = (choice: string) => `latest:${choice}`;
export const browseAction = (page: number) => `browse:${page}`;
export const homeAction = (what: HomeAction) => `home:${what}`;

const MAX_ID = 2_147_483_647;

export function parseAction(actionId: string): ParsedAction | undefined {
  if (actionId.length > 100) return undefined;
  const numbered = /^(answer|practice):([1-9][0-9]{0,9}):([A-E])$/.exec(actionId);
  if (numbered) {
    const id = Number(numbered[2]);
    const choice = numbered[3] as ChoiceLetter;
    if (id > MAX_ID || !CHOICE_LETTERS.includes(choice)) return undefined;
    return numbered[1] === 'answer'
      ? { kind: 'answer', postId: id, choice }
      : { kind: 'practice', promptId: id, choice };
  }
  const guess = /^guess:(daily|practice):([1-9][0-9]{0,9})$/.exec(actionId);
  if (guess && Number(guess[2]) <= MAX_ID)
    return { kind: 'guess', source: guess[1] === 'daily' ? 'daily' : 'practice', id: Number(guess[2]) };
  const report = /^report:(daily|practice):([1-9][0-9]{0,9})$/.exec(actionId);
  if (report && Number(report[2]) <= MAX_ID)
    return { kind: 'report', source: report[1] === 'daily' ? 'daily' : 'practice', id: Number(report[2]) };
  const drill = /^drill:([a-z0-9][a-z0-9-]{0,39}):([a-z0-9][a-z0-9-]{0,79})$/.exec(actionId);
  if (drill?.[1] && drill[2]) return { kind: 'drill', deckId: drill[1], questionId: drill[2] };
  const browse = /^browse:([1-9][0-9]{0,3})$/.exec(actionId);
  if (browse?.[1]) return { kind: 'browse', page: Number(browse[1]) };
  const latest = /^latest:([A-E])$/.exec(actionId);
  if (latest?.[1]) return { kind: 'latest', choice: latest[1] as ChoiceLetter };
  const home = /^home:(quiz|optout|optin)$/.exec(actionId);
  if (home?.[1]) return { kind: 'home', what: home[1] as HomeAction };
  const explain = /^explain:([a-z0-9][a-z0-9-]{0,79})$/.exec(actionId);
  if (explain?.[1]) return { kind: 'explain', termId: explain[1] };
  return undefined;
}

/** The kind of a button's action id, for logs and metrics: never the raw (user-controlled) text. */
export const actionKind = (actionId: string): ParsedAction['kind'] | 'invalid' =>
  parseAction(actionId)?.kind ?? 'invalid';
