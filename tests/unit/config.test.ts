import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('runs the console on the embedded database with nothing set', () => {
    const config = parseConfig({});
    expect(config.database.url).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.contentDir).toBe('content/');
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.slack?.apiUrl).toBeUndefined();
  });

  it('treats empty values as unset, as a copied .env.example has them', () => {
    const config = parseConfig({ DATABASE_URL: '', SLACK_BOT_TOKEN: ' ', PORT: '', DISCORD_TOKEN: '' });
    expect(config.database.url).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('names every wrong variable at once and what it expects', () => {
    const found = problems({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://db/x',
      LOG_LEVEL: 'loud',
      DEFAULT_TIMEZONE: 'Mars/Base',
    });
    expect(found).toHaveLength(4);
    expect(found.join('\n')).toMatch(/^PORT: expected a TCP port number/m);
    expect(found.join('\n')).toMatch(/^DATABASE_URL: expected a postgres:\/\//m);
    expect(found.join('\n')).toMatch(/^LOG_LEVEL: expected one of fatal, error/m);
    expect(found.join('\n')).toMatch(/^DEFAULT_TIMEZONE: expected an IANA time zone/m);
  });

  it('never echoes a secret it refuses', () => {
    const found = problems({
      SLACK_BOT_TOKEN: 'not-a-token-secret-value',
      SLACK_SIGNING_SECRET: 'abcdef0123456789abcd',
    });
    expect(found.join('\n')).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
    expect(found.join('\n')).not.toContain('not-a-token-secret-value');
  });

  it('requires the signing secret for Slack HTTP mode, but not for Socket Mode', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: required/),
    ]);
    const socket = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(socket.slack?.appToken).toBe('xapp-1-abc');
    expect(socket.slack?.apiUrl).toBe('https://slack.com/api/');
    expect(problems({ SLACK_SIGNING_SECRET: 'abcdef0123456789abcd' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: required when any SLACK_\* credential is set/),
    ]);
  });

  it('parses Discord settings and checks the guild id', () => {
    const token = 'MTA1NjE2NzQ1MDk2MzY1MjY0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123';
    const config = parseConfig({ DISCORD_TOKEN: token, DISCORD_GUILD_ID: '123456789012345678' });
    expect(config.discord).toEqual({
      token,
      apiUrl: 'https://discord.com/api',
      guildId: '123456789012345678',
    });
    expect(problems({ DISCORD_TOKEN: token, DISCORD_GUILD_ID: 'my-server' })).toEqual([
      expect.stringMatching(/^DISCORD_GUILD_ID: expected a numeric server/),
    ]);
  });

  it('takes a Discord shard only as a pair of id and count, the id below the count', () => {
    const token = 'MTA1NjE2NzQ1MDk2MzY1MjY0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123';
    expect(
      parseConfig({ DISCORD_TOKEN: token, DISCORD_SHARD_ID: '1', DISCORD_SHARD_COUNT: '3' }).discord?.shard,
    ).toEqual({
      id: 1,
      count: 3,
    });
    expect(parseConfig({ DISCORD_TOKEN: token }).discord?.shard).toBeUndefined();
    expect(problems({ DISCORD_TOKEN: token, DISCORD_SHARD_ID: '1' })).toEqual([
      expect.stringMatching(/^DISCORD_SHARD_COUNT: set DISCORD_SHARD_ID and DISCORD_SHARD_COUNT together/),
    ]);
    expect(problems({ DISCORD_TOKEN: token, DISCORD_SHARD_ID: '3', DISCORD_SHARD_COUNT: '3' })).toEqual([
      expect.stringMatching(/^DISCORD_SHARD_ID: expected a shard number below DISCORD_SHARD_COUNT/),
    ]);
    expect(problems({ DISCORD_TOKEN: token, DISCORD_SHARD_ID: 'one', DISCORD_SHARD_COUNT: '2' })).toEqual([
      expect.stringMatching(/^DISCORD_SHARD_ID: expected a shard number/),
    ]);
  });

  it('refuses a pool too small to migrate while serving', () => {
    expect(problems({ DATABASE_POOL_MAX: '1' })).toEqual([
      expect.stringMatching(/^DATABASE_POOL_MAX: expected a whole number of connections from 2/),
    ]);
  });

  describe('multi-workspace Slack mode (OAuth)', () => {
    const oauth = {
      SLACK_CLIENT_ID: '1111111111.2222222222',
      SLACK_CLIENT_SECRET: 'abcdef0123456789abcdef0123456789',
      SLACK_STATE_SECRET: 'a-random-state-secret-0042',
      SLACK_INSTALLATION_KEY: Buffer.alloc(32, 1).toString('base64'),
      SLACK_SIGNING_SECRET: 'abcdef0123456789abcd',
    };

    it('is on with the client id, secret, state secret, key and signing secret, and no bot token', () => {
      const config = parseConfig(oauth);
      expect(config.slack?.botToken).toBeUndefined();
      expect(config.slack?.oauth?.clientId).toBe('1111111111.2222222222');
      expect(config.slack?.oauth?.installationKey).toEqual(Buffer.alloc(32, 1));
      const hex = parseConfig({ ...oauth, SLACK_INSTALLATION_KEY: 'ab'.repeat(32) });
      expect(hex.slack?.oauth?.installationKey).toEqual(Buffer.alloc(32, 0xab));
    });

    it('names each missing piece', () => {
      const {
        SLACK_STATE_SECRET: _s,
        SLACK_INSTALLATION_KEY: _k,
        SLACK_SIGNING_SECRET: _g,
        ...partial
      } = oauth;
      const found = problems(partial).join('\n');
      expect(found).toMatch(/^SLACK_STATE_SECRET: required for multi-workspace mode/m);
      expect(found).toMatch(/^SLACK_INSTALLATION_KEY: required for multi-workspace mode/m);
      expect(found).toMatch(/^SLACK_SIGNING_SECRET: required for multi-workspace mode/m);
      expect(found).not.toMatch(/SLACK_BOT_TOKEN/);
    });

    it('refuses a key that is not 32 bytes, without echoing it', () => {
      const short = Buffer.alloc(16, 9).toString('base64');
      const found = problems({ ...oauth, SLACK_INSTALLATION_KEY: short }).join('\n');
      expect(found).toMatch(/^SLACK_INSTALLATION_KEY: expected 32 random bytes/m);
      expect(found).not.toContain(short);
    });

    it('refuses a bot token or Socket Mode beside it, saying why', () => {
      const found = problems({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-abc' });
      expect(found.join('\n')).toMatch(/^SLACK_BOT_TOKEN: leave unset in multi-workspace mode/m);
      expect(found.join('\n')).toMatch(
        /^SLACK_APP_TOKEN: leave unset in multi-workspace mode.*not Socket Mode/m,
      );
    });

    it('leaves single-workspace mode as the default', () => {
      const single = parseConfig({
        SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
        SLACK_SIGNING_SECRET: 'abcdef0123456789abcd',
      });
      expect(single.slack?.oauth).toBeUndefined();
      expect(single.slack?.botToken).toBe('xoxb-1-2-abc');
    });
  });
});
