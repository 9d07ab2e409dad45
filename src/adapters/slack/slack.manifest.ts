/**
 * The `slash_commands` of slack/manifest.yml, derived from the command registry: `npm run slack:manifest`
 * writes them into the file, and a test fails when the file and the registry disagree.
 */
import { syntaxOf } from '../../core/commands/command.registry.js';
import { commandRegistry } from '../../core/commands/commands.js';

/** Where Slack sends commands and interactions: studybot's one events URL, on the host the admin fills in. */
export const MANIFEST_EVENTS_URL = 'https://YOUR-HOST/slack/events';

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
