import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

/** The project's norms (README "How we write code"): files under ~300 lines, functions under ~80. */
const MAX_FILE_LINES = 320;
const MAX_FUNCTION_LINES = 85;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Every function, method and arrow function longer than `max` lines, as `name (lines)`. */
function longFunctions(fileName: string, text: string, max: number): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      const named = node as ts.Node & { name?: ts.Node };
      const name = named.name ? named.name.getText(source) : `(anonymous at line ${start + 1})`;
      // A factory's body holds its whole module's closures: measure those, not the factory.
      const isFactory = /^create[A-Z]/.test(name);
      if (lines > max && !isFactory) found.push(`${name} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('source size', () => {
  it('keeps every file in src/ under ~300 lines and every function under ~80', async () => {
    const problems: string[] = [];
    for (const file of await sourceFiles(path.join(repoRoot, 'src'))) {
      const text = await readFile(file, 'utf8');
      const relative = path.relative(repoRoot, file);
      const lines = text.split('\n').length;
      if (lines > MAX_FILE_LINES) problems.push(`${relative}: ${lines} lines`);
      for (const f of longFunctions(file, text, MAX_FUNCTION_LINES)) problems.push(`${relative}: ${f}`);
    }
    expect(problems).toEqual([]);
  });

  it('finds a long function, and leaves a factory to its closures', () => {
    const body = Array.from({ length: 90 }, (_, i) => `  const a${i} = ${i};`).join('\n');
    expect(longFunctions('x.ts', `function big() {\n${body}\n}`, 85)).toEqual(['big (92 lines)']);
    expect(longFunctions('x.ts', `function createThing() {\n${body}\n}`, 85)).toEqual([]);
    expect(longFunctions('x.ts', 'const small = () => 1;', 85)).toEqual([]);
  });
});
