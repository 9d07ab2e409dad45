/**
 * The generated parts of slack/manifest.yml: the `slash_commands` derived from the command registry, the
 * message shortcut and the event subscriptions the adapter listens for. `npm run slack:manifest` writes them
 * into the file, and a test fails when the file and the code disagree.
 */
import { syntaxOf } from '../../core/commands/command.registry.js';
import { commandRegistry } from '../../core/commands/commands.js';
import { EXPLAIN_SHORTCUT_ID } from './slack.native.js';

/** Where Slack sends commands and interactions: studybot's one events URL, on the host the admin fills in. */
export const MANIFEST_EVENTS_URL = 'https://YOUR-HOST/slack/events';

/** Where Slack sends an installer back after "Add to Slack" (multi-workspace mode): `oauth_config.redirect_urls`. */
export const MANIFEST_REDIRECT_URL = 'https://YOUR-HOST/slack/oauth_redirect';

/** The bot scopes: the manifest's `oauth_config.scopes.bot`, and what an "Add to Slack" install asks for. */
export const BOT_SCOPES = ['commands', 'chat:write', 'users:read', 'files:write'] as const;

/**
 * The bot events studybot subscribes to (`settings.event_subscriptions.bot_events`): the Home tab being
 * opened; an uninstall or a revoked token pauses that workspace's schedules and deletes its stored
 * installation.
 */
export const MANIFEST_BOT_EVENTS = ['app_home_opened', 'app_uninstalled', 'tokens_revoked'] as const;

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

/** The message shortcut (the "…" menu of any message): "Explain terms in this message". */
export function manifestShortcuts() {
  return [
    {
      name: 'Explain terms in this message',
      type: 'message' as const,
      callback_id: EXPLAIN_SHORTCUT_ID,
      description: 'Explains the study-note terms this message names, only to you',
    },
  ];
}

/** `settings.event_subscriptions`: where events go and which. */
export const manifestEventSubscriptions = (url = MANIFEST_EVENTS_URL) => ({
  request_url: url,
  bot_events: [...MANIFEST_BOT_EVENTS],
});
