/**
 * The variables of Slack's multi-workspace (OAuth) mode, checked together by src/config.ts: the
 * installation key's format and the rules that span several variables.
 */

/** A 32-byte AES-256 key written as 64 hex digits or base64 (44 characters); undefined when it is neither. */
export function installationKey(value: string): Buffer | undefined {
  const key = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/]{43}=?$/.test(value)
      ? Buffer.from(value, 'base64')
      : undefined;
  return key?.length === 32 ? key : undefined;
}

/** The variables of multi-workspace (OAuth) mode: all or none. */
export const OAUTH_VARIABLES = [
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_INSTALLATION_KEY',
] as const;

/** Multi-workspace mode: every OAuth variable, the signing secret, and no single-workspace token. */
export function oauthProblems(env: Record<string, string | undefined>, present: readonly string[]): string[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const problems = OAUTH_VARIABLES.filter((name) => !present.includes(name)).map(
    (name) =>
      `${name}: required for multi-workspace mode (set together with ${OAUTH_VARIABLES.filter((n) => n !== name).join(', ')})`,
  );
  if (!set('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET: required for multi-workspace mode (Slack app > Basic Information > Signing Secret)',
    );
  }
  if (set('SLACK_BOT_TOKEN')) {
    problems.push(
      'SLACK_BOT_TOKEN: leave unset in multi-workspace mode: each workspace gets its own token when it installs the app at /slack/install',
    );
  }
  if (set('SLACK_APP_TOKEN')) {
    problems.push(
      'SLACK_APP_TOKEN: leave unset in multi-workspace mode: the install pages and events are served over HTTP (POST /slack/events), not Socket Mode',
    );
  }
  return problems;
}
