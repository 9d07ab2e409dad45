import { describe, expect, it } from 'vitest';
import type { Question } from '../../../../src/core/content/content.schema.js';
import { shuffledQuestions } from '../../../../src/core/quiz/selection.js';

const q = (id: string): Question => ({
  id,
  topic: 't',
  prompt: id,
  choices: ['a', 'b'],
  answer: 'A',
  explanation: 'e',
  terms: ['x'],
});

describe('deterministic shuffle', () => {
  const deck = Array.from({ length: 30 }, (_, i) => q(`q${i}`));
  it('is stable for a seed and differs between seeds', () => {
    const a = shuffledQuestions(deck, 'channel:1:cycle:0').map((x) => x.id);
    expect(shuffledQuestions([...deck].reverse(), 'channel:1:cycle:0').map((x) => x.id)).toEqual(a);
    expect(shuffledQuestions(deck, 'channel:2:cycle:0').map((x) => x.id)).not.toEqual(a);
    expect(new Set(a).size).toBe(30);
  });
  it('keeps the relative order of existing questions when one is added', () => {
    const before = shuffledQuestions(deck, 's').map((x) => x.id);
    const after = shuffledQuestions([...deck, q('added')], 's')
      .map((x) => x.id)
      .filter((id) => id !== 'added');
    expect(after).toEqual(before);
  });
});
