/**
 * Start-up: config → logger → content → database → core → adapters; and an orderly shutdown.
 * With no Slack or Discord credentials it opens the console chat on the embedded database.
 */
import { createConsoleAdapter } from './adapters/console/console.adapter.js';
import { type Config, ConfigError, parseConfig } from './config.js';
import { createBot } from './core/bot.js';
import { loadCatalog } from './core/content/catalog.js';
import { ContentError } from './core/content/content.loader.js';
import { systemClock } from './core/ports.js';
import type { PublisherRegistry } from './core/quiz/quiz.service.js';
import { createDatabase, type Database } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { createQuizStore } from './db/quiz.store.js';
import { createLogger, type Logger } from './logger.js';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function secretsOf(config: Config): string[] {
  return [
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
    config.discord?.token,
  ].filter((s): s is string => s !== undefined);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError)
      fail(`studybot cannot start. ${error.message}\nSee .env.example and the README.`, 2);
    throw error;
  }
  const consoleMode = config.slack === undefined && config.discord === undefined;
  const logger: Logger = createLogger({
    // The console chat owns the terminal: only warnings and errors go to stderr unless asked otherwise.
    level: config.log.level ?? (consoleMode ? 'warn' : 'info'),
    format: config.log.format ?? (process.stderr.isTTY ? 'pretty' : 'json'),
    secrets: secretsOf(config),
  });

  let catalog: Awaited<ReturnType<typeof loadCatalog>>;
  try {
    catalog = await loadCatalog(config.contentDir);
  } catch (error) {
    if (error instanceof ContentError) fail(`studybot cannot start. ${error.message}`, 1);
    throw error;
  }

  const database: Database = await createDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    poolMax: config.database.poolMax,
    onNotice: (m) => logger.debug({ module: 'db' }, m),
  });
  await runMigrations(database);
  const publishers: PublisherRegistry = new Map();
  const bot = createBot({
    catalog,
    store: createQuizStore({ database }),
    publishers,
    clock: systemClock,
    settings: { postWindowHours: config.postWindowHours, defaultTimezone: config.defaultTimezone },
    log: logger.child({ module: 'core' }),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await database.close().catch((err: unknown) => logger.error({ err }, 'closing the database failed'));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  if (consoleMode) {
    const interactive = Boolean(process.stdin.isTTY);
    const terms = catalog.decks.reduce((n, d) => n + d.terms.length, 0);
    const questions = catalog.decks.reduce((n, d) => n + d.questions.length, 0);
    const where =
      database.kind === 'pglite'
        ? `embedded PostgreSQL (PGlite) in ${config.database.dataDir}/pglite`
        : 'PostgreSQL at DATABASE_URL';
    const adapter = createConsoleAdapter({
      bot,
      logger,
      input: process.stdin,
      output: process.stdout,
      interactive,
      banner: [
        `studybot console chat: ${catalog.decks.length} deck(s), ${terms} terms, ${questions} questions; ${where}; ready in ${Date.now() - startedAt} ms.`,
        'No Slack or Discord credentials are set, so you are chatting locally as an admin. Type /help, or try /explain scp.',
        'To connect Slack set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; for Discord set DISCORD_TOKEN (see README.md).',
      ],
    });
    publishers.set('console', adapter.publisher);
    await adapter.run();
    await shutdown('end of input');
    return;
  }
  logger.error(
    'Slack and Discord adapters are not built yet; unset their credentials to use the console chat.',
  );
  await shutdown('no adapter');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `studybot stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
