/**
 * `npm run slack:manifest`: writes the command registry's commands, the message shortcut, the OAuth redirect
 * URL and the event subscriptions into slack/manifest.yml (the rest of the file, comments included, stays as
 * it is). Run it after adding or changing a command.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import {
  MANIFEST_REDIRECT_URL,
  manifestCommands,
  manifestEventSubscriptions,
  manifestShortcuts,
} from '../src/adapters/slack/slack.manifest.js';
import { projectRoot } from '../src/project-root.js';

const file = path.join(projectRoot(), 'slack/manifest.yml');
const document = parseDocument(await readFile(file, 'utf8'));
document.setIn(['features', 'slash_commands'], manifestCommands());
document.setIn(['features', 'shortcuts'], manifestShortcuts());
document.setIn(['oauth_config', 'redirect_urls'], [MANIFEST_REDIRECT_URL]);
document.setIn(['settings', 'event_subscriptions'], manifestEventSubscriptions());
const text = document.toString({ lineWidth: 106 });
const before = await readFile(file, 'utf8');
if (text === before) console.log('slack/manifest.yml is up to date.');
else {
  await writeFile(file, text);
  console.log(`slack/manifest.yml: wrote ${manifestCommands().length} slash commands from the registry.`);
}
