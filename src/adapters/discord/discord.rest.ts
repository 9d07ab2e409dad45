/**
 * How studybot talks to Discord's REST API: the base URL and rate-limit policy handed to @discordjs/rest,
 * and the translation of its errors into the core's `PublishError`.
 *
 * Rate limits. @discordjs/rest queues requests per bucket and, on a 429, sleeps for the `Retry-After`
 * header and retries the request itself, without limit. That is right for interaction replies (they must
 * go out, and Discord exempts them from most limits), but a channel post that waits minutes inside the
 * REST queue would hold the scheduler and hide the limit from it. So for channel routes
 * (`/channels/...`, what the publisher uses) `rejectOnRateLimit` makes the library throw a
 * `RateLimitError` instead: on the 429 itself, and before sending anything while the bucket is known to
 * be exhausted. The publisher turns that into `PublishError('rate-limited', retryAfterMs)`, and the
 * caller decides when to try again. A 429 is therefore sent once and honoured, never hammered.
 */

import { DiscordAPIError, HTTPError, type RateLimitData, RateLimitError, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import { PublishError } from '../../core/publishing/publisher.port.js';

/** Used when Discord sends a 429 without a Retry-After header (it always should). */
export const DEFAULT_RETRY_AFTER_MS = 5_000;

/** Channel routes (the publisher's) fail fast on a rate limit; everything else waits it out. */
export const rejectChannelRateLimits = (data: RateLimitData): boolean => data.route.startsWith('/channels/');

export function restOptions(config: Pick<DiscordConfig, 'apiUrl'>): Partial<RESTOptions> {
  return {
    // discord.js appends /v10; a trailing slash would make that //v10.
    api: config.apiUrl.replace(/\/+$/, ''),
    rejectOnRateLimit: rejectChannelRateLimits,
  };
}

/** Discord error codes that mean "this channel cannot be posted to" until someone fixes something. */
const UNREACHABLE: Record<number, string> = {
  10003: 'Unknown Channel (10003): the channel was deleted, or studybot cannot see it',
  10004: 'Unknown Guild (10004): studybot is no longer in this server',
  50001: 'Missing Access (50001): give studybot the View Channel permission in this channel',
  50013:
    'Missing Permissions (50013): studybot needs View Channel, Send Messages, Embed Links and Read Message History here',
};

export const UNKNOWN_MESSAGE = 10008;

export const isDiscordError = (error: unknown, code: number): boolean =>
  error instanceof DiscordAPIError && error.code === code;

/** Any failure of a REST call → the publisher's error kinds, with a message safe to show an admin. */
export function toPublishError(error: unknown): PublishError {
  if (error instanceof PublishError) return error;
  if (error instanceof RateLimitError) {
    const wait = Math.ceil(Math.max(error.retryAfter, error.timeToReset, 0)) || DEFAULT_RETRY_AFTER_MS;
    return new PublishError(
      'rate-limited',
      `Discord rate limit${error.global ? ' (global)' : ''}: try again in ${Math.ceil(wait / 1000)} s`,
      wait,
      { cause: error },
    );
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : 0;
    const known = UNREACHABLE[code];
    if (known) return new PublishError('unreachable', known, undefined, { cause: error });
    if (error.status === 401)
      return new PublishError(
        'unreachable',
        'Discord rejected the bot token (401): set a valid DISCORD_TOKEN',
        undefined,
        { cause: error },
      );
    if (error.status === 403)
      return new PublishError('unreachable', `Discord refused (${code}): ${error.message}`, undefined, {
        cause: error,
      });
    if (error.status === 429)
      return new PublishError('rate-limited', 'Discord rate limit', DEFAULT_RETRY_AFTER_MS, { cause: error });
    return new PublishError(
      'transient',
      `Discord error ${error.status} (${code}): ${error.message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  if (error instanceof HTTPError)
    return new PublishError('transient', `Discord answered ${error.status} ${error.message}`, undefined, {
      cause: error,
    });
  const message = error instanceof Error ? error.message : String(error);
  return new PublishError('transient', `Discord could not be reached: ${message}`, undefined, {
    cause: error,
  });
}
