import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, loadDecks } from '../../../../src/core/content/content.loader.js';
import {
  checkItemRules,
  MIN_QUESTIONS_FOR_DECK_RULES,
} from '../../../../src/core/content/item-rules.check.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const DECK = 'id: mini\ntitle: Mini\ndescription: A tiny deck.\ntopics:\n  - id: t\n    title: T\n';
const TERMS = '- id: x\n  term: X\n  topic: t\n  summary: S.\n  details: D.\n';

/** Loads a one-deck folder written from YAML snippets and applies the item rules. */
async function report(questions: string, deck = DECK) {
  dir = await mkdtemp(path.join(os.tmpdir(), 'studybot-rules-'));
  await mkdir(path.join(dir, 'mini'));
  await writeFile(path.join(dir, 'mini', 'deck.yaml'), deck);
  await writeFile(path.join(dir, 'mini', 'terms.yaml'), TERMS);
  await writeFile(path.join(dir, 'mini', 'questions.yaml'), questions);
  const [loaded] = await loadDecks(dir, { displayRoot: dir });
  if (!loaded) throw new Error('no deck');
  return checkItemRules(loaded);
}

const q = (id: string, prompt: string, choices: string[], answer: string, extra = '') =>
  `- id: ${id}\n  topic: t\n  prompt: ${JSON.stringify(prompt)}\n  choices: ${JSON.stringify(choices)}\n  answer: ${answer}\n  explanation: Because.\n  terms: [x]\n${extra}`;

const rules = (r: Awaited<ReturnType<typeof report>>) => r.problems.map((p) => p.rule);

describe('item-writing rules', () => {
  it('warns about a two-choice question, with file and line, and a lint-ignore silences it', async () => {
    const r = await report(q('tf', 'Is a security group stateful?', ['Yes', 'No'], 'A'));
    expect(r.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/^warning \[two-choice\]/));
    expect(r.problems[0]?.file).toBe('mini/questions.yaml');
    expect(r.problems[0]?.line).toBe(4);
    const silenced = await report(
      q(
        'tf',
        'Is a security group stateful?',
        ['Yes', 'No'],
        'A',
        '  lint-ignore: { rule: two-choice, reason: "a true/false fact" }\n',
      ),
    );
    expect(rules(silenced)).not.toContain('two-choice');
    expect(silenced.silenced.map((s) => s.reason)).toEqual(['a true/false fact']);
  });

  it('refuses "all of the above" as an error no lint-ignore can silence', async () => {
    const r = await report(
      q('all', 'Which are AWS services?', ['Amazon S3', 'Amazon EC2', 'All of the above'], 'C'),
    );
    expect(r.problems).toContainEqual(
      expect.objectContaining({ rule: 'all-none-of-the-above', severity: 'error' }),
    );
    await expect(
      report(
        q(
          'all',
          'Which?',
          ['A1', 'B1', 'All of the above'],
          'C',
          '  lint-ignore: { rule: all-none-of-the-above, reason: no }\n',
        ),
      ),
    ).rejects.toThrow(ContentError);
  });

  it('flags a key that repeats a stem word no distractor has', async () => {
    const r = await report(
      q(
        'clang',
        'Which sets rules for IAM passwords?',
        ['An SCP', 'A virtual MFA device', 'The password policy', 'A key policy'],
        'C',
      ),
    );
    expect(r.problems).toContainEqual(expect.objectContaining({ rule: 'key-stem-word' }));
    expect(r.problems.find((p) => p.rule === 'key-stem-word')?.message).toContain('"password"');
  });

  it('flags a near-duplicate prompt and names the earlier question', async () => {
    const r = await report(
      q(
        'one',
        'Who patches the guest operating system of an EC2 instance?',
        ['AWS', 'The customer', 'Both', 'Nobody'],
        'B',
      ) +
        q(
          'two',
          'Who patches the guest operating system on an Amazon EC2 instance?',
          ['AWS', 'The customer', 'Both', 'Nobody'],
          'B',
        ),
    );
    const dup = r.problems.find((p) => p.rule === 'near-duplicate-prompt');
    expect(dup?.entry).toBe('question "two"');
    expect(dup?.message).toContain('"one"');
  });

  it('reports a lint-ignore that silences nothing', async () => {
    const r = await report(
      q(
        'fine',
        'Which service records API calls?',
        ['AWS CloudTrail', 'Amazon Macie', 'AWS WAF', 'Amazon VPC'],
        'A',
        '  lint-ignore: { rule: two-choice, reason: stale }\n',
      ),
    );
    expect(rules(r)).toEqual(['unused-lint-ignore']);
  });

  describe('deck-level statistics', () => {
    const many = (n: number, answer: (i: number) => string, longKey: (i: number) => boolean) =>
      Array.from({ length: n }, (_, i) => {
        const letter = answer(i);
        const choices = ['Alpha one', 'Bravo two', 'Charlie 3', 'Delta fou'];
        const k = 'ABCD'.indexOf(letter);
        choices[k] = longKey(i) ? `${choices[k]} and a much longer tail` : (choices[k] ?? '');
        choices[(k + 1) % 4] = `${choices[(k + 1) % 4]} x`;
        choices[(k + 2) % 4] = `${choices[(k + 2) % 4]} yy`;
        if (i % 4 === 1) choices[(k + 3) % 4] = `${choices[(k + 3) % 4]} zzz`;
        return q(`q${i}`, `Question number ${i} about topic ${i * 7}?`, choices, letter);
      }).join('');

    it(`skip decks under ${MIN_QUESTIONS_FOR_DECK_RULES} questions`, async () => {
      const r = await report(
        many(
          10,
          () => 'A',
          () => true,
        ),
      );
      expect(r.stats.deckRulesApply).toBe(false);
      expect(rules(r)).not.toContain('key-letter-spread');
    });

    it('warn when keys crowd one letter, and when the key is usually the longest', async () => {
      const r = await report(
        many(
          40,
          () => 'A',
          () => true,
        ),
      );
      expect(rules(r)).toEqual(expect.arrayContaining(['key-letter-spread', 'key-longest']));
      expect(r.stats.keyLongest).toEqual({ count: 40, of: 40 });
    });

    it('pass with an even spread and a fair longest share, and deck.yaml can silence them', async () => {
      const even = many(
        40,
        (i) => 'ABCD'[i % 4] ?? 'A',
        (i) => i % 4 === 0,
      );
      expect(rules(await report(even))).not.toEqual(expect.arrayContaining(['key-letter-spread']));
      expect(rules(await report(even))).not.toContain('key-longest');
      const silenced = await report(
        many(
          40,
          () => 'A',
          () => false,
        ),
        `${DECK}lint-ignore:\n  - { rule: key-letter-spread, reason: "answers are ordered on purpose" }\n`,
      );
      expect(rules(silenced)).not.toContain('key-letter-spread');
    });
  });
});
