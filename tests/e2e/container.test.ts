import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config.js';
import { repoRoot } from '../support/paths.js';
import { childEnv } from '../support/run-cli.js';

const run = promisify(execFile);

interface Stage {
  from: string;
  lines: string[];
}

/** The Dockerfile as stages of instructions (continuation lines joined). */
async function dockerfile(): Promise<Stage[]> {
  const text = (await readFile(path.join(repoRoot, 'Dockerfile'), 'utf8')).replace(/\\\n\s*/g, ' ');
  const stages: Stage[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    if (/^FROM /i.test(line)) stages.push({ from: line, lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

/** The JSON-array form of an instruction (CMD, HEALTHCHECK … CMD). */
const jsonArgs = (instruction: string): string[] =>
  JSON.parse(instruction.slice(instruction.indexOf('['))) as string[];

describe('docker-compose.yml', () => {
  it('runs PostgreSQL 16 with a volume and a healthcheck, and the bot once it is healthy', async () => {
    const compose = parse(await readFile(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, Record<string, unknown>>;
      volumes: Record<string, unknown>;
    };
    const pg = compose.services.postgres as Record<string, unknown> & {
      healthcheck: { test: string[] };
      volumes: string[];
      ports: string[];
    };
    expect(pg.image).toBe('postgres:16');
    expect(pg.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain('postgres-data');
    expect(pg.healthcheck.test.join(' ')).toMatch(/pg_isready -U studybot -d studybot/);

    const bot = compose.services.bot as Record<string, unknown> & {
      environment: Record<string, string>;
      healthcheck: { test: string[] };
      depends_on: Record<string, { condition: string }>;
    };
    expect(bot.build).toBe('.');
    // .env is optional: `docker compose config` works before anyone copied .env.example.
    expect(bot.env_file).toEqual([{ path: '.env', required: false }]);
    // What must stay private is published on loopback only (the reverse proxy runs on the host).
    for (const port of bot.ports as string[]) expect(port).toMatch(/^127\.0\.0\.1:/);
    for (const port of pg.ports as string[]) expect(port).toMatch(/^127\.0\.0\.1:/);
    expect(bot.restart).toBe('unless-stopped');
    expect(bot.depends_on.postgres?.condition).toBe('service_healthy');
    expect(bot.healthcheck.test.join(' ')).toContain('http://127.0.0.1:3000/healthz');
    expect(bot.environment.DATABASE_URL).toBe('postgres://studybot:studybot@postgres:5432/studybot');
    // Everything compose sets must be a valid configuration.
    expect(() => parseConfig(bot.environment)).not.toThrow();
  });
});

describe('Dockerfile', () => {
  it('builds in stages and runs production dependencies as a non-root user', async () => {
    const stages = await dockerfile();
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const final = stages.at(-1);
    if (!final) throw new Error('no stages');
    expect(final.lines).toContain('USER node');
    expect(final.lines.some((l) => /^COPY --from=deps \/app\/node_modules/.test(l))).toBe(true);
    expect(stages.some((s) => s.lines.some((l) => /npm ci --omit=dev/.test(l)))).toBe(true);
    expect(final.lines.some((l) => l.startsWith('HEALTHCHECK') && l.includes('/healthz'))).toBe(true);
  });

  it('gives every npm ci the patches its postinstall applies (the database driver fix)', async () => {
    for (const stage of await dockerfile()) {
      const install = stage.lines.findIndex((l) => /^RUN npm ci/.test(l));
      if (install === -1) continue;
      const copied = stage.lines.findIndex((l) => /^COPY patches \.\/patches/.test(l));
      expect(copied).toBeGreaterThanOrEqual(0);
      expect(copied).toBeLessThan(install);
    }
  });
});

describe("the image's CMD on a built copy of the app", () => {
  let dir: string;
  let cmd: string[];
  let env: Record<string, string>;

  beforeAll(async () => {
    const final = (await dockerfile()).at(-1);
    const cmdLine = final?.lines.find((l) => l.startsWith('CMD'));
    if (!final || !cmdLine) throw new Error('no CMD in the final stage');
    cmd = jsonArgs(cmdLine);
    env = {};
    for (const l of final.lines.filter((x) => x.startsWith('ENV '))) {
      for (const m of l.slice(4).matchAll(/(\w+)=(\S+)/g)) if (m[1] && m[2]) env[m[1]] = m[2];
    }
    // What the build stage does (`npm run build`), into a folder laid out like the image's /app.
    dir = await mkdtemp(path.join(os.tmpdir(), 'studybot-image-'));
    await run('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', path.join(dir, 'dist')], {
      cwd: repoRoot,
    });
    for (const item of ['package.json', 'migrations', 'content']) {
      await cp(path.join(repoRoot, item), path.join(dir, item), { recursive: true });
    }
    await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts the bot from dist/ and answers', async () => {
    expect(cmd).toEqual(['node', 'dist/src/main.js']);
    const [bin, ...args] = cmd;
    const child = spawn(bin ?? 'node', args, {
      cwd: dir,
      env: childEnv({ ...env, DATA_DIR: path.join(dir, '.data'), LOG_LEVEL: 'warn' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdin.end('/explain mfa\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Multi-factor authentication (MFA)');
  });

  /** The image's CMD with `stdin` ('ignore' is /dev/null, as `docker run` without -i gives); code and output. */
  async function runImage(
    extra: Record<string, string>,
    stdin: 'ignore' | string,
  ): Promise<{ code: number | null; out: string; err: string }> {
    const [bin, ...args] = cmd;
    const child = spawn(bin ?? 'node', args, {
      cwd: dir,
      env: childEnv({ ...env, DATA_DIR: path.join(dir, '.data'), ...extra }),
      stdio: [stdin === 'ignore' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    if (stdin !== 'ignore') child.stdin?.end(stdin);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, out, err };
  }

  it('with no credentials and a closed stdin, exits 2 with one line naming the variables (no console)', async () => {
    const closed = await runImage({}, 'ignore');
    expect(closed.code).toBe(2);
    expect(closed.out).toBe('');
    expect(closed.err.trim().split('\n')).toHaveLength(1);
    expect(closed.err).toMatch(/SLACK_BOT_TOKEN.*DISCORD_TOKEN/);
    // STUDYBOT_CONSOLE=off refuses the console even with a script piped in.
    const off = await runImage({ STUDYBOT_CONSOLE: 'off' }, '/explain mfa\n');
    expect(off.code).toBe(2);
    expect(off.out).not.toContain('console chat');
    expect(off.err).toMatch(/STUDYBOT_CONSOLE=off: set SLACK_BOT_TOKEN/);
  }, 150_000);

  it('says in one line that Slack cannot be reached at start-up; the stack only with LOG_LEVEL=debug', async () => {
    const slack = {
      SLACK_BOT_TOKEN: 'xoxb-1234567890-unreachable',
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      PORT: String(40_000 + Math.floor(Math.random() * 20_000)),
      LOG_LEVEL: 'error',
    };
    const quiet = await runImage(slack, 'ignore');
    expect(quiet.code).toBe(1);
    expect(quiet.err.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^studybot cannot start\. Could not reach Slack to check SLACK_BOT_TOKEN .*SLACK_API_URL/,
      ),
    ]);
    const debug = await runImage({ ...slack, LOG_LEVEL: 'debug' }, 'ignore');
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/Could not reach Slack/);
    expect(debug.err).toMatch(/\n\s+at /);
  }, 150_000);
});
