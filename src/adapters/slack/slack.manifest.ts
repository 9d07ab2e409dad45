/**
 * The `slash_commands` of slack/manifest.yml, derived from the command registry: `npm run slack:manifest`
 * writes them into the file, and a test fails when the file and the registry disagree.
 */
import { syntaxOf } from '../../core/commands/command.registry.js';
import { commandRegistry } from '../../core/commands/commands.js';

/** Where Slack sends commands and interactions: studybot's one events URL, on the host the admin fills in. */
export const MANIFEST_EVENTS_URL = 'https://YOUR-HOST/slack/events';

/** Where Slack sends an installer back after "Add to Slack" (multi-workspace mode): `oauth_config.redirect_urls`. */
export const MANIFEST_REDIRECT_URL = 'https://YOUR-HOST/slack/oauth_redirect';

/** The bot scopes: the manifest's `oauth_config.scopes.bot`, and what an "Add to Slack" install asks for. */
export const BOT_SCOPES = ['commands', 'chat:write', 'users:read'] as const;

/**
 * The bot events studybot subscribes to (`settings.event_subscriptions.bot_events`): an uninstall or a
 * revoked token pauses that workspace's schedules and deletes its stored installation.
 */
export const MANIFEST_BOT_EVENTS = ['app_uninstalled', 'tokens_revoked'] as const;

export interface ManifestCommand {
  command: string;
  url: string;
  description: string;
  usage_hint?: string;
  should_escape: false;
}

/** One manifest entry per registry command, in registry order; sub-commands show as `a <x> | b | c`. */
export function manifestCommands(url = MANIFEST_EVENTS_URL): ManifestCommand[] {
  return commandRegistry.specs.map((spec) => {
    const hint = spec.subcommands
      ? spec.subcommands.map((s) => [s.name, syntaxOf(s)].filter((p) => p !== '').join(' ')).join(' | ')
      : syntaxOf(spec);
    return {
      command: `/${spec.name}`,
      url,
      description: spec.description,
      ...(hint ? { usage_hint: hint } : {}),
      should_escape: false,
    };
  });
}
