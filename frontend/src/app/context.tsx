import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import type { ApiClient } from "../api/client";
import type { PublicSettings } from "../api/types";
import type { SessionManager, SessionState } from "../auth/session";
import type { Services } from "./services";

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices must be used inside <ServicesProvider>");
  return services;
}

export function useApi(): ApiClient {
  return useServices().api;
}

export function useSessionManager(): SessionManager {
  return useServices().session;
}

export function useSession(): SessionState {
  const { session } = useServices();
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

/** Public settings; null while loading (and when the server cannot be reached). */
export function usePublicSettings(): PublicSettings | null {
  const { settings } = useServices();
  const [value, setValue] = useState<PublicSettings | null>(null);
  useEffect(() => {
    let live = true;
    settings().then(
      (s) => live && setValue(s),
      () => live && setValue({ openSignup: false }),
    );
    return () => {
      live = false;
    };
  }, [settings]);
  return value;
}
