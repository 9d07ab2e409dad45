/**
 * Translations of the registry's command and option descriptions, for platforms that show them per user
 * language (Discord's `description_localizations`). English is the registry's own text and ships for
 * `en-US` and `en-GB`; another language is one more entry here, keyed by Discord's locale code (`de`,
 * `fr`, `pt-BR`…), each text keyed by its path in the registry: `explain` (a command), `studybot setup`
 * (a sub-command), `explain term` or `studybot setup time` (an option). A missing text falls back to English.
 * docs/platforms.md says how to add a language.
 */
export type DescriptionTranslations = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The English locales the registry's own text is shown for. */
export const ENGLISH_LOCALES = ['en-US', 'en-GB'] as const;

/** Shipped translations: none beyond English yet. */
export const DESCRIPTION_TRANSLATIONS: DescriptionTranslations = {};

/** Every locale's text for one registry path: English for the English locales, then each translation. */
export function localizedDescriptions(
  path: string,
  english: string,
  translations: DescriptionTranslations = DESCRIPTION_TRANSLATIONS,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const locale of ENGLISH_LOCALES) out[locale] = english;
  for (const [locale, texts] of Object.entries(translations)) {
    const text = texts[path];
    if (text !== undefined && text.length <= 100) out[locale] = text;
  }
  return out;
}
