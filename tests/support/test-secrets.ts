/**
 * Every credential the test suite hands the bot. They look like real ones on purpose, so the suite-wide
 * log check (tests/support/secret-scan.ts) proves real ones would never be logged either.
 */
export const SLACK_BOT_TOKEN = 'xoxb-1111-2222-faketokenfortests';
export const SLACK_APP_TOKEN = 'xapp-1-A0STUDYBOT-3333-fakeapptoken';
export const SLACK_SIGNING_SECRET = 'f4k3s1gn1ngs3cr3tf0rt3sts0nly42';
/** The (deprecated) verification token Slack puts in every payload's `token` field. */
export const SLACK_PAYLOAD_TOKEN = 'legacy-verification-token';
export const DISCORD_TOKEN = 'MTQwMDAwMDAwMDAwMDAwMDAwMQ.GfAkEt.studybot-fake-token-for-tests-only';

/** Multi-workspace (OAuth) mode: the app's credentials and the installation encryption key. */
export const SLACK_CLIENT_ID = '1111111111.2222222222';
export const SLACK_CLIENT_SECRET = 'f4k3c113nts3cr3tf0rt3sts0000042';
export const SLACK_STATE_SECRET = 'fake-state-secret-for-tests-0042';
export const SLACK_INSTALLATION_KEY = Buffer.alloc(32, 7).toString('base64');
/** The bot tokens two workspaces and one org get when they install the app by OAuth. */
export const SLACK_TOKEN_TEAM_A = 'xoxb-5555-aaaa-teamaoauthtoken';
export const SLACK_TOKEN_TEAM_B = 'xoxb-6666-bbbb-teamboauthtoken';
export const SLACK_TOKEN_ORG = 'xoxb-7777-eeee-orgwideoauthtoken';

export const ALL_TEST_SECRETS = [
  SLACK_CLIENT_SECRET,
  SLACK_STATE_SECRET,
  SLACK_INSTALLATION_KEY,
  SLACK_TOKEN_TEAM_A,
  SLACK_TOKEN_TEAM_B,
  SLACK_TOKEN_ORG,
  SLACK_BOT_TOKEN,
  SLACK_APP_TOKEN,
  SLACK_SIGNING_SECRET,
  SLACK_PAYLOAD_TOKEN,
  DISCORD_TOKEN,
];
