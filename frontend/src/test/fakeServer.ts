import type { Session, User } from "../api/types";

export interface Seen {
  method: string;
  path: string;
  authorization: string | null;
  acceptLanguage: string | null;
  body: string;
}

type Handler = (request: Request, seen: Seen) => Response | Promise<Response>;

/** A fake network for the API client: records each request and answers from a handler. */
export function fakeFetch(handler: Handler) {
  const requests: Seen[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const seen: Seen = {
      method: request.method,
      path: url.pathname,
      authorization: request.headers.get("Authorization"),
      acceptLanguage: request.headers.get("Accept-Language"),
      body: request.body ? await request.text() : "",
    };
    requests.push(seen);
    return handler(request, seen);
  };
  return { fetch, requests };
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });
}

export function problem(status: number, code: string, detail: string, errors?: unknown[]): Response {
  return json(status, { type: `/docs#problem-${code}`, title: detail, status, code, detail, ...(errors ? { errors } : {}) });
}

export const organizer: User = {
  id: "7f1c1a60-0000-4000-8000-000000000001",
  email: "organizer@demo.test",
  displayName: "김혜진",
  agency: { id: "7f1c1a60-0000-4000-8000-0000000000a1", name: "부천시" },
  department: "혁신정책과",
  roles: [{ role: "organizer", agencyId: "7f1c1a60-0000-4000-8000-0000000000a1" }],
  createdAt: "2025-01-02T03:04:05Z",
};

export function session(accessToken: string, user: User = organizer): Session {
  return { accessToken, tokenType: "Bearer", expiresIn: 900, refreshToken: `r-${accessToken}`, user };
}
