import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import {
  type App,
  AuthorizationError,
  HTTPModuleFunctions as bolt,
  defaultBodyLimit,
  type Receiver,
  type ReceiverEvent,
  ReceiverMultipleAckError,
  verifySlackRequest,
} from '@slack/bolt';
import type { Logger } from '../../logger.js';

/**
 * Slack's HTTP requests into Bolt, with the checks of Bolt's `HTTPReceiver` and less work per request
 * (issue 12: CPU per click). The same steps, built from Bolt's own functions: the body read once (at most
 * Bolt's 4 MB, else 413); `ssl_check` answered unsigned; the signature verified by Bolt's
 * `verifySlackRequest` (HMAC-SHA256 of `v0:<timestamp>:<body>`, timestamps older than five minutes
 * refused: 401, no side effect); the body parsed once (Bolt's HTTPReceiver parses a form twice); 400
 * when it cannot be read; `url_verification` answered; the event handed to the app, whose `ack()` writes
 * the response at once. Bolt's receiver also arms a 3-second timer per request to catch a listener that
 * never acknowledges; ours always acknowledge first, so an event nothing acknowledged is answered 404
 * when the app has finished with it instead. Our HTTP server routes requests here (src/adapters/slack/slack.http.ts).
 */
export interface SlackReceiver extends Receiver {
  requestListener(req: IncomingMessage, res: ServerResponse): void;
}

/** The signed body, or a status to answer with. */
function readBody(req: IncomingMessage): Promise<Buffer | number> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > defaultBodyLimit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(413);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', () => resolve(400));
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

export function createSlackReceiver(options: { signingSecret: string; logger: Logger }): SlackReceiver {
  const log = options.logger;
  let app: App | undefined;

  /** The parsed body of a verified request, or the status that refuses it. */
  function verified(req: IncomingMessage, raw: Buffer): Record<string, unknown> | 'ssl_check' | number {
    const text = raw.toString('utf8');
    const form =
      req.headers['content-type'] === 'application/x-www-form-urlencoded' ? parseForm(text) : undefined;
    // Slack's ssl_check is unsigned; nothing else of its body is read.
    if (form?.ssl_check === '1') return 'ssl_check';
    try {
      verifySlackRequest({
        signingSecret: options.signingSecret,
        body: text,
        headers: {
          'x-slack-signature': header(req, 'x-slack-signature') ?? '',
          'x-slack-request-timestamp': Number(header(req, 'x-slack-request-timestamp')),
        },
      });
    } catch (error) {
      log.warn({ err: error }, 'refused a Slack request that failed verification');
      return 401;
    }
    try {
      if (!form) return JSON.parse(text) as Record<string, unknown>;
      return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
    } catch (error) {
      log.warn({ err: error }, 'refused a signed Slack request whose body could not be read');
      return 400;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const body = typeof raw === 'number' ? raw : verified(req, raw);
    if (typeof body === 'number') {
      res.writeHead(body).end();
      return;
    }
    if (body === 'ssl_check') return void bolt.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return void bolt.buildUrlVerificationResponse(res, body);
    if (!app) throw new Error('the Slack receiver was not initialised by the app');
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response) => {
        if (acked) throw new ReceiverMultipleAckError();
        acked = true;
        bolt.buildContentResponse(res, response);
      },
      retryNum: bolt.extractRetryNumFromHTTPRequest(req),
      retryReason: bolt.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      await app.processEvent(event);
      if (!acked && !res.headersSent) res.writeHead(404).end();
    } catch (error) {
      if (res.headersSent) return;
      const status = error instanceof AuthorizationError ? 401 : 400;
      log.warn({ err: error, status }, 'refused a Slack event Bolt could not process');
      res.writeHead(status).end();
    }
  }

  return {
    init(bound: App) {
      app = bound;
    },
    // Our HTTP server listens; this receiver opens no port of its own.
    start: async () => undefined,
    stop: async () => undefined,
    requestListener(req, res) {
      handle(req, res).catch((error: unknown) => {
        log.error({ err: error }, 'handling a Slack request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    },
  };
}
