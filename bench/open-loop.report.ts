/**
 * `npm run bench`'s open-loop step (issue 12): starts the bot (and, with BENCH_BASE_DIR, a second bot from
 * another checkout, as `bot-base`) and the reference server, drives them through the rates, prints the
 * table on stdout and returns the summary figures for the JSON line.
 */
import { benchOpenLoop, capacity, type MemberKind, type StepResult } from './open-loop.bench.js';
import { type ServerUnderTest, startBot, startReference } from './open-loop.servers.js';
import { round } from './stats.js';

export interface OpenLoopOptions {
  databaseUrl: string | undefined;
  contentDir: string;
  poolMax: number;
  rates: number[];
  seconds: number;
  drainMs: number;
  kinds: MemberKind[];
  /** Another checkout (with node_modules) to run beside this one, for a before/after in one run. */
  baseDir: string | undefined;
  botNodeArgs: string[];
  inbound?: { concurrency?: string; queue?: string };
}

/** CPU per click of `server` over the steps at rates up to `upTo`, weighted by clicks. */
function cpuPerClick(results: StepResult[], server: string, kind: MemberKind, upTo: number): number {
  const steps = results.filter((r) => r.server === server && r.kind === kind && r.rate <= upTo);
  const clicks = steps.reduce((n, r) => n + r.clicks, 0);
  return clicks === 0 ? Number.NaN : steps.reduce((n, r) => n + r.cpuMsPerClick * r.clicks, 0) / clicks;
}

export async function runOpenLoop(options: OpenLoopOptions): Promise<Record<string, number>> {
  const servers: ServerUnderTest[] = [];
  const env: Record<string, string> = {};
  if (options.inbound?.concurrency) env.INBOUND_CONCURRENCY = options.inbound.concurrency;
  if (options.inbound?.queue) env.INBOUND_QUEUE = options.inbound.queue;
  const common = {
    databaseUrl: options.databaseUrl,
    contentDir: options.contentDir,
    poolMax: options.poolMax,
    env,
    nodeArgs: options.botNodeArgs,
  };
  const out: Record<string, number> = {};
  try {
    servers.push(await startBot({ ...common, name: 'bot', cwd: process.cwd(), teamId: 'T0BENCHBOT' }));
    if (options.baseDir)
      servers.push(
        await startBot({ ...common, name: 'bot-base', cwd: options.baseDir, teamId: 'T0BENCHBAS' }),
      );
    servers.push(
      await startReference({
        databaseUrl: options.databaseUrl,
        teamId: 'T0BENCHREF',
        posts: options.rates.length * options.kinds.length + 5,
        poolMax: options.poolMax,
      }),
    );
    const results = await benchOpenLoop({
      servers,
      rates: options.rates,
      seconds: options.seconds,
      drainMs: options.drainMs,
      kinds: options.kinds,
      onStep: (r) =>
        process.stderr.write(
          `bench: open loop ${r.kind} ${r.server} ${r.rate}/s: ack p99 ${r.ackP99} ms, cpu ${r.cpuMsPerClick} ms/click\n`,
        ),
    });
    console.log(
      '\nOpen loop: clicks at a fixed rate, the sender never waiting (times in ms, CPU per click of the server process)',
    );
    console.table(
      results.map((r) => ({
        members: r.kind,
        server: r.server,
        'clicks/s': r.rate,
        clicks: r.clicks,
        'ack p50': r.ackP50,
        'ack p99': r.ackP99,
        'ack max': r.ackMax,
        'verdict p99': r.verdictP99,
        'acks >1s': r.acksOver1s,
        'acks >3s': r.acksOver3s,
        failed: r.failed,
        lost: r.lost,
        busy: r.busy,
        'cpu ms/click': r.cpuMsPerClick,
      })),
    );
    for (const kind of options.kinds) {
      // CPU compared at the rates where the bot did the whole work of every click (no BUSY answers), so a
      // cheap refusal does not lower its figure; at least the lowest rate.
      const full = results.filter((r) => r.server === 'bot' && r.kind === kind && r.busy === 0);
      const upTo = Math.max(Math.min(...options.rates), ...full.map((r) => r.rate));
      out[`open_${kind}_cpu_compared_up_to_per_s`] = upTo;
      for (const server of servers) {
        out[`open_${kind}_${server.name.replace('-', '_')}_capacity_per_s`] = capacity(
          results,
          server.name,
          kind,
        );
        out[`open_${kind}_${server.name.replace('-', '_')}_cpu_ms_per_click`] = round(
          cpuPerClick(results, server.name, kind, upTo),
          3,
        );
        const atDouble = results.find(
          (r) =>
            r.server === server.name &&
            r.kind === kind &&
            r.rate === 2 * capacity(results, server.name, kind),
        );
        if (atDouble)
          out[`open_${kind}_${server.name.replace('-', '_')}_ack_max_ms_at_2x_capacity`] = atDouble.ackMax;
      }
      out[`open_${kind}_lost`] = results.filter((r) => r.kind === kind).reduce((n, r) => n + r.lost, 0);
      out[`open_${kind}_busy`] = results.filter((r) => r.kind === kind).reduce((n, r) => n + r.busy, 0);
      out[`open_${kind}_cpu_ratio_bot_vs_reference`] = round(
        cpuPerClick(results, 'bot', kind, upTo) / cpuPerClick(results, 'reference', kind, upTo),
        2,
      );
      if (options.baseDir)
        out[`open_${kind}_cpu_ratio_bot_base_vs_reference`] = round(
          cpuPerClick(results, 'bot-base', kind, upTo) / cpuPerClick(results, 'reference', kind, upTo),
          2,
        );
    }
    return out;
  } finally {
    for (const s of servers) await s.stop();
  }
}
