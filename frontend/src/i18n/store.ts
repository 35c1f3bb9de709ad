import { DEFAULT_LANGUAGE, normalizeLanguage, type Language } from "./translate";

export const LANGUAGE_STORAGE_KEY = "eutteum.lang";

type Listener = (language: Language) => void;

function safeStorage(): Storage | null {
  try {
    return typeof window !== "undefined" ? window.localStorage : null;
  } catch {
    return null; // storage disabled (privacy mode, sandboxed frame)
  }
}

/**
 * The chosen UI language, outside React so the API client can read it for
 * Accept-Language. Korean unless the user picked another language before.
 */
export class LanguageStore {
  private language: Language;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Storage | null = safeStorage()) {
    let stored: string | null = null;
    try {
      stored = this.storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
    } catch {
      stored = null;
    }
    this.language = stored ? normalizeLanguage(stored) : DEFAULT_LANGUAGE;
    this.applyToDocument();
  }

  get = (): Language => this.language;

  set = (value: Language): void => {
    const next = normalizeLanguage(value);
    try {
      this.storage?.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this page.
    }
    if (next === this.language) return;
    this.language = next;
    this.applyToDocument();
    for (const listener of this.listeners) listener(next);
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private applyToDocument(): void {
    if (typeof document !== "undefined") document.documentElement.lang = this.language;
  }
}
