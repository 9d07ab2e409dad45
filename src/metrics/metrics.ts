import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { HandledEvent, InboundObserver } from '../adapters/inbound.pipeline.js';
import { type ChannelPublisher, PublishError } from '../core/publishing/publisher.port.js';
import type { AnswersPort } from '../core/quiz/answers.port.js';
import type { Database } from '../db/client.js';
import type { HttpServer } from '../http/http.server.js';

/**
 * Prometheus metrics, served at GET /metrics. Commands and clicks are counted as the inbound pipeline reports
 * them (an observer); answers and posts by decorating the answers port and the publishers. Neither the core
 * nor the adapters know about metrics.
 */
export function createMetrics(options: { database: Database }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'studybot_' });

  const commands = new Counter({
    name: 'studybot_commands_total',
    help: 'Slash commands and button clicks handled, by name, platform and outcome',
    labelNames: ['name', 'platform', 'outcome'] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'studybot_refusals_total',
    help: 'Refusals and error replies, by stable code (see src/core/refusals.ts) and platform',
    labelNames: ['code', 'platform'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'studybot_handler_duration_seconds',
    help: 'Time from a command or click reaching the pipeline to its replies being sent',
    labelNames: ['name', 'platform'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const answers = new Counter({
    name: 'studybot_answers_total',
    help: 'Answers to questions of the day, by result: recorded, duplicate, closed, failed',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const postsSent = new Counter({
    name: 'studybot_posts_sent_total',
    help: 'Questions posted to channels, by platform',
    labelNames: ['platform'] as const,
    registers: [registry],
  });
  const postsFailed = new Counter({
    name: 'studybot_posts_failed_total',
    help: 'Attempts to post a question that the platform refused, by platform and kind',
    labelNames: ['platform', 'kind'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'studybot_db_pool_connections',
    help: 'Database connections of this process: in use (transactions holding one) and the maximum',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = options.database.poolStats();
      this.set({ state: 'in_use' }, stats.size);
      this.set({ state: 'max' }, stats.max);
    },
  });

  /** Counts and times every command and click the inbound pipeline handles, and each refusal by code. */
  const observer: InboundObserver = {
    handled({ name, platform, outcome, seconds, codes }: HandledEvent) {
      commands.inc({ name, platform, outcome });
      latency.observe({ name, platform }, seconds);
      for (const code of codes) refusals.inc({ code, platform });
    },
  };

  function instrumentAnswers(port: AnswersPort): AnswersPort {
    return {
      async recordAnswer(input) {
        try {
          const result = await port.recordAnswer(input);
          answers.inc({ result: result.kind });
          return result;
        } catch (error) {
          answers.inc({ result: 'failed' });
          throw error;
        }
      },
    };
  }

  function instrumentPublisher(platform: string, publisher: ChannelPublisher): ChannelPublisher {
    return {
      async post(channel, reply) {
        try {
          const ref = await publisher.post(channel, reply);
          postsSent.inc({ platform });
          return ref;
        } catch (error) {
          postsFailed.inc({ platform, kind: error instanceof PublishError ? error.kind : 'transient' });
          throw error;
        }
      },
      reveal: (channel, ref, updated, reveal) => publisher.reveal(channel, ref, updated, reveal),
    };
  }

  return {
    registry,
    observer,
    instrumentAnswers,
    instrumentPublisher,
    /**
     * Serves the registry at GET /metrics on the app's HTTP server: with `token`, only to
     * `Authorization: Bearer <token>`; without, only to loopback clients. Anyone else gets 404, as if there
     * were nothing there (metrics name channels' activity and must not be public).
     */
    mount(http: HttpServer, token?: string): void {
      http.route('/metrics', async (req, res) => {
        if (!metricsAllowed(req, token)) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
          return;
        }
        if (req.method !== 'GET') {
          res.writeHead(405, { allow: 'GET' }).end();
          return;
        }
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Whether a request may read /metrics: the bearer token when one is set, else a loopback client. */
function metricsAllowed(req: IncomingMessage, token: string | undefined): boolean {
  if (token !== undefined) {
    const given = Buffer.from(req.headers.authorization ?? '');
    const wanted = Buffer.from(`Bearer ${token}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
