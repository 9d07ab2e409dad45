import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replyForError, StudybotError } from '../../../src/core/errors.js';
import { PublishError } from '../../../src/core/publishing/publisher.port.js';
import { REFUSALS, type RefusalCode, refusal } from '../../../src/core/refusals.js';
import { repoRoot } from '../../support/paths.js';

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (entry.name.endsWith('.ts') && !full.endsWith('refusals.ts')) out.push(full);
  }
  return out;
}

describe('the refusal table', () => {
  it('has no code that nothing uses: every code is raised somewhere in src/', async () => {
    const text = (
      await Promise.all((await sources(path.join(repoRoot, 'src'))).map((f) => readFile(f, 'utf8')))
    ).join('\n');
    const unused = (Object.keys(REFUSALS) as RefusalCode[]).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('makes private error replies that carry their code', () => {
    expect(refusal('CHOICE_INVALID', { letters: 'A–D' })).toEqual({
      kind: 'error',
      visibility: 'only-user',
      code: 'CHOICE_INVALID',
      lines: [REFUSALS.CHOICE_INVALID({ letters: 'A–D' })],
    });
  });

  it('answers every failure with a code: its own, the shared publish mapping, or INTERNAL', () => {
    expect(replyForError(new StudybotError('NOT_RECORDED', []), 'slack').code).toBe('NOT_RECORDED');
    const refused = replyForError(new PublishError('unreachable', 'Missing Access (50001)'), 'discord');
    expect(refused.code).toBe('PUBLISH_UNREACHABLE');
    expect(refused.lines[0]).toContain('Missing Access (50001)');
    const limited = replyForError(new PublishError('rate-limited', 'slow down', 12_300), 'slack');
    expect(limited).toMatchObject({ code: 'PUBLISH_RATE_LIMITED' });
    expect(limited.lines[0]).toContain('Slack');
    expect(limited.lines[0]).toContain('13 s');
    expect(replyForError(new PublishError('transient', 'HTTP 502'), 'discord').code).toBe('PUBLISH_FAILED');
    const internal = replyForError(new Error('relation "members" does not exist'), 'console');
    expect(internal.code).toBe('INTERNAL');
    expect(internal.lines.join(' ')).not.toContain('members');
  });
});
