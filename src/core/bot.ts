import { studybotCommand } from './admin/studybot.command.js';
import type { Catalog } from './content/catalog.js';
import { isStudybotError } from './errors.js';
import type { Actor, CommandName, Completion } from './events.js';
import { explainById, explainCommand } from './explain/explain.command.js';
import { createPracticeService } from './practice/practice.service.js';
import { parseAction } from './quiz/actions.js';
import { createQuizService, type QuizDeps, type QuizService } from './quiz/quiz.service.js';
import { errorReply, privateReply, type Reply } from './replies.js';
import { leaderboardCommand } from './scores/leaderboard.command.js';
import { statsCommand } from './scores/stats.command.js';
import { isValidTimeZone } from './time.js';

/**
 * The platform-free bot: adapters turn platform payloads into these calls and render the replies.
 * A reply's `visibility` says where it goes: `channel` replies to the channel, the rest only to the actor.
 */
export interface Bot {
  catalog: Catalog;
  /** Posting, closing and reveals, shared with the scheduler. */
  quiz: QuizService;
  command(actor: Actor, name: CommandName, text: string): Promise<Reply[]>;
  /** A button press; `actionId` is whatever the core put on the button, so it is checked, never trusted. */
  action(actor: Actor, actionId: string): Promise<Reply[]>;
  autocomplete(actor: Actor, field: 'term' | 'timezone', value: string): Completion[];
}

/** The bot needs what its quiz service needs, and nothing more. */
export type BotDeps = QuizDeps;

export const HELP_LINES = [
  '/explain <term>: what a term means, e.g. /explain scp',
  '/quiz: a practice question picked for you by spaced repetition',
  '/leaderboard [week|month|all|channel]: the team board',
  '/stats [optout|optin]: your points, streaks and weakest topic; hide or show yourself on boards',
  '/studybot setup|post|close|pause|resume|status: run the daily question in this channel (admins)',
];

/** IANA zone names for autocomplete, from the runtime's own list. */
const ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return ['UTC', ...(intl.supportedValuesOf?.('timeZone') ?? [])].filter(isValidTimeZone);
})();

export function createBot(deps: BotDeps): Bot {
  const { catalog, store, clock } = deps;
  const defaultTimezone = deps.settings.defaultTimezone;
  const quiz = createQuizService(deps);
  const practice = createPracticeService({ catalog, store, clock, defaultTimezone });

  return {
    catalog,
    quiz,
    async command(actor, name, text) {
      switch (name) {
        case 'explain':
          return [explainCommand(text, catalog)];
        case 'help':
          return [privateReply('help', HELP_LINES, { title: 'studybot commands' })];
        case 'quiz':
          return [await practice.quiz(actor)];
        case 'leaderboard':
          return [await leaderboardCommand(actor, text, { store, clock, defaultTimezone })];
        case 'stats':
          return [await statsCommand(actor, text, { store, catalog, clock, defaultTimezone })];
        case 'studybot':
          return studybotCommand(actor, text, { catalog, store, quiz, clock, defaultTimezone });
      }
    },
    async action(actor, actionId) {
      const action = parseAction(actionId);
      switch (action?.kind) {
        case 'answer':
          return [await quiz.answer(actor, action.postId, action.choice)];
        case 'practice':
          return [await practice.answer(actor, action.promptId, action.choice)];
        case 'explain': {
          const reply = explainById(action.termId, catalog);
          if (reply) return [reply];
          break;
        }
        case undefined:
          break;
      }
      return [errorReply('That button is not valid. Nothing was changed.')];
    },
    autocomplete(_actor, field, value) {
      if (value.length > 100) return [];
      if (field === 'timezone') {
        const needle = value.trim().toLowerCase().replace(/\s+/g, '_');
        return ZONES.filter((z) => z.toLowerCase().includes(needle))
          .slice(0, 25)
          .map((z) => ({ name: z, value: z }));
      }
      return catalog.terms.complete(value, 25).map(({ term }) => ({ name: term.term, value: term.id }));
    },
  };
}

/** What to tell a user when handling their event failed: the error's own safe message, or a generic one. */
export function replyForError(error: unknown): Reply {
  if (isStudybotError(error)) return errorReply(error.userMessage);
  return errorReply(
    'Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.',
  );
}
