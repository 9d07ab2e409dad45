import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from './config.js';

export type { Logger };

/** Token shapes that must never reach a log line, whatever object or message carries them. */
const TOKEN_PATTERNS: RegExp[] = [
  /xox[abposre]-[A-Za-z0-9-]{6,}/g,
  /xapp-[A-Za-z0-9-]{6,}/g,
  // Discord bot tokens: base64 user id . timestamp . HMAC.
  /[A-Za-z\d_-]{20,30}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g,
];

/** Field names whose values are always secret, wherever they appear. */
const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'Authorization',
  'password',
  'headers.authorization',
  'headers.Authorization',
  'headers["x-slack-signature"]',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  '*.Authorization',
  '*.password',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.*.token',
  '*.*.authorization',
];

export function scrubSecrets(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) if (secret.length >= 8) out = out.split(secret).join('[REDACTED]');
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, '[REDACTED]');
  // Discord interaction and webhook tokens ride in REST URLs (a failed request's error carries the URL);
  // whoever holds one can answer as the bot for 15 minutes.
  out = out.replace(/(\/(?:interactions|webhooks)\/\d{5,25}\/)[^/?#\s"']{16,}/g, '$1[REDACTED]');
  return out;
}

function scrubDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value, secrets);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  // An Error's message and stack are not enumerable: serialise it first, or it would be logged as {}.
  if (value instanceof Error) return scrubDeep({ ...pino.stdSerializers.err(value) }, secrets, depth + 1);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, secrets, depth + 1);
  return out;
}

const serializeError = (value: unknown) => (value instanceof Error ? pino.stdSerializers.err(value) : value);

export interface LoggerOptions {
  level: LogLevel;
  format: 'json' | 'pretty';
  /** Exact secret values (signing secret, tokens) scrubbed from every line. */
  secrets?: readonly string[];
  /** Where lines go; stderr by default so the console chat keeps stdout. */
  destination?: NodeJS.WritableStream;
  /** Colours for the pretty format (default: when the destination is stderr on a terminal). */
  colorize?: boolean;
}

/** The root logger; modules take `logger.child({ module })`. */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const destination = options.destination ?? process.stderr;
  const stream =
    options.format === 'pretty'
      ? pretty({
          destination,
          colorize: options.colorize ?? (destination === process.stderr && Boolean(process.stderr.isTTY)),
          sync: true,
        })
      : destination;
  return pino(
    {
      level: options.level,
      base: { app: 'studybot' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      // Errors are already serialised (and scrubbed) by the log formatter below; this only catches the rest.
      serializers: { err: serializeError, error: serializeError },
      formatters: { log: (obj) => scrubDeep(obj, secrets) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubSecrets(a, secrets) : a)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    stream,
  );
}
