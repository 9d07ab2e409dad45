import { privateReply } from '../replies.js';
import type { CommandHandler } from './command.types.js';

/** `/help`: one line per command, from the registry, so the list can never miss one. */
export const helpHandler =
  ({ commands }: { commands: { helpLines(): string[] } }): CommandHandler =>
  async () => [privateReply('help', commands.helpLines(), { title: 'studybot commands' })];
