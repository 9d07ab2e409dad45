import { choiceIndex, type Question } from './content.schema.js';
import { contentStems, wordsByStem } from './item.words.js';
import type { ItemFinding } from './item-rules.types.js';

/**
 * "Clang" cue: the key repeats a content word of the prompt that no distractor has, so a candidate can
 * match words instead of knowing the answer. Words are compared by Porter stem without stop words.
 */
export function stemClueRule(questions: readonly Question[]): ItemFinding[] {
  const findings: ItemFinding[] = [];
  for (const q of questions) {
    const key = choiceIndex(q.answer);
    const keyText = q.choices[key];
    if (keyText === undefined) continue;
    const prompt = new Set(contentStems(q.prompt));
    const distractors = new Set(q.choices.flatMap((c, i) => (i === key ? [] : contentStems(c))));
    const keyWords = wordsByStem(keyText);
    const shared = [...new Set(contentStems(keyText))].filter((s) => prompt.has(s) && !distractors.has(s));
    if (shared.length === 0) continue;
    findings.push({
      rule: 'key-stem-word',
      severity: 'warning',
      kind: 'question',
      id: q.id,
      field: ['choices', key],
      message:
        `the key repeats ${shared.map((s) => `"${keyWords.get(s) ?? s}"`).join(', ')} from the prompt and no ` +
        'distractor does; reword the key or give the word to a distractor too',
    });
  }
  return findings;
}
