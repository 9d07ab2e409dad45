import type { Catalog } from './content/catalog.js';
import { isStudybotError } from './errors.js';
import type { Actor, CommandName, Completion } from './events.js';
import { explainById, explainCommand } from './explain/explain.command.js';
import { errorReply, privateReply, type Reply } from './replies.js';

/**
 * The platform-free bot: adapters turn platform payloads into these calls and render the replies.
 * Every reply is addressed by its `visibility`; a reply for the channel is posted there, the rest only
 * to the actor.
 */
export interface Bot {
  catalog: Catalog;
  command(actor: Actor, name: CommandName, text: string): Promise<Reply[]>;
  /** A button press; `actionId` is whatever the core put on the button, so it is checked, never trusted. */
  action(actor: Actor, actionId: string): Promise<Reply[]>;
  autocomplete(actor: Actor, field: 'term', value: string): Completion[];
}

export interface BotDeps {
  catalog: Catalog;
}

export const HELP_LINES = [
  '/explain <term>: what a term means, e.g. /explain scp',
  '/quiz: a practice question picked for you by spaced repetition',
  '/leaderboard [week|month|all|channel]: the team board',
  '/stats [optout|optin]: your points, streaks and weakest topic; hide or show yourself on boards',
  '/studybot setup|post|close|pause|resume|status: run the daily question in this channel (admins)',
];

const notYet = (what: string): Reply =>
  privateReply('info', [
    `${what} is not available yet: it arrives with the quiz engine. /explain works today.`,
  ]);

export function createBot(deps: BotDeps): Bot {
  const { catalog } = deps;
  return {
    catalog,
    async command(_actor, name, text) {
      switch (name) {
        case 'explain':
          return [explainCommand(text, catalog)];
        case 'help':
          return [privateReply('help', HELP_LINES, { title: 'studybot commands' })];
        case 'quiz':
          return [notYet('/quiz')];
        case 'leaderboard':
          return [notYet('/leaderboard')];
        case 'stats':
          return [notYet('/stats')];
        case 'studybot':
          return [notYet('/studybot')];
      }
    },
    async action(_actor, actionId) {
      const [kind, arg] = splitAction(actionId);
      if (kind === 'explain' && arg !== undefined) {
        const reply = explainById(arg, catalog);
        if (reply) return [reply];
      }
      return [errorReply('That button is not valid any more. Nothing was changed.')];
    },
    autocomplete(_actor, _field, value) {
      if (value.length > 100) return [];
      return catalog.terms.complete(value, 25).map(({ term }) => ({ name: term.term, value: term.id }));
    },
  };
}

/** `kind:rest` → [kind, rest]. */
export function splitAction(actionId: string): [string, string | undefined] {
  const i = actionId.indexOf(':');
  return i < 0 ? [actionId, undefined] : [actionId.slice(0, i), actionId.slice(i + 1)];
}

/** What to tell a user when handling their event failed: the error's own safe message, or a generic one. */
export function replyForError(error: unknown): Reply {
  if (isStudybotError(error)) return errorReply(error.userMessage);
  return errorReply(
    'Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.',
  );
}
