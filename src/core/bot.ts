import { parseAction } from './actions.js';
import type { Actor, Platform } from './actor.js';
import { formInvalid, optionValueOf, setupFormErrors } from './admin/setup.form.js';
import type { CommandHandler, CommandOption, Completion, CompletionField } from './commands/command.types.js';
import { commandRegistry, type StudybotCommands, type UseCaseDeps } from './commands/commands.js';
import type { Catalog } from './content/catalog.js';
import type { CoreDeps } from './core.deps.js';
import { browseReply } from './explain/browse.js';
import { EXPLAIN_USAGE, explainById } from './explain/explain.command.js';
import { explainText } from './explain/explain-text.js';
import { createGlossary } from './explain/glossary.js';
import { homePage } from './home/home.page.js';
import type { Delivery } from './inbound/deliveries.port.js';
import { focusChoices } from './practice/practice.command.js';
import { createPracticeService } from './practice/practice.service.js';
import { createLatestAnswer } from './quiz/latest-answer.service.js';
import { createQuizService, type QuizService } from './quiz/quiz.service.js';
import { markGuess } from './readiness/guess.action.js';
import { createReadinessService, type ReadinessService } from './readiness/readiness.service.js';
import { createRecapService, type RecapService } from './recap/recap.service.js';
import { refusal } from './refusals.js';
import { privateReply, quoteUserText, type Reply } from './replies.js';
import { createReportService } from './reports/report.service.js';
import { completeDays } from './schedule/days.js';
import { isValidTimeZone } from './time.js';
import { type RemovalKind, workspaceRemoved, workspaceRestored } from './workspace/removal.service.js';

/**
 * The platform-free bot: adapters turn platform payloads into these calls and render the replies.
 * A reply's `visibility` says where it goes: `channel` replies to the channel, the rest only to the actor.
 */
export interface Bot {
  catalog: Catalog;
  /** The command registry: what adapters derive their command surface from. */
  commands: StudybotCommands;
  /** Posting, closing and reveals, shared with the scheduler. */
  quiz: QuizService;
  /** Readiness snapshots and the fold of reviews, refreshed by the scheduler. */
  readiness: ReadinessService;
  /** Weekly recaps, posted by the scheduler and `/studybot recap`. */
  recap: RecapService;
  /** A command by name with its text (`setup 09:00 UTC`); unknown names get COMMAND_UNKNOWN. */
  command(actor: Actor, name: string, text: string): Promise<Reply[]>;
  /** A button press; `actionId` is whatever the core put on the button, so it is checked, never trusted. */
  /**
   * A button press. `delivery` (the press's, from the inbound pipeline) is remembered by an answer to the
   * daily question in its own statement: a redelivery answers only the REDELIVERED refusal.
   */
  action(actor: Actor, actionId: string, delivery?: Delivery): Promise<Reply[]>;
  /** Whether a button opens a form (a "Report" button): Discord must answer it with the modal, not defer. */
  opensForm(actionId: string): boolean;
  /**
   * A submitted form (`Reply.form`): its id as the core gave it, and the values by field name. Both come
   * back from the user's client, so they are checked like a button's action id.
   */
  submit(actor: Actor, formId: string, values: Readonly<Record<string, string>>): Promise<Reply[]>;
  autocomplete(actor: Actor, field: CompletionField, value: string): Completion[];
  /** "Explain terms in this message": the glossary terms a message's text names (a lookup: stores nothing). */
  explainText(actor: Actor, text: string): Promise<Reply[]>;
  /** The member's home page (Slack App Home) as neutral sections, built fresh. */
  home(actor: Actor): Promise<Reply[]>;
  /**
   * A submitted form (`setup`): its values by field name, checked field by field; errors come back as one
   * FORM_INVALID reply with `fieldErrors`, else the values run as the typed command in the chosen channel.
   */
  submitForm(actor: Actor, formId: string, values: Record<string, string | undefined>): Promise<Reply[]>;
  /**
   * Records who a member is (their display name), learned by the adapter outside any event: a name found by
   * a background lookup after a click went ahead with a stand-in. Creates the member if needed.
   */
  rememberMember(actor: Actor): Promise<void>;
  /**
   * The bot was taken out of a workspace (Slack uninstall or revoked tokens, Discord server removal): its
   * schedules pause with a reason /studybot status shows; no data is deleted. Idempotent; returns how many.
   */
  workspaceRemoved(platform: Platform, workspaceExternalId: string, kind: RemovalKind): Promise<number>;
  /** The app is back (a Slack reinstall): schedules paused for `kind` run again; returns how many. */
  workspaceRestored(platform: Platform, workspaceExternalId: string, kind: RemovalKind): Promise<number>;
}

