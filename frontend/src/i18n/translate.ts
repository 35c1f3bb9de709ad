import { en, ko, type Dictionary, type MessageKey } from "./messages";

export const LANGUAGES = ["ko", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "ko";

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const DICTIONARIES: Record<Language, Dictionary> = { ko, en };

/** Maps any stored or requested value ("en-US", "KO", junk) to a supported language. */
export function normalizeLanguage(value: unknown): Language {
  if (typeof value !== "string") return DEFAULT_LANGUAGE;
  const base = value.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? "") ? (base as Language) : DEFAULT_LANGUAGE;
}

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/**
 * Builds t() for a language. A key missing in that language falls back to the
 * default (Korean) dictionary, then to the key itself, so the UI never shows blanks.
 */
export function createTranslator(
  language: Language,
  dictionaries: Record<Language, Dictionary> = DICTIONARIES,
): Translate {
  const primary = dictionaries[language];
  const fallback = dictionaries[DEFAULT_LANGUAGE];
  return (key, params) => interpolate(primary[key] ?? fallback[key] ?? key, params);
}

/** BCP 47 tag for Intl formatting and the Accept-Language header. */
export function localeOf(language: Language): string {
  return language === "ko" ? "ko-KR" : "en-US";
}

/** Accept-Language value for API calls: exactly the chosen UI language. */
export function acceptLanguageOf(language: Language): string {
  return language;
}
