import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import type { LanguageStore } from "./store";
import { createTranslator, localeOf, type Language, type Translate } from "./translate";

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  formatDateTime: (iso: string | undefined) => string;
  formatDate: (iso: string | undefined) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ store, children }: { store: LanguageStore; children: ReactNode }) {
  const language = useSyncExternalStore(store.subscribe, store.get, store.get);
  const format = useCallback(
    (iso: string | undefined, options: Intl.DateTimeFormatOptions) => {
      if (!iso) return "";
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(localeOf(language), options).format(date);
    },
    [language],
  );
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage: store.set,
      t: createTranslator(language),
      formatDateTime: (iso) => format(iso, { dateStyle: "medium", timeStyle: "short" }),
      formatDate: (iso) => format(iso, { dateStyle: "medium" }),
    }),
    [language, store, format],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
