/**
 * What every platform derives from the command specs: syntax lines, help, usage sentences, who may run a
 * command, where its reply goes, whether it must be deferred, and its text form from structured options.
 */
import type { Actor } from '../actor.js';
import type { Visibility } from '../replies.js';
import type { CommandOption, CommandSpec, CompletionField, SubcommandSpec } from './command.types.js';

/** A command (and sub-command) found for a name and its text, with the text left for the handler. */
export interface ResolvedCommand<D> {
  spec: CommandSpec<D>;
  sub: SubcommandSpec<D> | undefined;
  /** `studybot setup` for a sub-command, else the command's name: the key of its handler. */
  key: string;
  /** The text after the command and sub-command names, trimmed. */
  text: string;
  usage: string;
}

/**
 * `<term>`, `[week|month|all|channel]`, `[adaptive|shuffled]`, `[recap <weekday|off>]`: how one option reads in a
 * syntax line (a placeholder, when given, stands for a long list of choices).
 */
function optionSyntax(option: CommandOption): string {
  const inner =
    option.kind === 'boolean'
      ? [option.name, ...(option.offWord ? [option.offWord] : [])].join('|')
      : (option.placeholder ?? (option.choices ? option.choices.join('|') : option.name));
  if (option.form === 'keyword')
    return option.required ? `${option.name} <${inner}>` : `[${option.name} <${inner}>]`;
  return option.required ? `<${inner}>` : `[${inner}]`;
}

/** The arguments part of a syntax line: the options in order, or the sub-command names. */
export function syntaxOf<D>(spec: CommandSpec<D> | SubcommandSpec<D>): string {
  if ('subcommands' in spec && spec.subcommands) return spec.subcommands.map((s) => s.name).join('|');
  return (spec.options ?? []).map(optionSyntax).join(' ');
}

const line = (command: string, syntax: string, summary: string) =>
  `${command}${syntax ? ` ${syntax}` : ''}: ${summary}`;

/** Builds the registry's derived views over a list of command specs. */
export function createCommandRegistry<D>(specs: readonly CommandSpec<D>[]) {
  const byName = new Map(specs.map((s) => [s.name, s]));

  const usageOf = (spec: CommandSpec<D>, sub?: SubcommandSpec<D>): string => {
    const target = sub ?? spec;
    const command = sub ? `/${spec.name} ${sub.name}` : `/${spec.name}`;
    return target.usage ?? `${command}${syntaxOf(target) ? ` ${syntaxOf(target)}` : ''}`;
  };

  /** The command and sub-command a name and text mean; undefined for a name the registry does not know. */
  function resolve(name: string, text: string): ResolvedCommand<D> | undefined {
    const spec = byName.get(name.toLowerCase());
    if (!spec) return undefined;
    const trimmed = text.trim();
    if (!spec.subcommands)
      return { spec, sub: undefined, key: spec.name, text: trimmed, usage: usageOf(spec) };
    const [first = '', ...rest] = trimmed.split(/\s+/);
    const sub = spec.subcommands.find((s) => s.name === first.toLowerCase());
    if (!sub) return { spec, sub: undefined, key: spec.name, text: trimmed, usage: usageOf(spec) };
    return { spec, sub, key: `${spec.name} ${sub.name}`, text: rest.join(' '), usage: usageOf(spec, sub) };
  }

  return {
    specs,
    find: (name: string) => byName.get(name.toLowerCase()),
    resolve,
    usageOf,

    /** `/explain, /quiz, … and /help`: the command names, for refusals and hints. */
    namesText(): string {
      const names = specs.map((s) => `/${s.name}`);
      return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
    },

    /** One line per command: `/leaderboard [week|month|all|channel]: the team board`. */
    helpLines: (): string[] => specs.map((s) => line(`/${s.name}`, syntaxOf(s), s.summary)),

    /** One line per sub-command of a command with sub-commands (`/studybot`). */
    subcommandLines: (spec: CommandSpec<D>): string[] =>
      (spec.subcommands ?? []).map((s) => line(`/${spec.name} ${s.name}`, syntaxOf(s), s.summary)),

    /** Whether the platform must confirm the caller's admin role with a fresh lookup before this command. */
    needsFreshRole: (name: string): boolean => byName.get(name.toLowerCase())?.freshRole === true,

    /** Whether the command answers from memory at once (no deferral needed): so does an unknown one. */
    isImmediate(name: string): boolean {
      const spec = byName.get(name.toLowerCase());
      return spec === undefined || spec.immediate === true;
    },

    /**
     * Where the command's first reply goes, known before it runs (Discord defers publicly or privately): public
     * only for a command (or sub-command) marked public, run by someone allowed to run it.
     */
    replyVisibility(actor: Actor, name: string, text: string): Visibility {
      const resolved = resolve(name, text);
      if (!resolved || (resolved.spec.admin && !actor.isAdmin)) return 'only-user';
      return (resolved.sub ?? resolved.spec).public ? 'channel' : 'only-user';
    },

    /** The field the core completes for an option of a command (or of one of its sub-commands). */
    completionField(name: string, sub: string | undefined, option: string): CompletionField | undefined {
      const spec = byName.get(name);
      const target = sub ? spec?.subcommands?.find((s) => s.name === sub) : spec;
      return target?.options?.find((o) => o.name === option)?.complete;
    },

    /**
     * The text form of a command given as structured options (Discord): sub-command name, then each option's
     * value in declared order, so the core parses one syntax whatever the platform.
     */
    textFromOptions(
      name: string,
      sub: string | undefined,
      optionValue: (option: CommandOption) => string | boolean | undefined,
    ): string {
      const spec = byName.get(name);
      const target = sub ? spec?.subcommands?.find((s) => s.name === sub) : spec;
      const words: string[] = sub ? [sub] : [];
      for (const option of target?.options ?? []) {
        const value = optionValue(option);
        if (value === true) words.push(option.name);
        else if (value === false && option.offWord) words.push(option.offWord);
        else if (typeof value === 'string') {
          const text = option.form === 'rest' ? value.trim() : value.trim().replace(/\s+/g, '_');
          if (text !== '' && option.form === 'keyword') words.push(option.name);
          if (text !== '') words.push(text);
        }
      }
      return words.join(' ');
    },
  };
}

export type CommandRegistry<D> = ReturnType<typeof createCommandRegistry<D>>;
