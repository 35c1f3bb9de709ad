import createClient, { type Client } from "openapi-fetch";
import type { FetchLike } from "./authFetch";
import type { paths } from "./schema";

export type ApiClient = Client<paths>;

export function createApiClient(options: { fetch: FetchLike; baseUrl?: string }): ApiClient {
  return createClient<paths>({
    // Absolute base so Request objects also work outside a document (tests).
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? "",
    fetch: options.fetch,
    // The refresh cookie is scoped to /api/v1/auth on the same origin.
    credentials: "same-origin",
  });
}
