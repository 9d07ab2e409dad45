import type { Logger } from './logger.js';

/**
 * The last line of defence: a promise rejection nobody handled (a chat SDK choking on a malformed
 * platform payload, say) is logged and the bot keeps serving, rather than Node ending the process. An
 * uncaught exception leaves the process in an unknown state, so it is logged and the process stops
 * cleanly; the container's restart policy brings it back.
 */
export function installProcessGuards(logger: Logger, stop: (reason: string, code: number) => void): void {
  const log = logger.child({ module: 'process' });
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection; ignored, the bot keeps running');
  });
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception; stopping');
    stop('uncaughtException', 1);
  });
}
