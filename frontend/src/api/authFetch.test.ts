import { describe, expect, it, vi } from "vitest";
import { createServices } from "../app/services";
import { SessionManager } from "../auth/session";
import { LanguageStore } from "../i18n/store";
import { fakeFetch, json, problem, session } from "../test/fakeServer";
import { createAuthFetch, isAuthEndpoint } from "./authFetch";

const BASE = "http://app.test";

function services(handler: Parameters<typeof fakeFetch>[0]) {
  const net = fakeFetch(handler);
  const language = new LanguageStore(null);
  const svc = createServices({ fetch: net.fetch, baseUrl: BASE, language, session: new SessionManager(null) });
  return { ...svc, requests: net.requests };
}

describe("createAuthFetch", () => {
  it("sends Accept-Language and the bearer token", async () => {
    const net = fakeFetch(() => json(200, { ok: true }));
    const fetch = createAuthFetch({
      fetch: net.fetch,
      getAccessToken: () => "t1",
      getAcceptLanguage: () => "en",
      refresh: async () => null,
    });
    await fetch(new Request(`${BASE}/api/v1/me`));
    expect(net.requests[0]).toMatchObject({ authorization: "Bearer t1", acceptLanguage: "en" });
  });

  it("on 401 refreshes once and retries once with the new token and the same body", async () => {
    const net = fakeFetch((_req, seen) =>
      seen.authorization === "Bearer fresh" ? json(200, { ok: true }) : problem(401, "token_expired", "만료"),
    );
    const refresh = vi.fn(async () => "fresh");
    const fetch = createAuthFetch({ fetch: net.fetch, getAccessToken: () => "stale", getAcceptLanguage: () => "ko", refresh });
    const response = await fetch(
      new Request(`${BASE}/api/v1/me`, { method: "PATCH", body: JSON.stringify({ displayName: "새 이름" }) }),
    );
    expect(response.status).toBe(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(net.requests.map((r) => [r.method, r.authorization, r.body])).toEqual([
      ["PATCH", "Bearer stale", '{"displayName":"새 이름"}'],
      ["PATCH", "Bearer fresh", '{"displayName":"새 이름"}'],
    ]);
  });

  it("does not loop: a second 401 is returned as is", async () => {
    const net = fakeFetch(() => problem(401, "token_invalid", "no"));
    const refresh = vi.fn(async () => "fresh");
    const fetch = createAuthFetch({ fetch: net.fetch, getAccessToken: () => "stale", getAcceptLanguage: () => "ko", refresh });
    const response = await fetch(new Request(`${BASE}/api/v1/users`));
    expect(response.status).toBe(401);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(net.requests).toHaveLength(2);
  });

  it("returns the 401 when the refresh fails", async () => {
    const net = fakeFetch(() => problem(401, "token_expired", "no"));
    const fetch = createAuthFetch({
      fetch: net.fetch,
      getAccessToken: () => "stale",
      getAcceptLanguage: () => "ko",
      refresh: async () => null,
    });
    expect((await fetch(new Request(`${BASE}/api/v1/me`))).status).toBe(401);
    expect(net.requests).toHaveLength(1);
  });

  it("never retries auth endpoints (a wrong password is not a stale token)", async () => {
    const net = fakeFetch(() => problem(401, "invalid_credentials", "틀림"));
    const refresh = vi.fn(async () => "fresh");
    const fetch = createAuthFetch({ fetch: net.fetch, getAccessToken: () => "t", getAcceptLanguage: () => "ko", refresh });
    await fetch(new Request(`${BASE}/api/v1/auth/login`, { method: "POST", body: "{}" }));
    expect(refresh).not.toHaveBeenCalled();
    expect(net.requests[0]?.authorization).toBeNull();
    expect(isAuthEndpoint(`${BASE}/api/v1/auth/refresh`)).toBe(true);
    expect(isAuthEndpoint(`${BASE}/api/v1/authors`)).toBe(false);
  });
});

describe("session through the API client", () => {
  it("restores the session on load with POST /auth/refresh and no body", async () => {
    const svc = services((_req, seen) => (seen.path === "/api/v1/auth/refresh" ? json(200, session("a1")) : json(404, {})));
    await svc.session.restore();
    expect(svc.session.getState()).toMatchObject({ status: "authenticated", user: { displayName: "김혜진" } });
    expect(svc.session.getAccessToken()).toBe("a1");
    expect(svc.requests).toEqual([
      { method: "POST", path: "/api/v1/auth/refresh", authorization: null, acceptLanguage: "ko", body: "" },
    ]);
  });

  it("restores only once even if asked twice (StrictMode) — a reused refresh token would revoke the chain", async () => {
    const svc = services(() => json(200, session("a1")));
    await Promise.all([svc.session.restore(), svc.session.restore()]);
    expect(svc.requests).toHaveLength(1);
  });

  it("ends signed out when there is no refresh cookie", async () => {
    const svc = services(() => problem(401, "refresh_token_invalid", "no"));
    await svc.session.restore();
    expect(svc.session.getState()).toEqual({ status: "anonymous" });
    expect(svc.session.getAccessToken()).toBeNull();
  });

  it("shares one refresh between concurrent 401s and retries each call", async () => {
    let token = "old";
    const svc = services((_req, seen) => {
      if (seen.path === "/api/v1/auth/refresh") {
        token = "new";
        return json(200, session("new"));
      }
      return seen.authorization === `Bearer ${token}` && token === "new"
        ? json(200, seen.path === "/api/v1/me" ? session("new").user : { items: [] })
        : problem(401, "token_expired", "만료");
    });
    svc.session.setSession(session("old"));
    const [me, users, invitations] = await Promise.all([
      svc.api.GET("/api/v1/me"),
      svc.api.GET("/api/v1/users"),
      svc.api.GET("/api/v1/invitations"),
    ]);
    expect(me.data?.displayName).toBe("김혜진");
    expect(users.data?.items).toEqual([]);
    expect(invitations.data?.items).toEqual([]);
    expect(svc.requests.filter((r) => r.path === "/api/v1/auth/refresh")).toHaveLength(1);
    expect(svc.requests).toHaveLength(7); // 3 failed + 1 refresh + 3 retried
  });

  it("signs out when the refresh is refused during a retry", async () => {
    const svc = services(() => problem(401, "refresh_token_invalid", "no"));
    svc.session.setSession(session("old"));
    const { error, response } = await svc.api.GET("/api/v1/me");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ code: "refresh_token_invalid" });
    expect(svc.session.getState()).toEqual({ status: "anonymous" });
  });

  it("sends the chosen language on every call", async () => {
    const svc = services(() => json(200, { openSignup: false }));
    await svc.api.GET("/api/v1/settings");
    svc.language.set("en");
    await svc.api.GET("/api/v1/settings");
    expect(svc.requests.map((r) => r.acceptLanguage)).toEqual(["ko", "en"]);
  });

  it("logs out: POST /auth/logout, then forgets the token", async () => {
    const svc = services(() => new Response(null, { status: 204 }));
    svc.session.setSession(session("a1"));
    await svc.session.logout();
    expect(svc.requests.map((r) => [r.method, r.path])).toEqual([["POST", "/api/v1/auth/logout"]]);
    expect(svc.session.getState()).toEqual({ status: "anonymous" });
    expect(svc.session.getAccessToken()).toBeNull();
  });

  it("logs in and keeps the access token only in memory", async () => {
    const svc = services(() => json(200, session("a9")));
    const result = await svc.session.login("organizer@demo.test", "demo-pass-2025");
    expect(result.ok).toBe(true);
    expect(svc.session.getAccessToken()).toBe("a9");
    expect(JSON.parse(svc.requests[0]?.body ?? "")).toEqual({ email: "organizer@demo.test", password: "demo-pass-2025" });
    expect(JSON.stringify({ ...localStorage })).not.toContain("a9");
  });
});
