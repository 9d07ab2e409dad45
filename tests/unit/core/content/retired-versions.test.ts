import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../../../src/core/content/catalog.js';
import { type Deck, loadDecks } from '../../../../src/core/content/content.loader.js';
import { questionVersion } from '../../../../src/core/content/question-version.js';
import { channelChooser } from '../../../../src/core/quiz/selection.js';
import { planRescore, versionRows } from '../../../../src/core/reports/rescore.plan.js';
import { fixtureContent } from '../../../support/paths.js';

let dir: string;
let deck: Deck;
let original: Deck;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'studybot-retired-'));
  await cp(fixtureContent, dir, { recursive: true });
  const file = path.join(dir, 'sample', 'questions.yaml');
  const yaml = await readFile(file, 'utf8');
  // Retire q-scp: the line after its id.
  await writeFile(file, yaml.replace('- id: q-scp\n', '- id: q-scp\n  retired: true\n'));
  [deck] = (await loadDecks(dir)) as [Deck];
  [original] = (await loadDecks(fixtureContent)) as [Deck];
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('retired questions', () => {
  it('load (content:check accepts retired: true), are kept for history and left out of what may be posted', () => {
    expect(deck.retired.map((q) => q.id)).toEqual(['q-scp']);
    expect(deck.questions.map((q) => q.id)).not.toContain('q-scp');
    expect(deck.questionById.get('q-scp')?.retired).toBe(true);
    expect(deck.questions).toHaveLength(original.questions.length - 1);
  });

  it('are never chosen for a channel, over several passes through the deck', () => {
    const choose = channelChooser(createCatalog([deck]));
    const channel = {
      id: 7,
      workspaceId: 1,
      externalId: 'c',
      deckId: deck.meta.id,
      cycle: 0,
      postSeq: 0,
      adaptive: false,
      recapDay: null,
    };
    const used = new Set<string>();
    const picked: string[] = [];
    let cycle = 0;
    for (let i = 0; i < deck.questions.length * 3; i++) {
      const next = choose({
        channel: { ...channel, cycle },
        usedInCycle: used,
        lastQuestionId: picked.at(-1),
      });
      if (next.cycle !== cycle) used.clear();
      cycle = next.cycle;
      used.add(next.questionId);
      picked.push(next.questionId);
    }
    expect(picked).not.toContain('q-scp');
    expect(new Set(picked).size).toBe(deck.questions.length);
  });
});

describe('question versions', () => {
  it('hash the prompt, choices and key only: retiring or re-explaining keeps the version, a new key changes it', () => {
    const before = original.questionById.get('q-scp');
    if (!before) throw new Error('q-scp');
    expect(questionVersion(before)).toMatch(/^[0-9a-f]{16}$/);
    expect(questionVersion(deck.questionById.get('q-scp') ?? before)).toBe(questionVersion(before));
    expect(questionVersion({ ...before, explanation: 'Another explanation.' })).toBe(questionVersion(before));
    expect(questionVersion({ ...before, answer: 'A' })).not.toBe(questionVersion(before));
    expect(questionVersion({ ...before, choices: [...before.choices].reverse() })).not.toBe(
      questionVersion(before),
    );
  });

  it('plan a rescore of versions with the same choices and another key, and leave versions with other choices', () => {
    const fixed = original.questionById.get('q-scp');
    if (!fixed) throw new Error('q-scp');
    const [wrongKey] = versionRows('sample', [{ ...fixed, answer: 'A' }]);
    const [otherChoices] = versionRows('sample', [{ ...fixed, choices: ['Yes', 'No'], answer: 'A' }]);
    const [today] = versionRows('sample', [fixed]);
    if (!wrongKey || !otherChoices || !today) throw new Error('rows');
    const plan = planRescore(fixed, [wrongKey, otherChoices, today]);
    expect(plan.affected.map((v) => v.version)).toEqual([wrongKey.version]);
    expect(plan.skipped.map((v) => v.version)).toEqual([otherChoices.version]);
  });
});
