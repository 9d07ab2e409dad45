/**
 * `npm run discord:register`: registers studybot's slash commands with Discord and prints the invite URL,
 * without connecting to the gateway. In the server DISCORD_GUILD_ID when set (visible at once), otherwise
 * globally. The bot also does this at every start; this is for deploy pipelines and first-time setup.
 */
import { type APIApplication, REST, Routes } from 'discord.js';
import { inviteUrl, registerCommands } from '../src/adapters/discord/discord.register.js';
import { restOptions } from '../src/adapters/discord/discord.rest.js';
import { ConfigError, parseConfig } from '../src/config.js';
import { loadCatalog } from '../src/core/content/catalog.js';

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2);
  throw error;
}
const discord = config.discord;
if (!discord)
  fail(
    'DISCORD_TOKEN is not set: copy it from the Developer Portal > your application > Bot > Reset Token.',
    2,
  );

const rest = new REST(restOptions(discord)).setToken(discord.token);
try {
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  // The deck option's choices are the decks this content directory holds.
  const catalog = await loadCatalog(config.contentDir, config.defaultDeck);
  const done = await registerCommands(rest, application.id, discord.guildId, catalog);
  console.log(
    done.scope === 'guild'
      ? `Registered ${done.count} commands in server ${discord.guildId}; they show up there at once.`
      : `Registered ${done.count} commands globally; Discord can take a few minutes to show them everywhere.`,
  );
  console.log(`Invite the bot with: ${inviteUrl(application.id)}`);
} catch (error) {
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 401)
    fail(
      'Discord rejected DISCORD_TOKEN: copy a fresh one from the Developer Portal > Bot > Reset Token.',
      1,
    );
  if (discord.guildId && (status === 403 || status === 404))
    fail(
      `Discord refused to register commands in server ${discord.guildId} (${message}). Invite the bot to that server with the applications.commands scope first (see README, Discord).`,
      1,
    );
  fail(`Registering the commands failed: ${message}`, 1);
} finally {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
}
