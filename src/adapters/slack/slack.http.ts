import type { HttpServer } from '../../http/http.server.js';
import type { SlackReceiver } from './slack.receiver.js';

/**
 * Serves Slack's HTTP requests on our one HTTP server through the adapter's receiver
 * (src/adapters/slack/slack.receiver.ts, Bolt's checks with less work per request): the body read raw, the
 * signature checked (HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret, timestamps older
 * than five minutes refused), 401 with no side effect when either fails, `ssl_check` and
 * `url_verification` answered, and the event handed to the app. Until the adapter has started, requests
 * get 503 and Slack tries again.
 */
export function mountSlackEvents(options: {
  http: HttpServer;
  receiver: Pick<SlackReceiver, 'requestListener'>;
  path: string;
  ready: () => boolean;
}): void {
  const { http, receiver, path, ready } = options;
  http.route(path, (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    if (!ready()) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    receiver.requestListener(req, res);
  });
}
