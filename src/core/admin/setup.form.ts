/**
 * `/studybot setup` as a form: its fields derived from the registry's options of the setup command (so an
 * option added there appears in the dialog without touching this file), prefilled from what is set now, and
 * the submitted values checked field by field by the same parser as the typed command (`parseSetup`) before
 * they run through the typed command's own path.
 */
import type { CommandOption } from '../commands/command.types.js';
import type { Catalog } from '../content/catalog.js';
import { refusal } from '../refusals.js';
import type { DialogField, Reply, ReplyDialog } from '../replies.js';
import { parseSetup } from './setup.command.js';

/** What the form shows as already chosen, by option name (`timezone`, `days`, `deck`, `adaptive`…). */
export type SetupCurrent = Record<string, string | undefined>;

/** The form's value of a boolean option: `true` or `false` (its on-word and off-word are the labels). */
const BOOLEAN_VALUES = { on: 'true', off: 'false' } as const;

/** One registry option as a form field: a select for booleans, choices and decks; typed text otherwise. */
function fieldOf(option: CommandOption, catalog: Catalog, initial: string | undefined): DialogField {
  const base = {
    name: option.name,
    label: option.description,
    required: option.required === true,
    ...(initial !== undefined ? { initial } : {}),
  };
  if (option.kind === 'boolean')
    return {
      ...base,
      input: 'select',
      choices: [
        { label: option.name, value: BOOLEAN_VALUES.on },
        ...(option.offWord ? [{ label: option.offWord, value: BOOLEAN_VALUES.off }] : []),
      ],
    };
  if (option.choices)
    return { ...base, input: 'select', choices: option.choices.map((c) => ({ label: c, value: c })) };
  if (option.complete === 'deck')
    return {
      ...base,
      input: 'select',
      choices: catalog.decks.map((d) => ({ label: `${d.meta.title} (${d.meta.id})`, value: d.meta.id })),
    };
  return {
    ...base,
    input: 'text',
    ...(option.placeholder ? { placeholder: option.placeholder } : {}),
    ...(option.maxLength !== undefined ? { maxLength: option.maxLength } : {}),
  };
}

/**
 * The set-up form for a channel: the channel (this one preselected), then one field per option of the
 * setup command in the registry. Its text (what the console prints, having no dialogs) is a usage form.
 */
export function setupFormReply(input: {
  options: readonly CommandOption[];
  catalog: Catalog;
  channelId: string;
  current: SetupCurrent;
  usage: string;
}): Reply {
  const fields: DialogField[] = [
    {
      name: 'channel',
      label: 'The channel to post the daily question in',
      input: 'channel',
      required: true,
      initial: input.channelId,
    },
    ...input.options.map((o) => fieldOf(o, input.catalog, input.current[o.name])),
  ];
  const dialog: ReplyDialog = { id: 'setup', title: 'Daily question', submit: 'Save', fields };
  const shown = (f: DialogField) =>
    f.input === 'channel'
      ? 'this channel'
      : [
          f.choices ? f.choices.map((c) => c.label).join('|') : (f.placeholder ?? f.name),
          f.initial !== undefined ? `now ${f.initial}` : undefined,
        ]
          .filter((p) => p !== undefined)
          .join(', ');
  return {
    kind: 'help',
    visibility: 'only-user',
    title: 'Set up the daily question',
    lines: [`Usage: ${input.usage}`, 'Each part, in any order after the time:'],
    fields: fields.map((f) => ({
      label: `${f.name}${f.required ? '' : ' (optional)'}`,
      value: `${f.label} (${shown(f)})`,
    })),
    footer: 'Example: /studybot setup 09:00 Europe/Berlin weekdays adaptive',
    dialog,
  };
}

/** A submitted value as the registry's text form takes it: booleans as true/false, empty as not given. */
export function optionValueOf(option: CommandOption, raw: string | undefined): string | boolean | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return undefined;
  if (option.kind === 'boolean')
    return value === BOOLEAN_VALUES.on ? true : value === BOOLEAN_VALUES.off ? false : undefined;
  return value;
}

/**
 * Checks a submitted set-up form with the typed command's parser: the required fields alone, then each
 * other field with them, so every error lands on the field that caused it. Empty when all is well.
 * `textOf` is the registry's text form of the options given (`09:00 Europe/Berlin deck git-basics`).
 */
export function setupFormErrors(
  options: readonly CommandOption[],
  values: Record<string, string | undefined>,
  catalog: Catalog,
  textOf: (given: (option: CommandOption) => string | boolean | undefined) => string,
): Record<string, string> {
  const check = (names: Set<string>): Reply | undefined => {
    const text = textOf((o) => (names.has(o.name) ? optionValueOf(o, values[o.name]) : undefined));
    const parsed = parseSetup(
      text.split(/\s+/).filter((w) => w !== ''),
      catalog,
    );
    return 'kind' in parsed ? parsed : undefined;
  };
  const required = options.filter((o) => o.required).map((o) => o.name);
  const errors: Record<string, string> = {};
  const base = check(new Set(required));
  if (base) {
    errors[required[0] ?? 'channel'] = base.lines.join(' ');
    return errors;
  }
  for (const option of options) {
    if (option.required || optionValueOf(option, values[option.name]) === undefined) continue;
    const refused = check(new Set([...required, option.name]));
    if (refused) errors[option.name] = refused.lines.join(' ');
  }
  if (Object.keys(errors).length > 0) return errors;
  const all = check(new Set(options.map((o) => o.name)));
  if (all) errors[options[0]?.name ?? 'channel'] = all.lines.join(' ');
  return errors;
}

/** The refusal a form with field errors answers with (its text for platforms that show no dialog). */
export function formInvalid(errors: Record<string, string>): Reply {
  const base = refusal('FORM_INVALID');
  return {
    ...base,
    lines: [...base.lines, ...Object.entries(errors).map(([name, error]) => `${name}: ${error}`)],
    fieldErrors: errors,
  };
}
