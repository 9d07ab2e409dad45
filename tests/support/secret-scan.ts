import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Shapes of platform credentials: Slack bot/user/app tokens and Discord bot tokens. */
const SHAPES: { name: string; pattern: RegExp }[] = [
  { name: 'Slack token', pattern: /xox[abposre]-[A-Za-z0-9-]{6,}/ },
  { name: 'Slack app token', pattern: /xapp-[A-Za-z0-9-]{6,}/ },
  { name: 'Discord token', pattern: /[A-Za-z\d_-]{20,30}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/ },
];

export interface Finding {
  where: string;
  what: string;
  excerpt: string;
}

/** Every line of `text` that holds a credential shape or one of the `known` secret values. */
export function findSecrets(text: string, known: readonly string[], where = 'input'): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    const hit =
      SHAPES.find((s) => s.pattern.test(line))?.name ??
      (known.some((k) => line.includes(k)) ? 'a test secret' : undefined);
    if (hit) findings.push({ where: `${where}:${i + 1}`, what: hit, excerpt: line.slice(0, 200) });
  });
  return findings;
}

/** Scans every log file the suite wrote into `dir`. */
export async function scanLogDir(
  dir: string,
  known: readonly string[],
): Promise<{ files: number; lines: number; findings: Finding[] }> {
  let files = 0;
  let lines = 0;
  const findings: Finding[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const text = await readFile(path.join(dir, name), 'utf8');
    files++;
    lines += text.split('\n').filter((l) => l.trim() !== '').length;
    findings.push(...findSecrets(text, known, name));
  }
  return { files, lines, findings };
}
