import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  BOT_SCOPES,
  MANIFEST_BOT_EVENTS,
  MANIFEST_EVENTS_URL,
  MANIFEST_REDIRECT_URL,
  manifestCommands,
  manifestEventSubscriptions,
  manifestShortcuts,
} from '../../../src/adapters/slack/slack.manifest.js';
import { commandRegistry } from '../../../src/core/commands/commands.js';
import { repoRoot } from '../../support/paths.js';

interface Manifest {
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint?: string }[];
  };
  oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
    event_subscriptions: { request_url: string; bot_events: string[] };
  };
}

/** The bot scope each Web API method the adapter calls needs (auth.test needs none). */
const SCOPE_OF: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'users.info': 'users:read',
  // Views (the Home tab, modals) need no scope of their own.
  'views.open': '',
  'views.publish': '',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

async function adapterMethods(): Promise<string[]> {
  const dir = path.join(repoRoot, 'src/adapters/slack');
  const methods = new Set<string>();
  for (const file of await readdir(dir)) {
    const text = await readFile(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/client\.(chat|users|conversations|reactions|views|team)\s*\.(\w+)\(/g))
      methods.add(`${m[1]}.${m[2]}`);
    // files.uploadV2 is the Web API client's helper over these two methods (and a POST to the upload URL).
    if (/client\.filesUploadV2\(/.test(text))
      for (const m of ['files.getUploadURLExternal', 'files.completeUploadExternal']) methods.add(m);
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

  it('enables the Home tab, subscribes to app_home_opened and declares the message shortcut (issue 17)', async () => {
    const manifest = parse(await readFile(path.join(repoRoot, 'slack/manifest.yml'), 'utf8')) as Manifest & {
      features: { app_home: { home_tab_enabled: boolean }; shortcuts: unknown };
      settings: { event_subscriptions: unknown };
    };
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.shortcuts).toEqual(manifestShortcuts());
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: 'explain_message' }),
    ]);
    expect(manifest.settings.event_subscriptions).toEqual(manifestEventSubscriptions());
  });

  it('subscribes to uninstall and revocation, and names the OAuth redirect of multi-workspace mode', async () => {
    const manifest = parse(await readFile(path.join(repoRoot, 'slack/manifest.yml'), 'utf8')) as Manifest;
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: MANIFEST_EVENTS_URL,
      bot_events: [...MANIFEST_BOT_EVENTS],
    });
    expect(MANIFEST_BOT_EVENTS).toEqual(['app_home_opened', 'app_uninstalled', 'tokens_revoked']);
    expect(manifest.oauth_config.redirect_urls).toEqual([MANIFEST_REDIRECT_URL]);
    // The Add to Slack page asks for the same scopes as the manifest.
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
  });

  it('asks for exactly the scopes the adapter uses', async () => {
    const manifest = parse(await readFile(path.join(repoRoot, 'slack/manifest.yml'), 'utf8')) as Manifest;
    const methods = await adapterMethods();
    expect(methods).toEqual([
      'chat.postEphemeral',
      'chat.postMessage',
      'chat.update',
      'files.completeUploadExternal',
      'files.getUploadURLExternal',
      'users.info',
      'views.open',
      'views.publish',
    ]);
    const needed = new Set(
      ['commands', ...methods.map((m) => SCOPE_OF[m] ?? `unknown scope for ${m}`)].filter((s) => s !== ''),
    );
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
