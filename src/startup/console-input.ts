import { fstatSync } from 'node:fs';

/** `STUDYBOT_CONSOLE`: open the console chat when there is a terminal or a script (auto), always, or never. */
export type ConsoleSetting = 'auto' | 'on' | 'off';

/**
 * What stdin offers the console chat: a terminal, a script (a pipe, file or socket: `printf … | npm start`),
 * or nothing (`/dev/null` or closed, as in a container started without `-i`).
 */
export function consoleInput(stdin: { isTTY?: boolean; fd?: number }): 'terminal' | 'script' | 'nothing' {
  if (stdin.isTTY) return 'terminal';
  try {
    const stat = fstatSync(stdin.fd ?? 0);
    return stat.isFIFO() || stat.isFile() || stat.isSocket() ? 'script' : 'nothing';
  } catch {
    return 'nothing';
  }
}

/**
 * Why the console chat must not open (so the process exits non-zero, and a restart policy does not loop on
 * a chat that ends at once), or undefined when it may. One line, naming the variables to set.
 */
export function consoleRefusal(
  setting: ConsoleSetting,
  input: ReturnType<typeof consoleInput>,
): string | undefined {
  const what =
    'set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) for Slack, or DISCORD_TOKEN for Discord';
  if (setting === 'off') return `studybot has no platform to serve and STUDYBOT_CONSOLE=off: ${what}.`;
  if (setting === 'auto' && input === 'nothing')
    return `studybot has no platform to serve and no terminal or script for the console chat: ${what} (or pipe a script in, or set STUDYBOT_CONSOLE=on).`;
  return undefined;
}
