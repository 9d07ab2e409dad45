import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../src/http/http.server.js';
import { suiteLogger } from '../../support/log-sink.js';

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const logger = suiteLogger();

async function start(): Promise<{ server: HttpServer; url: string }> {
  server = createHttpServer({ port: 0, host: '127.0.0.1', logger });
  const port = await server.listen();
  return { server, url: `http://127.0.0.1:${port}` };
}

describe('HTTP server', () => {
  it('answers /healthz 200 when every check passes and 503 naming the one that fails', async () => {
    const { server: s, url } = await start();
    let gatewayReady = false;
    s.addHealthCheck('database', () => true);
    s.addHealthCheck('gateway', () => gatewayReady);
    const down = await fetch(`${url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks: { database: true, gateway: false } });
    gatewayReady = true;
    const up = await fetch(`${url}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', checks: { database: true, gateway: true } });
  });

  it('treats a check that throws as failing', async () => {
    const { server: s, url } = await start();
    s.addHealthCheck('database', () => Promise.reject(new Error('connection refused')));
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
  });

  it('routes exact paths, 404s the rest, and survives a handler that throws', async () => {
    const { server: s, url } = await start();
    s.route('/boom', () => {
      throw new Error('handler bug');
    });
    s.route('/hello', (_req, res) => {
      res.end('hi');
    });
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    expect((await fetch(`${url}/boom`)).status).toBe(500);
    expect(await (await fetch(`${url}/hello?x=1`)).text()).toBe('hi');
  });
});
