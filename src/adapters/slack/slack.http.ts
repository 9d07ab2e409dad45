import type { HTTPReceiver } from '@slack/bolt';
import type { HttpServer } from '../../http/http.server.js';

/**
 * Serves Slack's HTTP requests on our one HTTP server. Bolt's `HTTPReceiver` is never started (it would
 * open a port of its own); its `requestListener` is the documented way to put Bolt behind another server
 * (bolt-js #753). So every request gets exactly Bolt's handling: the body read raw, the signature checked
 * (HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret, timestamps older than five minutes
 * refused), 401 with no side effect when either fails, `ssl_check` and `url_verification` answered, and
 * the event handed to the app. Until the adapter has started, requests get 503 and Slack tries again.
 */
export function mountSlackEvents(options: {
  http: HttpServer;
  receiver: HTTPReceiver;
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
    // Path and method match Bolt's endpoint, so the listener handles it rather than throwing "deferred".
    receiver.requestListener(req, res);
  });
}
