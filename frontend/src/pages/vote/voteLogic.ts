/**
 * The vote page's rules without React: choosing within the limit, the code field, the
 * code's remaining time, and the API's refusals mapped to the places the page shows them.
 */
import { isProblem, normalizeFieldPath } from "../../api/problem";
import { deadlineFrom } from "../../lib/seoul";

export interface Toggled {
  chosen: string[];
  /** True when the case was not added because the limit is reached. */
  limited: boolean;
}

/** Adds or removes a case, keeping the order of choosing and at most `max` cases. */
export function toggleChoice(chosen: readonly string[], caseId: string, max: number): Toggled {
  if (chosen.includes(caseId)) return { chosen: chosen.filter((id) => id !== caseId), limited: false };
  if (chosen.length >= max) return { chosen: [...chosen], limited: true };
  return { chosen: [...chosen, caseId], limited: false };
}

/** What a code field keeps of typed or pasted text: its digits, at most six ("123 456" → "123456"). */
export function codeDigits(input: string): string {
  return input.replace(/\D/g, "").slice(0, 6);
}

export const isSixDigits = (code: string) => /^\d{6}$/.test(code);

/** A light check before asking the server, which decides. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) && value.trim().length <= 254;
}

/** "9:05" left until `expiresAt`, or null once it has passed. */
export function timeLeft(expiresAt: string, now: Date): string | null {
  const ms = new Date(expiresAt).getTime() - now.getTime();
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Days until a scheduled vote opens, in Seoul calendar days; "today" on the day itself. */
export function startsIn(opensAt: string, now: Date): { kind: "days"; days: number } | { kind: "today" } | null {
  const d = deadlineFrom(opensAt, now);
  return d.kind === "closed" ? null : d;
}

/** Seconds to wait after a 429: the problem's retryAfterSeconds, else the Retry-After header. */
export function retryAfter(problem: unknown, response: Response | undefined): number | null {
  if (isProblem(problem) && typeof problem.retryAfterSeconds === "number" && problem.retryAfterSeconds > 0) return problem.retryAfterSeconds;
  const header = Number(response?.headers.get("Retry-After") ?? "");
  return Number.isFinite(header) && header > 0 ? header : null;
}

/** Where the page shows a refused ballot or code request. */
export interface VoteErrors {
  /** The problem's own words for the form as a whole (validation summary). */
  summary: string | null;
  email?: string;
  code?: string;
  /** About the choice as a whole (too_many_choices). */
  choices?: string;
  /** Per case, for caseIds[i] refusals (duplicate, not_a_finalist). */
  cases: Record<string, string>;
  /** The code cannot be used any more: a new one is needed. */
  newCode: boolean;
  other: string[];
}

export const noVoteErrors = (): VoteErrors => ({ summary: null, cases: {}, newCode: false, other: [] });

const SPENT_CODE_RULES = new Set(["vote_code_expired", "vote_code_attempts", "vote_code_used", "not_found"]);

/**
 * Maps a 400 problem to the page: `email`, `code` and `verificationId` go next to the code
 * fields (a missing or spent verification means a new code), `caseIds` to the choice, and
 * `caseIds[i]` to the i-th case sent. The messages are the server's, in the chosen language.
 */
export function voteErrors(problem: unknown, sentCaseIds: readonly string[], fallback: string): VoteErrors {
  const out = noVoteErrors();
  if (!isProblem(problem)) {
    out.summary = fallback;
    return out;
  }
  out.summary = problem.detail ?? problem.title ?? fallback;
  for (const item of problem.errors ?? []) {
    if (!item || typeof item.message !== "string") continue;
    const path = typeof item.field === "string" ? normalizeFieldPath(item.field) : "";
    const indexed = /^caseIds\[(\d+)\]/.exec(path);
    if (path === "email") out.email ??= item.message;
    else if (path === "code" || path === "verificationId") {
      out.code ??= item.message;
      if (path === "verificationId" || SPENT_CODE_RULES.has(item.code)) out.newCode = true;
    } else if (indexed) {
      const caseId = sentCaseIds[Number(indexed[1])];
      if (caseId !== undefined) out.cases[caseId] ??= item.message;
      else if (!out.other.includes(item.message)) out.other.push(item.message);
    } else if (path === "caseIds") out.choices ??= item.message;
    else if (!out.other.includes(item.message)) out.other.push(item.message);
  }
  return out;
}
