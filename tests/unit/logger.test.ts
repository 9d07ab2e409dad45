import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line));
      callback();
    },
  });
  return {
    logger: createLogger({ level: 'info', format: 'json', secrets: ['s3cr3t-value-123'], destination }),
    lines,
  };
}

class PlatformError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly url: string,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

describe('logging errors', () => {
  it('keeps the type, message, stack, extra fields and cause of a logged error', () => {
    const { logger, lines } = capture();
    const cause = new PlatformError(
      'Missing Permissions',
      50013,
      'https://discord.com/api/v10/channels/1/messages',
    );
    logger.error({ err: new Error('post failed', { cause }) }, 'failed');
    logger.warn({ err: cause }, 'direct');
    const [wrapped, direct] = lines as { err: Record<string, unknown> }[];
    expect(wrapped?.err.type).toBe('Error');
    expect(wrapped?.err.message).toBe('post failed: Missing Permissions');
    expect(String(wrapped?.err.stack)).toContain('caused by: PlatformError: Missing Permissions');
    expect(direct?.err).toMatchObject({ type: 'PlatformError', message: 'Missing Permissions', code: 50013 });
  });

  it('scrubs secrets and Discord interaction tokens from error messages, stacks and fields', () => {
    const { logger, lines } = capture();
    const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OmFiY2RlZmdo';
    const error = new PlatformError(
      'Unknown interaction with s3cr3t-value-123',
      10062,
      `https://discord.com/api/v10/interactions/1400000000000000001/${token}/callback`,
    );
    logger.error({ err: error, url: `/webhooks/1400000000000000002/${token}/messages/@original` }, 'failed');
    const text = JSON.stringify(lines);
    expect(text).not.toContain(token);
    expect(text).not.toContain('s3cr3t-value-123');
    expect(text).toContain('/interactions/1400000000000000001/[REDACTED]/callback');
    expect(text).toContain('/webhooks/1400000000000000002/[REDACTED]/messages/@original');
  });
});
