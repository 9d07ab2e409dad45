import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError, loadDecks } from '../../../../src/core/content/content.loader.js';
import { fixtureContent } from '../../../support/paths.js';

let dir: string;
const deckFile = (name: string) => path.join(dir, 'sample', name);

async function edit(name: string, change: (text: string) => string): Promise<void> {
  const file = deckFile(name);
  await writeFile(file, change(await readFile(file, 'utf8')));
}

async function problems(): Promise<string[]> {
  try {
    await loadDecks(dir, { displayRoot: dir });
  } catch (error) {
    if (error instanceof ContentError)
      return error.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
    throw error;
  }
  throw new Error('expected the deck to be refused');
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'studybot-content-'));
  await cp(fixtureContent, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('content loader', () => {
  it('loads a valid deck with its terms and questions', async () => {
    const [deck] = await loadDecks(dir);
    expect(deck?.meta.id).toBe('sample');
    expect(deck?.terms).toHaveLength(5);
    expect(deck?.questions).toHaveLength(5);
    expect(deck?.questionById.get('q-scp')?.answer).toBe('B');
    expect(deck?.topicTitle('network')).toBe('Network');
  });

  it('reads terms and questions split across folders', async () => {
    const { mkdir, rename } = await import('node:fs/promises');
    await mkdir(deckFile('questions'));
    await rename(deckFile('questions.yaml'), deckFile('questions/identity.yaml'));
    const [deck] = await loadDecks(dir);
    expect(deck?.questions.map((q) => q.id)).toContain('q-guardduty');
  });

  it('names file, line and entry for a duplicate id', async () => {
    await edit('terms.yaml', (t) => t.replace('- id: guardduty', '- id: scp'));
    expect(await problems()).toContainEqual(
      'sample/terms.yaml:28: term "scp": duplicate id: already defined at sample/terms.yaml:1',
    );
  });

  it('reports a dangling related term on the line of the link', async () => {
    await edit('terms.yaml', (t) => t.replace('related: [iam-policy]', 'related: [iam-polcy]'));
    expect(await problems()).toEqual([
      'sample/terms.yaml:7: term "scp": related term "iam-polcy" does not exist',
    ]);
  });

  it('reports an answer that is not among the choices', async () => {
    await edit('questions.yaml', (t) =>
      t.replace('answer: A\n  explanation: Return', 'answer: C\n  explanation: Return'),
    );
    expect(await problems()).toEqual([
      'sample/questions.yaml:27: question "q-sg": answer "C" is not among the choices A, B',
    ]);
  });

  it('reports an alias claimed by two terms', async () => {
    await edit('terms.yaml', (t) => t.replace('aliases: [sg]', 'aliases: [sg, Service-Control Policies]'));
    expect(await problems()).toEqual([
      'sample/terms.yaml:22: term "security-group": alias "service control policy" is already claimed by term "scp"',
    ]);
  });

  it('reports empty and missing fields, unknown fields and bad YAML', async () => {
    await edit('terms.yaml', (t) =>
      t
        .replace('summary: Threat detection from logs.', 'summary: ""')
        .replace('details: Only allow rules.', 'detials: Only allow rules.'),
    );
    const found = await problems();
    expect(found).toContainEqual(
      'sample/terms.yaml:31: term "guardduty": summary: summary must not be empty',
    );
    expect(found).toContainEqual('sample/terms.yaml:22: term "security-group": details: details is required');
    expect(found).toContainEqual('sample/terms.yaml:22: term "security-group": unknown field(s) detials');

    await edit('questions.yaml', (t) => `${t}\n- id: [broken\n`);
    expect((await problems()).some((p) => /^sample\/questions\.yaml:\d+: not valid YAML/.test(p))).toBe(true);
  });

  it('refuses too few choices and an unknown topic', async () => {
    await edit('questions.yaml', (t) =>
      t
        .replace('choices: [Yes, "No"]', 'choices: [Yes]')
        .replace('topic: network\n  prompt: Which', 'topic: networking\n  prompt: Which'),
    );
    const found = await problems();
    expect(found).toContainEqual(
      'sample/questions.yaml:26: question "q-sg": choices: a question needs 2 to 5 choices',
    );
    expect(found).toContainEqual(
      'sample/questions.yaml:31: question "q-guardduty": topic "networking" is not listed in deck.yaml topics',
    );
  });

  it('refuses a missing content folder and a folder without decks', async () => {
    await expect(loadDecks(path.join(dir, 'nope'))).rejects.toThrow(
      /the content folder does not exist \(set CONTENT_DIR\)/,
    );
    await rm(path.join(dir, 'sample'), { recursive: true });
    await expect(loadDecks(dir)).rejects.toThrow(/no decks found/);
  });

  it('reports every problem of one run and invents none (issue 13 item 9)', async () => {
    // A duplicate id is named even when the duplicate also has an unknown field.
    await edit('terms.yaml', (t) => t.replace('- id: guardduty\n', '- id: scp\n  colour: red\n'));
    // A three-choice question without an answer names the letters it has.
    await edit('questions.yaml', (t) =>
      t.replace('  answer: A\n  explanation: AWS Organizations', '  explanation: AWS Organizations'),
    );
    const found = await problems();
    expect(found).toContainEqual(
      expect.stringMatching(/terms\.yaml:\d+: term "scp": duplicate id: already defined at .*terms\.yaml:1/),
    );
    expect(found).toContainEqual(expect.stringMatching(/term "scp": unknown field\(s\) colour/));
    expect(found).toContainEqual(
      expect.stringMatching(
        /question "q-org": answer: the letter of the right choice \(A, B or C\) is required/,
      ),
    );
    expect(found.join('\n')).not.toMatch(/A, B, C, D or E/);
  });

  it('does not claim a deck has no terms and no questions when its files are broken', async () => {
    await edit('terms.yaml', () => '- id: [broken\n');
    await edit('questions.yaml', () => 'key: : : nope\n  - [\n');
    const found = await problems();
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).not.toMatch(/no terms and no questions/);
  });
});
