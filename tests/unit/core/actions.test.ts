import { describe, expect, it } from 'vitest';
import { parseAction } from '../../../src/core/actions.js';

describe('button payloads', () => {
  it('parses only what the core puts on buttons', () => {
    expect(parseAction('answer:12:B')).toEqual({ kind: 'answer', postId: 12, choice: 'B' });
    expect(parseAction('practice:7:E')).toEqual({ kind: 'practice', promptId: 7, choice: 'E' });
    expect(parseAction('latest:D')).toEqual({ kind: 'latest', choice: 'D' });
    for (const bad of [
      'answer:0:A',
      'answer:012:A',
      'answer:1:F',
      'answer:1:a',
      'answer:3000000000:A',
      'answer:1:A ',
      'post:1:A',
      '',
      'explain:',
      'explain:UPPER',
      'latest:F',
      'latest:d',
      'latest:',
    ]) {
      expect(parseAction(bad), bad).toBeUndefined();
    }
  });
});
