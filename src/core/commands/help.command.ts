import { refusal } from '../refusals.js';
import { privateReply, quoteUserText } from '../replies.js';
import type { CommandRegistry } from './command.registry.js';
import type { CommandHandler } from './command.types.js';

/**
 * `/help`: one line per command, from the registry, so the list can never miss one. `/help <command>`: that
 * command's usage, what it does, its options or sub-commands, and who may run it.
 */
export const helpHandler =
  <D>({ commands }: { commands: CommandRegistry<D> }): CommandHandler =>
  async ({ text }) => {
    const name = text.trim().replace(/^\//, '').toLowerCase();
    if (name === '') return [privateReply('help', commands.helpLines(), { title: 'studybot commands' })];
    const spec = commands.find(name);
    if (!spec) {
      return [
        refusal('COMMAND_UNKNOWN', {
          command: `/${quoteUserText(name, 40)}`,
          commands: commands.namesText(),
        }),
      ];
    }
    const options = (spec.options ?? []).map(
      (o) => `${o.name}: ${o.description}${o.choices ? ` (${o.choices.join(', ')})` : ''}`,
    );
    return [
      privateReply(
        'help',
        [`Usage: ${commands.usageOf(spec)}`, ...commands.subcommandLines(spec), ...options],
        {
          title: `/${spec.name}: ${spec.description}`,
          ...(spec.admin ? { footer: 'For workspace admins only.' } : {}),
        },
      ),
    ];
  };
