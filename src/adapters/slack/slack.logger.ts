import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/**
 * Bolt's, the Web API client's and the Socket Mode client's logs, through our pino logger (with its
 * redaction and token scrubbing). Their debug lines are dropped on purpose: they print raw request bodies,
 * WebSocket frames and response URLs, which must never reach a log.
 */
export function createBoltLogger(logger: Logger): SlackLogger {
  const log = logger.child({ module: 'slack', component: 'bolt' });
  let name = 'bolt';

  const write = (level: 'info' | 'warn' | 'error', args: unknown[]) => {
    const errors = args.filter((a): a is Error => a instanceof Error);
    const text = args
      .filter((a) => !(a instanceof Error))
      .map((a) => (typeof a === 'string' ? a : safeJson(a)))
      .join(' ');
    const fields: Record<string, unknown> = { source: name };
    if (errors[0]) fields.err = errors[0];
    log[level](fields, text || errors[0]?.message || '');
  };

  return {
    debug: () => undefined,
    info: (...args) => write('info', args),
    warn: (...args) => write('warn', args),
    error: (...args) => write('error', args),
    // Bolt asks for a level and compares against DEBUG before building costly debug strings.
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: (next) => {
      name = next;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
