import type { z } from 'zod';
import { CHOICE_LETTERS } from './content.schema.js';
import type { ContentProblem, YamlSource } from './yaml-source.js';

/** A zod error on a YAML entry as content problems, each with its file and line. */
export function zodProblems(
  error: z.ZodError,
  source: YamlSource,
  basePath: PropertyKey[],
  entry: string | undefined,
  raw?: unknown,
): ContentProblem[] {
  return error.issues.map((issue) => {
    const issuePath = [...basePath, ...issue.path];
    const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    // Unknown keys are reported on the parent; name them so the author can find the typo.
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.join(', ')}`
        : `${field}${answerMessage(issue, raw) ?? issue.message}`;
    return { file: source.file, line: source.lineOf(issuePath), entry, message };
  });
}

/** A question's answer problem naming the letters its choices have (`A, B or C`), not all five. */
function answerMessage(issue: z.core.$ZodIssue, raw: unknown): string | undefined {
  const choices =
    typeof raw === 'object' && raw !== null ? (raw as { choices?: unknown }).choices : undefined;
  if (issue.path.join('.') !== 'answer' || !Array.isArray(choices) || choices.length < 2) return undefined;
  const letters = CHOICE_LETTERS.slice(0, Math.min(choices.length, CHOICE_LETTERS.length));
  const list = `${letters.slice(0, -1).join(', ')} or ${letters.at(-1)}`;
  const missing = (issue as { input?: unknown }).input === undefined;
  return missing
    ? `the letter of the right choice (${list}) is required`
    : `expected the letter of the right choice: ${list}`;
}
