/** The languages the portal is translated into; Italian is the reference language. */
export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'it';

/** Each language's name written in that language, as a switch should show it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  it: 'Italiano',
  en: 'English',
};

/** The locale used to format numbers and dates in each language. */
export const LANGUAGE_LOCALES: Readonly<Record<Language, string>> = {
  it: 'it-IT',
  en: 'en-GB',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
