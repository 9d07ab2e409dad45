import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.js';

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const FORBIDDEN_PACKAGES = [
  '@slack/',
  'discord.js',
  '@discordjs/',
  'postgres',
  '@electric-sql/',
  'drizzle-orm',
  'pg',
  'pino',
];

/** What in one source file breaks the core's boundary. */
function offences(text: string): string[] {
  const found: string[] = [];
  const specifiers = [
    ...text.matchAll(/(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2] ?? '');
  for (const spec of specifiers) {
    const forbidden = FORBIDDEN_PACKAGES.some((p) =>
      p.endsWith('/') ? spec.startsWith(p) : spec === p || spec.startsWith(`${p}/`),
    );
    if (forbidden || /(^|\/)(adapters|db)\//.test(spec)) found.push(`imports ${spec}`);
  }
  if (/process\.env/.test(text)) found.push('reads process.env');
  return found;
}

describe('src/core stays platform-free', () => {
  it('imports no chat SDK, no database driver, no adapter or store, and reads no environment', async () => {
    const files = await sourceFiles(path.join(repoRoot, 'src/core'));
    expect(files.length).toBeGreaterThan(5);
    const all: string[] = [];
    for (const file of files) {
      for (const o of offences(await readFile(file, 'utf8')))
        all.push(`${path.relative(repoRoot, file)} ${o}`);
    }
    expect(all).toEqual([]);
  });

  it('recognises each kind of offence', () => {
    expect(offences("import { App } from '@slack/bolt';")).toEqual(['imports @slack/bolt']);
    expect(offences("import type { Client } from 'discord.js';")).toEqual(['imports discord.js']);
    expect(offences("const pg = await import('postgres');")).toEqual(['imports postgres']);
    expect(offences("import { eq } from 'drizzle-orm';")).toEqual(['imports drizzle-orm']);
    expect(offences("import { x } from '../../db/schema.js';")).toEqual(['imports ../../db/schema.js']);
    expect(offences('const t = process.env.SLACK_BOT_TOKEN;')).toEqual(['reads process.env']);
    expect(offences("import { z } from 'zod';\nimport Fuse from 'fuse.js';")).toEqual([]);
  });
});
