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

export const ALL_TEST_SECRETS = [
  SLACK_BOT_TOKEN,
  SLACK_APP_TOKEN,
  SLACK_SIGNING_SECRET,
  SLACK_PAYLOAD_TOKEN,
  DISCORD_TOKEN,
];
