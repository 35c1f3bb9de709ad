/**
 * The fetch used by the API client: adds Accept-Language and the bearer token, and on a
 * 401 from a non-auth endpoint refreshes the session once and retries the request once.
 */

export type FetchLike = (request: Request) => Promise<Response>;

export interface AuthFetchOptions {
  /** The network fetch (window.fetch in the app, a fake in tests). */
  fetch: FetchLike;
  /** Current access token, or null when signed out. */
  getAccessToken: () => string | null;
  /** Value for Accept-Language, read on every call so a language switch applies at once. */
  getAcceptLanguage: () => string;
  /**
   * Gets a new access token (POST /api/v1/auth/refresh with the HttpOnly cookie).
   * Resolves to null when the session cannot be restored. Must be single-flight.
   */
  refresh: () => Promise<string | null>;
}

const AUTH_PREFIX = "/api/v1/auth/";

/** Requests to /api/v1/auth/* carry their own credentials and are never retried. */
export function isAuthEndpoint(url: string): boolean {
  try {
    return new URL(url, "http://localhost").pathname.startsWith(AUTH_PREFIX);
  } catch {
    return false;
  }
}

function withHeaders(request: Request, token: string | null, acceptLanguage: string): Request {
  request.headers.set("Accept-Language", acceptLanguage);
  if (token) request.headers.set("Authorization", `Bearer ${token}`);
  else request.headers.delete("Authorization");
  return request;
}

export function createAuthFetch(options: AuthFetchOptions): FetchLike {
  return async (request) => {
    const retryable = !isAuthEndpoint(request.url);
    // Keep an unread copy: the first attempt consumes the body.
    const spare = retryable ? request.clone() : null;
    const response = await options.fetch(
      withHeaders(request, retryable ? options.getAccessToken() : null, options.getAcceptLanguage()),
    );
    if (response.status !== 401 || !spare) return response;

    const token = await options.refresh();
    if (!token) return response;
    return options.fetch(withHeaders(spare, token, options.getAcceptLanguage()));
  };
}
