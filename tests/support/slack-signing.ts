/**
 * Requests signed exactly as Slack signs them: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with
 * the app's signing secret, in `x-slack-signature`, and the Unix timestamp in `x-slack-request-timestamp`.
 */
import { createHmac } from 'node:crypto';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  /** Defaults to now; an old one makes a replayed request. */
  timestamp?: number;
  /** Overrides the computed signature (a forged request). */
  signature?: string;
  /** Slack sends forms for commands and actions, JSON for Events API requests such as url_verification. */
  contentType?: string;
  /** More headers, such as a redelivery's `X-Slack-Retry-Num` and `X-Slack-Retry-Reason`. */
  headers?: Record<string, string>;
}

/** POSTs a form body to the app's Slack endpoint the way Slack does; returns the HTTP status and body. */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  options: SignedPostOptions = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? nowSeconds();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, body),
      ...options.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}
