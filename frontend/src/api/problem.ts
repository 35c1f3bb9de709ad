import type { Problem } from "./types";

/** True for an RFC 9457 problem document as the API sends it. */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === "number" && (typeof v.title === "string" || typeof v.code === "string");
}

export interface FormErrors<F extends string> {
  /** Message for the whole form (the problem's detail, or title), or null. */
  summary: string | null;
  /** First message per known form field, to show next to the field. */
  fields: Partial<Record<F, string>>;
  /** Field messages the form has no field for (shown with the summary). */
  other: string[];
}

export function noFormErrors<F extends string>(): FormErrors<F> {
  return { summary: null, fields: {}, other: [] };
}

export function hasFormErrors<F extends string>(errors: FormErrors<F>): boolean {
  return errors.summary !== null || errors.other.length > 0 || Object.keys(errors.fields).length > 0;
}

/** "metrics[0].before" → "metrics"; "password" → "password". */
function topLevelField(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

/**
 * Maps an API error body to form errors: each `errors[]` item goes next to its field
 * (matched exactly, then by its top-level name, then through `aliases`, e.g.
 * agencyId → agency); the problem's `detail` (else `title`) becomes the summary.
 * Anything that is not a problem document yields `fallback` as the summary.
 */
export function problemToFormErrors<F extends string>(
  body: unknown,
  fields: readonly F[],
  fallback: string,
  aliases: Readonly<Record<string, F>> = {},
): FormErrors<F> {
  if (!isProblem(body)) return { summary: fallback, fields: {}, other: [] };

  const known = new Set<string>(fields);
  const resolve = (path: string): F | null => {
    for (const candidate of [path, topLevelField(path)]) {
      if (known.has(candidate)) return candidate as F;
      const alias = aliases[candidate];
      if (alias !== undefined) return alias;
    }
    return null;
  };

  const result: FormErrors<F> = { summary: null, fields: {}, other: [] };
  for (const item of body.errors ?? []) {
    if (!item || typeof item.message !== "string") continue;
    const field = typeof item.field === "string" ? resolve(item.field) : null;
    if (field === null) {
      if (!result.other.includes(item.message)) result.other.push(item.message);
    } else if (result.fields[field] === undefined) {
      result.fields[field] = item.message;
    }
  }
  result.summary = body.detail ?? body.title ?? fallback;
  return result;
}

/**
 * A field path as the API names it, in one spelling: "metrics.0.name", "/metrics/0/name"
 * and "metrics[0].name" all become "metrics[0].name".
 */
export function normalizeFieldPath(path: string): string {
  let p = path.trim();
  if (p.startsWith("/")) p = p.slice(1).split("/").join(".");
  return p.replace(/\.(\d+)(?=\.|\[|$)/g, "[$1]").replace(/^\./, "");
}

export interface PathErrors {
  summary: string | null;
  /** First message per field path the form shows, e.g. "metrics[0].name" or "schedule.submissionClosesAt". */
  fields: Record<string, string>;
  /** Messages for paths the form has no place for. */
  other: string[];
  /** Every field path named by the problem (normalized), in order. */
  paths: string[];
}

export function noPathErrors(): PathErrors {
  return { summary: null, fields: {}, other: [], paths: [] };
}

/**
 * Like problemToFormErrors for forms with nested and repeated fields: each `errors[]` item
 * is kept under its full normalized path (after `aliases`, e.g. categoryId → category) when
 * `shows(path)` says the form has a place for it; else under the nearest parent path the
 * form shows ("awardTiers[0]" for "awardTiers[0].foo", then "awardTiers"); else in `other`.
 */
export function problemToPathErrors(
  body: unknown,
  shows: (path: string) => boolean,
  fallback: string,
  aliases: Readonly<Record<string, string>> = {},
): PathErrors {
  if (!isProblem(body)) return { summary: fallback, fields: {}, other: [], paths: [] };
  const result: PathErrors = { summary: body.detail ?? body.title ?? fallback, fields: {}, other: [], paths: [] };
  for (const item of body.errors ?? []) {
    if (!item || typeof item.message !== "string") continue;
    const raw = typeof item.field === "string" ? normalizeFieldPath(item.field) : "";
    const path = aliases[raw] ?? raw;
    if (path) result.paths.push(path);
    let target: string | null = null;
    for (let candidate = path; candidate; candidate = parentPath(candidate)) {
      const aliased = aliases[candidate] ?? candidate;
      if (shows(aliased)) {
        target = aliased;
        break;
      }
    }
    if (target === null) {
      if (!result.other.includes(item.message)) result.other.push(item.message);
    } else if (result.fields[target] === undefined) {
      result.fields[target] = item.message;
    }
  }
  return result;
}

/** "metrics[0].name" → "metrics[0]" → "metrics" → "". */
export function parentPath(path: string): string {
  const dot = path.lastIndexOf(".");
  const bracket = path.lastIndexOf("[");
  const cut = Math.max(dot, bracket);
  return cut <= 0 ? "" : path.slice(0, cut);
}

/**
 * The form's own messages over the server's for the same paths, with every other error the
 * server found kept. A form sends what it could not encode as the user typed it, so the
 * server refuses those fields and still checks the rest: the user sees all of a form's
 * errors in one answer, worded by the form where it knows better.
 */
export function withLocalErrors(errors: PathErrors, local: Readonly<Record<string, string>>): PathErrors {
  const extra = Object.keys(local).filter((path) => !errors.paths.includes(path));
  return { ...errors, fields: { ...errors.fields, ...local }, paths: [...errors.paths, ...extra] };
}

/**
 * A value the form could not read (a number or date typed wrongly), sent as typed: the
 * server refuses it by the schema and names it with the form's other errors.
 */
export function asTyped<T>(raw: string): T {
  return raw as unknown as T;
}
