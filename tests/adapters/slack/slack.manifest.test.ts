import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MANIFEST_EVENTS_URL, manifestCommands } from '../../../src/adapters/slack/slack.manifest.js';
import { commandRegistry } from '../../../src/core/commands/commands.js';
import { repoRoot } from '../../support/paths.js';

interface Manifest {
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

/** The bot scope each Web API method the adapter calls needs (auth.test needs none). */
const SCOPE_OF: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'users.info': 'users:read',
  // A modal opened with an interaction's trigger_id needs no scope.
  'views.open': '',
};

async function adapterMethods(): Promise<string[]> {
  const dir = path.join(repoRoot, 'src/adapters/slack');
  const methods = new Set<string>();
  for (const file of await readdir(dir)) {
    const text = await readFile(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/client\.(chat|users|conversations|reactions|views|team)\.(\w+)\(/g))
      methods.add(`${m[1]}.${m[2]}`);
  }
  return [...methods].sort();
}

describe('slack/manifest.yml', () => {
  it('declares exactly the commands of the registry (npm run slack:manifest writes them), on /slack/events', async () => {
    const manifest = parse(await readFile(path.join(repoRoot, 'slack/manifest.yml'), 'utf8')) as Manifest;
    const commands = manifest.features.slash_commands;
    expect(commands).toEqual(manifestCommands());
    expect(commands.map((c) => c.command)).toEqual(commandRegistry.specs.map((s) => `/${s.name}`));
    expect(commands.map((c) => c.command)).toContain('/studybot');
    for (const c of commands) {
      expect(c.url).toBe(MANIFEST_EVENTS_URL);
      // Slack's limits: descriptions and usage hints longer than these are refused when the app is created.
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://YOUR-HOST/slack/events',
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.bot_user.display_name).toBe('studybot');
  });

  it('asks for exactly the scopes the adapter uses', async () => {
    const manifest = parse(await readFile(path.join(repoRoot, 'slack/manifest.yml'), 'utf8')) as Manifest;
    const methods = await adapterMethods();
    expect(methods).toEqual(['chat.postMessage', 'chat.update', 'users.info', 'views.open']);
    const needed = new Set(
      ['commands', ...methods.map((m) => SCOPE_OF[m] ?? `unknown scope for ${m}`)].filter((s) => s !== ''),
    );
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
