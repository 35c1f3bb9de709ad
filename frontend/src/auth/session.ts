import type { ApiClient } from "../api/client";
import type { Session, User } from "../api/types";

export type SessionState =
  | { status: "loading" }
  | { status: "anonymous" }
  | { status: "authenticated"; user: User };

type Listener = () => void;

/** Outcome of a login-like call: the session, or the API's error body (problem+json). */
export type AuthResult = { ok: true; user: User } | { ok: false; error: unknown; status: number };

const REFRESH_LOCK = "eutteum-refresh";

/**
 * The signed-in session. The access token lives only in memory here; the refresh token is
 * an HttpOnly cookie that the browser sends to /api/v1/auth/* by itself.
 */
export class SessionManager {
  private state: SessionState = { status: "loading" };
  private accessToken: string | null = null;
  private readonly listeners = new Set<Listener>();
  private refreshing: Promise<string | null> | null = null;
  private restoring: Promise<void> | null = null;
  private api: ApiClient | null = null;

  constructor(private readonly locks: LockManager | null = globalThis.navigator?.locks ?? null) {}

  /** Wires the API client (which itself calls back into refresh()). */
  attach(api: ApiClient): void {
    this.api = api;
  }

  getState = (): SessionState => this.state;

  getAccessToken = (): string | null => this.accessToken;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** On app load: turn the refresh cookie (if any) into a session. Runs once. */
  restore(): Promise<void> {
    this.restoring ??= this.refresh().then(() => undefined);
    return this.restoring;
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one
   * request, and tabs take turns through a Web Lock: the server rotates the refresh token
   * on every use and treats a reused one as theft, so two refreshes must never race.
   */
  refresh(): Promise<string | null> {
    this.refreshing ??= (async () => {
      try {
        return this.locks
          ? await this.locks.request(REFRESH_LOCK, () => this.refreshNow())
          : await this.refreshNow();
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async refreshNow(): Promise<string | null> {
    try {
      const { data, response } = await this.client().POST("/api/v1/auth/refresh", {});
      if (data) {
        this.setSession(data);
        return data.accessToken;
      }
      if (response.status === 400 || response.status === 401) this.clear();
      else if (this.state.status === "loading") this.clear();
      return null;
    } catch {
      // Network failure: keep a live session as it is; a first load ends signed out.
      if (this.state.status === "loading") this.clear();
      return null;
    }
  }

  async login(email: string, password: string): Promise<AuthResult> {
    const { data, error, response } = await this.client().POST("/api/v1/auth/login", {
      body: { email, password },
    });
    if (data) {
      this.setSession(data);
      return { ok: true, user: data.user };
    }
    return { ok: false, error, status: response.status };
  }

  async logout(): Promise<void> {
    try {
      await this.client().POST("/api/v1/auth/logout", {});
    } catch {
      // Signed out locally even if the server could not be reached.
    } finally {
      this.clear();
    }
  }

  /** Takes a session returned by login, signup, invitation accept or refresh. */
  setSession(session: Session): void {
    this.accessToken = session.accessToken;
    this.restoring ??= Promise.resolve();
    this.emit({ status: "authenticated", user: session.user });
  }

  /** After PATCH /me: keep the token, show the new profile. */
  updateUser(user: User): void {
    if (this.state.status === "authenticated") this.emit({ status: "authenticated", user });
  }

  clear(): void {
    this.accessToken = null;
    this.emit({ status: "anonymous" });
  }

  private client(): ApiClient {
    if (!this.api) throw new Error("SessionManager.attach(api) was not called");
    return this.api;
  }

  private emit(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
