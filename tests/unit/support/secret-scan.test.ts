import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../../src/logger.js';
import { findSecrets } from '../../support/secret-scan.js';
import {
  ALL_TEST_SECRETS,
  DISCORD_TOKEN,
  SLACK_BOT_TOKEN,
  SLACK_SIGNING_SECRET,
} from '../../support/test-secrets.js';

describe('the suite-wide log check', () => {
  it("finds token shapes and the suite's secrets in log lines", () => {
    const log = [
      '{"msg":"fine"}',
      `{"msg":"auth ${SLACK_BOT_TOKEN}"}`,
      '{"err":"xapp-1-A0XYZ-123-abcdef leaked"}',
      `{"url":"https://x/${DISCORD_TOKEN}"}`,
      `{"secret":"${SLACK_SIGNING_SECRET}"}`,
      '{"token":"legacy-verification-token"}',
    ].join('\n');
    expect(findSecrets(log, ALL_TEST_SECRETS).map((f) => f.where)).toEqual([
      'input:2',
      'input:3',
      'input:4',
      'input:5',
      'input:6',
    ]);
  });

  it('passes lines the logger has scrubbed', () => {
    const scrubbed = scrubSecrets(
      `token ${SLACK_BOT_TOKEN} and ${DISCORD_TOKEN} and ${SLACK_SIGNING_SECRET}`,
      [SLACK_SIGNING_SECRET],
    );
    expect(findSecrets(scrubbed, ALL_TEST_SECRETS)).toEqual([]);
  });
});
