/**
 * Entry point of `npm start`: parse the configuration once, start the app, stop it cleanly on SIGINT or
 * SIGTERM. With no Slack or Discord credentials it opens the console chat on the embedded database.
 */
import { startApp } from './app.js';
import { type Config, ConfigError, parseConfig } from './config.js';
import { ContentError } from './core/content/content.loader.js';
import { createLogger } from './logger.js';
import { createOutputGuard } from './output-guard.js';
import { installProcessGuards } from './process-guards.js';
import { consoleInput, consoleRefusal } from './startup/console-input.js';
import { StartupError } from './startup/startup-error.js';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const flush = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write('', () => resolve()));

/** The stack of an error and of each cause below it (for LOG_LEVEL=debug). */
function describeCause(error: unknown): string {
  const out: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    out.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return out.join('\ncaused by: ');
}

function secretsOf(config: Config): string[] {
  return [
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
    config.slack?.oauth?.clientSecret,
    config.slack?.oauth?.stateSecret,
    config.slack?.oauth?.installationKey.toString('base64'),
    config.slack?.oauth?.installationKey.toString('hex'),
    config.discord?.token,
    config.metricsToken,
  ].filter((s): s is string => s !== undefined);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError)
      fail(`studybot cannot start. ${error.message}\nSee .env.example and the README.`, 2);
    throw error;
  }
  const consoleMode = config.slack === undefined && config.discord === undefined;
  if (consoleMode) {
    // No console on a closed stdin (a container without -i): exit non-zero naming what to set, rather than
    // open a chat that ends at once and exits 0, which a restart policy repeats forever.
    const refused = consoleRefusal(config.console, consoleInput(process.stdin));
    if (refused) fail(refused, 2);
  }
  // A reader that goes away (`npm start | head`) ends the process quietly, in every mode: nothing more is
  // written or logged, the app stops in order, and the exit status is 0.
  let shutdown: (reason: string, code?: number) => Promise<void> = async () => process.exit(0);
  const output = createOutputGuard(() => {
    setTimeout(() => process.exit(0), 5_000).unref();
    void shutdown('output closed', 0);
  });
  output.watch(process.stdout);
  const logger = createLogger({
    // The console chat owns the terminal: only warnings and errors go to stderr unless asked otherwise.
    level: config.log.level ?? (consoleMode ? 'warn' : 'info'),
    format: config.log.format ?? (process.stderr.isTTY ? 'pretty' : 'json'),
    secrets: secretsOf(config),
    destination: output.destination(process.stderr),
    colorize: Boolean(process.stderr.isTTY),
  });

  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config, { logger, interactive: Boolean(process.stdin.isTTY) });
  } catch (error) {
    if (error instanceof ContentError) fail(`studybot cannot start. ${error.message}`, 1);
    // An operator's problem (a token, the network) is one line; the stack only when debugging.
    if (error instanceof StartupError) {
      const debug = config.log.level === 'debug' || config.log.level === 'trace';
      fail(`studybot cannot start. ${error.message}${debug ? `\n${describeCause(error)}` : ''}`, 1);
    }
    throw error;
  }

  let stopping = false;
  shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    await app.stop();
    logger.info({ reason }, 'stopped');
    // Output to a pipe may still be buffered; exiting now would cut the last replies off.
    if (!output.closed) {
      await flush(process.stdout);
      await flush(process.stderr);
    }
    process.exit(code);
  };
  installProcessGuards(logger, (reason, code) => void shutdown(reason, code));
  // `on`, not `once`: a second signal (a process manager sending it twice, or tsx relaying it) must not
  // fall back to the default action and kill the process half-way through its orderly stop.
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.done;
  await shutdown('end of input');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `studybot stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
