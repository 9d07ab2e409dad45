/**
 * What people type around a term name: question forms ("what is an scp", "what's kms", "explain iam") and
 * vendor prefixes ("amazon cloudtrail", "aws security token service"). Folding them away leaves the name.
 */

const QUESTION =
  /^(?:please\s+)?(?:(?:what|who|which)(?:\s*['’]?\s*s|\s+is|\s+are|\s+was|\s+were)|what\s+does|how\s+does|how\s+do|explain|define|describe|definition\s+of|meaning\s+of|tell\s+me\s+about)\s+(?:(?:an?|the)\s+)?(.+?)$/i;
const QUESTION_TAIL = /\s+(?:mean|means|stand\s+for|do|does|work|works|used\s+for|for)$/i;
const VENDOR = /^(?:amazon\s+web\s+services|amazon|aws)\s+(.+)$/i;

/** `text` without a leading question form and trailing question words or marks; unchanged if none. */
export function stripQuestion(text: string): string {
  const trimmed = text
    .trim()
    .replace(/[?!.]+$/, '')
    .trim();
  const m = QUESTION.exec(trimmed);
  if (!m?.[1]) return trimmed;
  return m[1].replace(QUESTION_TAIL, '').trim();
}

/** `text` without a leading "amazon", "aws" or "amazon web services"; unchanged if none. */
export function stripVendor(text: string): string {
  return VENDOR.exec(text.trim())?.[1]?.trim() ?? text.trim();
}

/** The forms of a query worth looking up exactly, most literal first (no duplicates). */
export function queryForms(query: string): string[] {
  const asked = stripQuestion(query);
  return [...new Set([query.trim(), asked, stripVendor(asked)].filter((f) => f !== ''))];
}
