import type { CommandHandler } from '../commands/command.types.js';
import type { UseCaseDeps } from '../commands/commands.js';
import { privateReply } from '../replies.js';

/** `/studybot recap`: posts this week's recap in the channel now (admins; the registry checks). */
export const recapHandler =
  (deps: Pick<UseCaseDeps, 'recapService'>): CommandHandler =>
  async ({ actor }) => {
    const outcome = await deps.recapService.recapNow(actor);
    if (outcome.kind === 'already') return [privateReply('info', ['A recap is being posted here already.'])];
    return [
      privateReply('info', [
        outcome.imagePosted
          ? 'Posted the weekly recap here, with its chart.'
          : 'Posted the weekly recap here, with the chart drawn as text (the picture could not be posted).',
      ]),
    ];
  };
