import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** One named readiness condition for /healthz: the database answers, the gateway is ready, … */
export type HealthCheck = () => boolean | Promise<boolean>;

/**
 * The one HTTP server on PORT: Slack's events (`/slack/events`), `/healthz`, and whatever else adapters
 * or operations mount. Adapters add routes and health checks; nothing else opens a port.
 */
export interface HttpServer {
  /** Serves `path` (exact match, any method) with `handler`. */
  route(path: string, handler: RouteHandler): void;
  addHealthCheck(name: string, check: HealthCheck): void;
  /** Runs every health check; true only when all pass (and at least the server is up). */
  healthy(): Promise<{ ok: boolean; checks: Record<string, boolean> }>;
  listen(): Promise<number>;
  close(): Promise<void>;
  readonly server: http.Server;
}

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(check: HealthCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(check),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function createHttpServer(options: { port: number; host?: string; logger: Logger }): HttpServer {
  const log = options.logger.child({ module: 'http' });
  const routes = new Map<string, RouteHandler>();
  const checks = new Map<string, HealthCheck>();

  async function healthy() {
    const results: Record<string, boolean> = {};
    await Promise.all([...checks].map(async ([name, check]) => (results[name] = await runCheck(check))));
    return { ok: Object.values(results).every(Boolean), checks: results };
  }

  routes.set('/healthz', async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const status = await healthy();
    res.writeHead(status.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ status: status.ok ? 'ok' : 'unavailable', checks: status.checks }));
  });

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        log.error({ err, path, method: req.method }, 'request handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        if (!res.writableEnded) res.end('internal error\n');
      });
  });
  // A client that stalls must not hold a socket for ever; Slack retries on its own.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;

  return {
    server,
    route: (path, handler) => {
      routes.set(path, handler);
    },
    addHealthCheck: (name, check) => {
      checks.set(name, check);
    },
    healthy,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host ?? '0.0.0.0', () => {
          server.off('error', reject);
          const port = (server.address() as AddressInfo).port;
          log.info({ port }, 'HTTP server listening');
          resolve(port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
