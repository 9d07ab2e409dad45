import os from 'node:os';
import path from 'node:path';
import {
  CONSOLE_CHANNEL,
  CONSOLE_WORKSPACE,
  createConsoleAdapter,
} from '../adapters/console/console.adapter.js';
import type { Config } from '../config.js';
import { exampleTerms } from '../core/explain/browse.js';
import type { Logger } from '../logger.js';
import type { CoreParts } from './core.startup.js';

/** The console chat, when no platform is configured: its banner, and a promise that ends with its input. */
export function startConsole(
  core: CoreParts,
  config: Config,
  options: {
    logger: Logger;
    input: NodeJS.ReadableStream;
    output: NodeJS.WritableStream;
    interactive: boolean;
    startedAt: number;
  },
): Promise<void> {
  const { catalog, database, bot, publishers } = core;
  const terms = catalog.decks.reduce((n, d) => n + d.terms.length, 0);
  const questions = catalog.decks.reduce((n, d) => n + d.questions.length, 0);
  const where =
    database.kind === 'pglite'
      ? `embedded PostgreSQL (PGlite) in ${config.database.dataDir}/pglite`
      : 'PostgreSQL at DATABASE_URL';
  const adapter = createConsoleAdapter({
    imageDir: path.join(config.database.dataDir, 'recaps'),
    bot,
    inbound: { deliveries: core.stores.deliveries, limits: config.inbound },
    logger: options.logger,
    input: options.input,
    output: options.output,
    interactive: options.interactive,
    initialUser: defaultMemberName(),
    banner: [
      `studybot console chat: ${catalog.decks.length} deck(s), ${terms} terms, ${questions} questions; ${where}; ready in ${Date.now() - options.startedAt} ms.`,
      `No Slack or Discord credentials are set, so you are chatting locally as an admin. Type /help, or try /explain ${exampleTerms(catalog, 1)[0] ?? 'list'}.`,
      'To connect Slack set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; for Discord set DISCORD_TOKEN (see README.md).',
    ],
  });
  publishers.register('console', adapter.publisher);
  // The console demo has the weekly recap on (Mondays), unless someone set it here before.
  return bot.recap
    .recapByDefault(
      {
        platform: 'console',
        workspaceId: CONSOLE_WORKSPACE,
        workspaceName: 'console',
        channelId: CONSOLE_CHANNEL,
        userId: `user:${defaultMemberName().toLowerCase()}`,
        userName: defaultMemberName(),
        isAdmin: true,
      },
      'mon',
    )
    .then(() => adapter.run());
}

/** The console's first member: the operating-system user (so boards read as names), else `console`. */
function defaultMemberName(): string {
  try {
    const name = os.userInfo().username.trim();
    return /^[\p{L}\p{N}._-]{1,40}$/u.test(name) ? name : 'console';
  } catch {
    return 'console';
  }
}