/** IANA zone names for autocomplete, from the runtime's own list. */
const ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return ['UTC', ...(intl.supportedValuesOf?.('timeZone') ?? [])].filter(isValidTimeZone);
})();

/** Builds the core from its dependencies: the services, every command's handler, and the dispatch. */
export function createBot(deps: CoreDeps): Bot {
  const { catalog } = deps;
  const readinessService = createReadinessService(deps);
  const quiz = createQuizService(deps, readinessService);
  const glossary = createGlossary(catalog);
  const recapService = createRecapService(deps, readinessService);
  const useCases: UseCaseDeps = {
    ...deps,
    glossary,
    quiz,
    readinessService,
    recapService,
    practiceService: createPracticeService(deps, readinessService),
    commands: commandRegistry,
  };
  const answerLatest = createLatestAnswer(useCases);
  const reports = createReportService(deps);
  const handlers = new Map<string, CommandHandler>();
  for (const spec of commandRegistry.specs) {
    if (spec.handler) handlers.set(spec.name, spec.handler(useCases));
    for (const sub of spec.subcommands ?? []) handlers.set(`${spec.name} ${sub.name}`, sub.handler(useCases));
  }

  /** Days, decks, and decks with topics: small lists, filtered by what was typed. */
  const completeOther = (field: CompletionField, value: string): Completion[] | undefined => {
    const needle = value.trim().toLowerCase();
    const match = (c: Completion) => c.name.toLowerCase().includes(needle) || c.value.includes(needle);
    if (field === 'days') return completeDays(value).map((d) => ({ name: d, value: d }));
    if (field === 'deck')
      return catalog.decks
        .map((d) => ({ name: `${d.meta.title} (${d.meta.id})`, value: d.meta.id }))
        .filter(match)
        .slice(0, 25);
    if (field === 'deck-or-topic' || field === 'topic')
      return focusChoices(catalog).filter(match).slice(0, 25);
    return undefined;
  };

  const bot: Bot = {
    catalog,
    commands: commandRegistry,
    quiz,
    readiness: readinessService,
    recap: recapService,
    async command(actor, name, text) {
      const resolved = commandRegistry.resolve(name, text);
      if (!resolved) {
        return [
          refusal('COMMAND_UNKNOWN', {
            command: `/${quoteUserText(name, 40)}`,
            commands: commandRegistry.namesText(),
          }),
        ];
      }
      const { spec } = resolved;
      if (actor.lookupOnly && !spec.anywhere) return [refusal('LOOKUP_ONLY')];
      if (spec.admin && !actor.isAdmin) return [refusal('NOT_ADMIN', { command: `/${spec.name}` })];
      const handler = handlers.get(resolved.key);
      if (!handler) {
        // A command with sub-commands, given none: list them; given one it does not have: say so, then list.
        const lines = commandRegistry.subcommandLines(spec);
        const [word] = resolved.text.split(/\s+/);
        if (!word) return [privateReply('help', lines, { title: `/${spec.name}` })];
        const unknown = refusal('SUBCOMMAND_UNKNOWN', {
          command: `/${spec.name} ${quoteUserText(word, 40)}`,
          subcommands: (spec.subcommands ?? []).map((s) => s.name).join(', '),
        });
        return [{ ...unknown, lines: [...unknown.lines, ...lines] }];
      }
      return handler({ actor, text: resolved.text, usage: resolved.usage });
    },
    async action(actor, actionId, delivery) {
      const action = parseAction(actionId);
      if (actor.lookupOnly && action?.kind !== 'explain' && action?.kind !== 'browse')
        return [refusal(action ? 'LOOKUP_ONLY' : 'ACTION_INVALID')];
      switch (action?.kind) {
        case 'answer':
          return [await quiz.answer(actor, action.postId, action.choice, delivery)];
        case 'practice':
          return [await useCases.practiceService.answer(actor, action.promptId, action.choice)];
        case 'guess':
          return [await markGuess(deps, actor, action.source, action.id)];
        case 'drill':
          return [await useCases.practiceService.drill(actor, action.deckId, action.questionId)];
        case 'latest':
          return [await answerLatest(actor, action.choice)];
        case 'browse':
          return [browseReply(catalog, action.page, EXPLAIN_USAGE)];
        case 'home': {
          const [name, text] = action.what === 'quiz' ? ['quiz', ''] : ['stats', action.what];
          return bot.command(actor, name, text);
        }
        case 'report':
          return [await reports.open(actor, action.source, action.id, actionId)];
        case 'explain': {
          const reply = explainById(action.termId, catalog);
          if (reply) return [reply];
          break;
        }
        case undefined:
          break;
      }
      return [refusal('ACTION_INVALID')];
    },
    async explainText(_actor, text) {
      return [explainText(text, glossary)];
    },
    async home(actor) {
      if (actor.lookupOnly) return [refusal('LOOKUP_ONLY')];
      return homePage(useCases, actor);
    },
    async submitForm(actor, formId, values) {
      const spec = commandRegistry.find('studybot');
      const options = spec?.subcommands?.find((s) => s.name === 'setup')?.options;
      if (formId !== 'setup' || !options) return [refusal('ACTION_INVALID')];
      if (!actor.isAdmin) return [refusal('NOT_ADMIN', { command: '/studybot' })];
      // The options' text form after `setup`, as the set-up parser reads it.
      const textOf = (given: (o: CommandOption) => string | boolean | undefined) =>
        commandRegistry.textFromOptions('studybot', 'setup', given).replace(/^setup\s*/, '');
      const errors = setupFormErrors(options, values, catalog, textOf);
      if (Object.keys(errors).length > 0) return [formInvalid(errors)];
      const channelId = values.channel?.trim() || actor.channelId;
      const text = textOf((o) => optionValueOf(o, values[o.name]));
      return bot.command({ ...actor, channelId }, 'studybot', `setup ${text}`);
    },
    opensForm(actionId) {
      return parseAction(actionId)?.kind === 'report';
    },
    async submit(actor, formId, values) {
      const form = parseAction(formId);
      if (form?.kind !== 'report') return [refusal('ACTION_INVALID')];
      return [await reports.submit(actor, form.source, form.id, values)];
    },
    async rememberMember(actor) {
      await deps.members.ensureMember(actor, deps.settings.defaultTimezone);
    },
    workspaceRemoved: (platform, workspace, kind) => workspaceRemoved(deps, platform, workspace, kind),
    workspaceRestored: (platform, workspace, kind) => workspaceRestored(deps, platform, workspace, kind),
    autocomplete(_actor, field, value) {
      if (value.length > 100) return [];
      if (field === 'timezone') {
        const needle = value.trim().toLowerCase().replace(/\s+/g, '_');
        return ZONES.filter((z) => z.toLowerCase().includes(needle))
          .slice(0, 25)
          .map((z) => ({ name: z, value: z }));
      }
      return (
        completeOther(field, value) ??
        glossary.terms.complete(value, 25).map(({ term }) => ({ name: term.term, value: term.id }))
      );
    },
  };
  return bot;
}
