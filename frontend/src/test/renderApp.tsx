// Renders the whole app (routes, services, language) against a fake API, as the page tests need.
import { act, render } from "@testing-library/react";
import { MemoryRouter, useLocation } from "react-router";
import { AppRoutes } from "../App";
import type { User } from "../api/types";
import { ServicesProvider } from "../app/context";
import { createServices } from "../app/services";
import { SessionManager } from "../auth/session";
import { I18nProvider } from "../i18n/I18nProvider";
import { LanguageStore } from "../i18n/store";
import { fakeFetch, json, problem, session, type Seen } from "./fakeServer";

/** Answers a request, or returns null to fall through to the defaults. */
export type Handler = (request: Request, seen: Seen) => Response | null | Promise<Response | null>;

let where = "";
function LocationProbe() {
  const location = useLocation();
  where = location.pathname + location.search;
  return null;
}
/** The router's current path and query. */
export const currentLocation = () => where;

/**
 * Renders the app at `path` and restores the session. `user` signs someone in through the
 * refresh call; without one the visitor is anonymous. What `handler` leaves unanswered gets
 * closed sign-up for settings and 404 for everything else.
 */
export async function renderApp(path: string, handler: Handler, user?: User) {
  const net = fakeFetch(async (request, seen) => {
    const answer = await handler(request, seen);
    if (answer) return answer;
    if (seen.path === "/api/v1/auth/refresh") {
      return user ? json(200, session("t1", user)) : problem(401, "refresh_token_invalid", "다시 로그인하세요.");
    }
    if (seen.path === "/api/v1/settings") return json(200, { openSignup: false });
    return problem(404, "not_found", "찾을 수 없습니다.");
  });
  const services = createServices({
    fetch: net.fetch,
    baseUrl: "http://app.test",
    language: new LanguageStore(null),
    session: new SessionManager(null),
  });
  render(
    <ServicesProvider services={services}>
      <I18nProvider store={services.language}>
        <MemoryRouter initialEntries={[path]}>
          <LocationProbe />
          <AppRoutes />
        </MemoryRouter>
      </I18nProvider>
    </ServicesProvider>,
  );
  await act(() => services.session.restore());
  return { ...net, services };
}
