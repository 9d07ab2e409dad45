import { z } from 'zod';
import { installationKey, OAUTH_VARIABLES, oauthProblems } from './config.oauth.js';

/**
 * The whole configuration, parsed once at start-up from the environment and passed down.
 * No other module reads `process.env`.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An empty string in an env file means "not set", as most people expect from `FOO=`. */
const optionalString = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().optional(),
);

/** Unset or empty → undefined; anything else must pass `schema`. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    schema.optional(),
  );

function withDefault<T extends z.ZodType>(schema: T, fallback: z.input<T>) {
  return z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? fallback : v),
    schema,
  );
}

const intIn = (min: number, max: number, what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int({ error: `expected ${what}` })
    .min(min, { error: `expected ${what}` })
    .max(max, { error: `expected ${what}` });

const positiveNumber = (what: string) =>
  z.coerce.number({ error: `expected ${what}` }).positive({ error: `expected ${what}` });

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), { error: `expected ${what}` });

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const envSchema = z.object({
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\/.+/i.test(v), {
    error:
      'expected a postgres:// or postgresql:// connection URL (leave unset to use the embedded database)',
  }),
  DATABASE_POOL_MAX: withDefault(intIn(2, 200, 'a whole number of connections from 2 to 200'), '10'),
  DATA_DIR: withDefault(z.string().trim().min(1), '.data'),
  PORT: withDefault(intIn(1, 65535, 'a TCP port number from 1 to 65535'), '3000'),
  LOG_LEVEL: optionalString.pipe(
    z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).optional(),
  ),
  LOG_FORMAT: optionalString.pipe(
    z.enum(['json', 'pretty'], { error: 'expected json or pretty' }).optional(),
  ),
  STUDYBOT_CONSOLE: withDefault(z.enum(['auto', 'on', 'off'], { error: 'expected auto, on or off' }), 'auto'),
  METRICS_TOKEN: optionalString.pipe(
    z
      .string()
      .min(16, { error: 'expected at least 16 characters (a random token)' })
      .regex(/^[\x21-\x7e]+$/, { error: 'expected printable characters without spaces' })
      .optional(),
  ),
  CONTENT_DIR: withDefault(z.string().trim().min(1), 'content/'),
  DEFAULT_DECK: optionalString.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a deck id (its folder name), such as aws-security' })
      .optional(),
  ),
  DEFAULT_TIMEZONE: withDefault(
    z
      .string()
      .trim()
      .refine(isTimeZone, { error: 'expected an IANA time zone such as Europe/Berlin or UTC' }),
    'UTC',
  ),
  POST_WINDOW_HOURS: withDefault(positiveNumber('a positive number of hours'), '24'),
  CATCHUP_GRACE_HOURS: withDefault(positiveNumber('a positive number of hours'), '3'),
  POST_CONCURRENCY: withDefault(intIn(1, 100, 'a whole number of posts at once from 1 to 100'), '8'),
  INBOUND_CONCURRENCY: withDefault(intIn(1, 1000, 'a whole number of events at once from 1 to 1000'), '16'),
  INBOUND_QUEUE: withDefault(intIn(0, 100000, 'a whole number of waiting events from 0 to 100000'), '256'),

  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    error: 'expected a bot token starting with xoxb- (Slack app > OAuth & Permissions)',
  }),
  SLACK_SIGNING_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9]{16,}$/.test(v), {
    error: 'expected the signing secret from Slack app > Basic Information (letters and digits)',
  }),
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
    error:
      'expected an app-level token starting with xapp- (Slack app > Basic Information > App-Level Tokens)',
  }),
  SLACK_CLIENT_ID: optionalString.refine((v) => v === undefined || /^\d+\.\d+$/.test(v), {
    error: 'expected the Client ID from Slack app > Basic Information > App Credentials (digits.digits)',
  }),
  SLACK_CLIENT_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9]{16,}$/.test(v), {
    error: 'expected the Client Secret from Slack app > Basic Information > App Credentials',
  }),
  SLACK_STATE_SECRET: optionalString.refine((v) => v === undefined || /^[\x21-\x7e]{16,}$/.test(v), {
    error: 'expected a random secret of at least 16 printable characters (signs the OAuth state)',
  }),
  SLACK_INSTALLATION_KEY: optionalString.refine((v) => v === undefined || installationKey(v) !== undefined, {
    error:
      'expected 32 random bytes as 64 hex digits or 44 base64 characters (openssl rand -base64 32): encrypts stored tokens',
  }),
  SLACK_API_URL: withDefault(
    httpUrl('an http(s) URL such as https://slack.com/api/'),
    'https://slack.com/api/',
  ),

  DISCORD_TOKEN: optionalString.refine(
    (v) => v === undefined || /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}$/.test(v),
    {
      error: 'expected a bot token from Discord Developer Portal > your application > Bot > Reset Token',
    },
  ),
  DISCORD_API_URL: withDefault(
    httpUrl('an http(s) URL such as https://discord.com/api'),
    'https://discord.com/api',
  ),
  DISCORD_GUILD_ID: optionalString.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
    error: 'expected a numeric server (guild) id (Discord: right-click the server > Copy Server ID)',
  }),
  DISCORD_SHARD_ID: optional(intIn(0, 9999, 'a shard number from 0 to DISCORD_SHARD_COUNT - 1')),
  DISCORD_SHARD_COUNT: optional(intIn(1, 10000, 'the total number of shards, 1 or more')),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Multi-workspace mode: studybot is installed by OAuth ("Add to Slack") and keeps each workspace's token. */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth `state` parameter (CSRF protection of the install flow). */
  stateSecret: string;
  /** AES-256-GCM key (32 bytes) the stored installations are encrypted with. */
  installationKey: Buffer;
}

