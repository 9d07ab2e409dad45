/**
 * The shape of a command in the registry (src/core/commands/command.registry.ts): what it is called, what it
 * takes, who may run it, where its reply goes and which handler answers it. Help, the Discord definitions,
 * the Slack manifest check, the role check and Discord's deferral are all derived from these fields.
 */
import type { Actor } from '../actor.js';
import type { Reply } from '../replies.js';

/** Fields the core can autocomplete (Discord autocomplete boxes). */
export type CompletionField = 'term' | 'timezone' | 'days' | 'deck' | 'deck-or-topic' | 'topic';

/** One autocomplete suggestion: shown as `name`, sent back as `value`. */
export interface Completion {
  name: string;
  value: string;
}

export interface CommandOption {
  name: string;
  /** One line for Discord's option hint (at most 100 characters); the label of its field in a form. */
  description: string;
  kind: 'string' | 'boolean';
  required?: boolean;
  /** The only values accepted; platforms with pickers show them. */
  choices?: readonly string[];
  /** The core completes this option as the user types (Discord autocomplete). */
  complete?: CompletionField;
  minLength?: number;
  maxLength?: number;
  /** Shown in syntax lines: `<HH:MM>` instead of `<time>`. */
  placeholder?: string;
  /**
   * How the value travels in the command's text form (what Slack and the console type): `word` is one word
   * (inner spaces become `_`), `rest` is the rest of the text as typed, `keyword` is the option's name then
   * one word (`deck git-basics`), so it can stand anywhere; a boolean is its name when true.
   */
  form?: 'word' | 'rest' | 'keyword';
  /** A boolean only: the word it travels as when false (`shuffled` for `adaptive`); unset, false sends nothing. */
  offWord?: string;
}

export interface CommandRequest {
  actor: Actor;
  /** Everything after the command (and subcommand) name, trimmed. */
  text: string;
  /** The command's usage sentence (from the registry), for refusing arguments it does not take. */
  usage: string;
}

export type CommandHandler = (request: CommandRequest) => Promise<Reply[]>;

/** Builds a handler from exactly the dependencies it names (`Pick<UseCaseDeps, …>`). */
export type HandlerFactory<D> = (deps: D) => CommandHandler;

interface CommandBase<D> {
  name: string;
  /** One line, at most 100 characters: Discord's command description and the Slack manifest's. */
  description: string;
  /** What `/help` says the command does, after its syntax. */
  summary: string;
  /** A usage sentence for refusals of bad arguments and `/help <command>`, after "Usage: ". */
  usage?: string;
  options?: readonly CommandOption[];
  /** The first reply goes to the channel rather than only to the user (an admin announcing a schedule). */
  public?: boolean;
  handler?: HandlerFactory<D>;
}

export interface SubcommandSpec<D> extends CommandBase<D> {
  handler: HandlerFactory<D>;
}

export interface CommandSpec<D> extends CommandBase<D> {
  /** Only workspace admins may run it: checked by the core on every use, whatever the platform shows. */
  admin?: boolean;
  /** The admin check must ask the platform now (Slack users.info), not trust a role it cached. */
  freshRole?: boolean;
  /** Answered from memory at once (a glossary lookup), so platforms need not defer the reply. */
  immediate?: boolean;
  /**
   * Usable anywhere the platform allows (Discord: installable to a user, in DMs and any server): a lookup
   * that stores nothing. Elsewhere than a workspace (`Actor.lookupOnly`) only these commands run.
   */
  anywhere?: boolean;
  /** Sub-commands (`/studybot setup`), each with its own options and handler; `handler` then answers none. */
  subcommands?: readonly SubcommandSpec<D>[];
  /** For a command with sub-commands: what an empty or unknown sub-command gets. */
  handler?: HandlerFactory<D>;
}
