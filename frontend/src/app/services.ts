import { createAuthFetch, type FetchLike } from "../api/authFetch";
import { createApiClient, type ApiClient } from "../api/client";
import type { PublicSettings } from "../api/types";
import { SessionManager } from "../auth/session";
import { LanguageStore } from "../i18n/store";
import { acceptLanguageOf } from "../i18n/translate";

export interface Services {
  api: ApiClient;
  session: SessionManager;
  language: LanguageStore;
  /** GET /api/v1/settings, fetched once and shared. */
  settings: () => Promise<PublicSettings>;
}

export function createServices(options: {
  fetch?: FetchLike;
  baseUrl?: string;
  language?: LanguageStore;
  session?: SessionManager;
} = {}): Services {
  const language = options.language ?? new LanguageStore();
  const session = options.session ?? new SessionManager();
  const network: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const api = createApiClient({
    baseUrl: options.baseUrl,
    fetch: createAuthFetch({
      fetch: network,
      getAccessToken: session.getAccessToken,
      getAcceptLanguage: () => acceptLanguageOf(language.get()),
      refresh: () => session.refresh(),
    }),
  });
  session.attach(api);

  let settings: Promise<PublicSettings> | null = null;
  return {
    api,
    session,
    language,
    settings: () => {
      settings ??= api.GET("/api/v1/settings").then(({ data }) => data ?? { openSignup: false });
      settings.catch(() => {
        settings = null; // try again next time
      });
      return settings;
    },
  };
}