export interface SlackConfig {
  /** Single-workspace mode's token; undefined in multi-workspace (OAuth) mode. */
  botToken: string | undefined;
  /** Required in HTTP mode; optional in Socket Mode. */
  signingSecret: string | undefined;
  /** Set → Socket Mode. */
  appToken: string | undefined;
  apiUrl: string;
  /** Set → multi-workspace mode (HTTP only): installs at /slack/install, tokens from the installation store. */
  oauth: SlackOAuthConfig | undefined;
}

export interface DiscordConfig {
  token: string;
  apiUrl: string;
  guildId: string | undefined;
  /** This process's gateway shard when the bot runs as several processes; unset: one process, all guilds. */
  shard: { id: number; count: number } | undefined;
}

export interface Config {
  database: { url: string | undefined; poolMax: number; dataDir: string };
  port: number;
  log: { level: LogLevel | undefined; format: 'json' | 'pretty' | undefined };
  /** `STUDYBOT_CONSOLE`: when the console chat may open without platform credentials. */
  console: 'auto' | 'on' | 'off';
  /** `METRICS_TOKEN`: /metrics then wants `Authorization: Bearer <token>`; unset, it answers loopback only. */
  metricsToken: string | undefined;
  contentDir: string;
  /** The deck new channels walk (`DEFAULT_DECK`); unset: the only deck, or the first by id. */
  defaultDeck: string | undefined;
  defaultTimezone: string;
  postWindowHours: number;
  catchupGraceHours: number;
  /** Channels posted to at once when a slot fans out. */
  postConcurrency: number;
  /** Commands and clicks run at once after their acknowledgement, and how many may wait; beyond, BUSY. */
  inbound: { concurrency: number; queue: number };
  slack: SlackConfig | undefined;
  discord: DiscordConfig | undefined;
}

/** Raised when the environment is wrong; `problems` has one line per variable, naming it. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Checks that span several variables; run on the raw environment so they report alongside the rest. */
function crossProblems(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = [];
  const oauthSet = OAUTH_VARIABLES.filter(set);
  if (oauthSet.length > 0) {
    problems.push(...oauthProblems(env, oauthSet));
  } else if ((set('SLACK_SIGNING_SECRET') || set('SLACK_APP_TOKEN')) && !set('SLACK_BOT_TOKEN')) {
    problems.push(
      'SLACK_BOT_TOKEN: required when any SLACK_* credential is set: the bot token starting with xoxb-',
    );
  }
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET: required for Slack HTTP mode (Slack app > Basic Information > Signing Secret); or set SLACK_APP_TOKEN for Socket Mode',
    );
  }
  if (set('DISCORD_SHARD_ID') !== set('DISCORD_SHARD_COUNT')) {
    problems.push(
      `${set('DISCORD_SHARD_ID') ? 'DISCORD_SHARD_COUNT' : 'DISCORD_SHARD_ID'}: set DISCORD_SHARD_ID and DISCORD_SHARD_COUNT together (this process's shard, and how many there are)`,
    );
  } else if (set('DISCORD_SHARD_ID') && Number(env.DISCORD_SHARD_ID) >= Number(env.DISCORD_SHARD_COUNT)) {
    problems.push(
      'DISCORD_SHARD_ID: expected a shard number below DISCORD_SHARD_COUNT (shards count from 0)',
    );
  }
  return problems;
}

/** The Slack part: single-workspace (a bot token), multi-workspace (OAuth credentials), or none. */
function slackConfig(e: z.infer<typeof envSchema>): SlackConfig | undefined {
  const { SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_INSTALLATION_KEY } = e;
  const oauth =
    SLACK_CLIENT_ID && SLACK_CLIENT_SECRET && SLACK_STATE_SECRET && SLACK_INSTALLATION_KEY
      ? {
          clientId: SLACK_CLIENT_ID,
          clientSecret: SLACK_CLIENT_SECRET,
          stateSecret: SLACK_STATE_SECRET,
          installationKey: installationKey(SLACK_INSTALLATION_KEY) as Buffer,
        }
      : undefined;
  if (e.SLACK_BOT_TOKEN === undefined && oauth === undefined) return undefined;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL,
    oauth,
  };
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        // Never echo the received value: it may be a secret.
        return `${name}: ${issue.message}`;
      });
  problems.push(...crossProblems(env));
  if (!parsed.success || problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const e = parsed.data;
  return {
    database: { url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX, dataDir: e.DATA_DIR },
    port: e.PORT,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    console: e.STUDYBOT_CONSOLE,
    metricsToken: e.METRICS_TOKEN,
    contentDir: e.CONTENT_DIR,
    defaultDeck: e.DEFAULT_DECK,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    postWindowHours: e.POST_WINDOW_HOURS,
    catchupGraceHours: e.CATCHUP_GRACE_HOURS,
    postConcurrency: e.POST_CONCURRENCY,
    inbound: { concurrency: e.INBOUND_CONCURRENCY, queue: e.INBOUND_QUEUE },
    slack: slackConfig(e),
    discord:
      e.DISCORD_TOKEN === undefined
        ? undefined
        : {
            token: e.DISCORD_TOKEN,
            apiUrl: e.DISCORD_API_URL,
            guildId: e.DISCORD_GUILD_ID,
            shard:
              e.DISCORD_SHARD_ID === undefined || e.DISCORD_SHARD_COUNT === undefined
                ? undefined
                : { id: e.DISCORD_SHARD_ID, count: e.DISCORD_SHARD_COUNT },
          },
  };
}
