/**
 * The archive search as it lives in the address bar (`/archive?q=…&year=…&sort=…`), so a
 * search can be shared and back/forward works, and its translation to GET /archive/cases.
 * Values the API would refuse are dropped when reading the address, never sent.
 */
import { CASE_STAGES, PERIODS, TEAM_KINDS } from "../../api/types";
import type { MessageKey } from "../../i18n/messages";
import type { ArchiveFacets, SearchParams } from "./types";

export type FilterKey =
  | "year"
  | "period"
  | "agencyId"
  | "region"
  | "category"
  | "awardTier"
  | "teamKind"
  | "stage"
  | "evidenceLevel"
  | "hasMetrics";

export interface FilterDef {
  /** The query parameter. */
  key: FilterKey;
  /** Where the counts come from in `facets`. */
  facet: keyof ArchiveFacets;
  label: MessageKey;
}

/** The filter panel, in display order (one value per filter, as the API takes them). */
export const FILTERS: readonly FilterDef[] = [
  { key: "year", facet: "year", label: "archive.filter.year" },
  { key: "period", facet: "period", label: "archive.filter.period" },
  { key: "agencyId", facet: "agency", label: "archive.filter.agency" },
  { key: "region", facet: "region", label: "archive.filter.region" },
  { key: "category", facet: "category", label: "archive.filter.category" },
  { key: "awardTier", facet: "awardTier", label: "archive.filter.awardTier" },
  { key: "teamKind", facet: "teamKind", label: "archive.filter.teamKind" },
  { key: "stage", facet: "stage", label: "archive.filter.stage" },
  { key: "evidenceLevel", facet: "evidenceLevel", label: "archive.filter.evidenceLevel" },
  { key: "hasMetrics", facet: "hasMetrics", label: "archive.filter.hasMetrics" },
];

export const SORTS = ["relevance", "newest", "most_adopted"] as const;
export type Sort = (typeof SORTS)[number];

export const QUERY_MAX = 200;

export interface ArchiveQuery {
  /** The search words, trimmed ("" for none). */
  q: string;
  filters: Partial<Record<FilterKey, string>>;
  /** "" lets the server choose: relevance with words, newest without. */
  sort: Sort | "";
}

export const EMPTY_QUERY: ArchiveQuery = { q: "", filters: {}, sort: "" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const codePoints = (s: string) => Array.from(s).length;

/** Whether the API accepts `value` for the filter (same limits as openapi.yaml). */
export function validFilterValue(key: FilterKey, value: string): boolean {
  switch (key) {
    case "year": {
      if (!/^\d{4}$/.test(value)) return false;
      const n = Number(value);
      return n >= 2000 && n <= 2100;
    }
    case "period":
      return (PERIODS as readonly string[]).includes(value);
    case "agencyId":
      return UUID.test(value);
    case "region":
      return value.trim() !== "" && codePoints(value) <= 20;
    case "category":
      return value.trim() !== "" && codePoints(value) <= 50;
    case "awardTier":
      return value.trim() !== "" && codePoints(value) <= 30;
    case "teamKind":
      return (TEAM_KINDS as readonly string[]).includes(value);
    case "stage":
      return (CASE_STAGES as readonly string[]).includes(value);
    case "evidenceLevel":
      return /^[1-5]$/.test(value);
    case "hasMetrics":
      return value === "true" || value === "false";
  }
}

/** Reads the search from the address (unknown or invalid values are left out). */
export function parseQuery(params: URLSearchParams): ArchiveQuery {
  const q = Array.from((params.get("q") ?? "").trim()).slice(0, QUERY_MAX).join("");
  const filters: ArchiveQuery["filters"] = {};
  for (const { key } of FILTERS) {
    const value = params.get(key);
    if (value !== null && validFilterValue(key, value)) filters[key] = value;
  }
  const sortParam = params.get("sort") ?? "";
  const sort = (SORTS as readonly string[]).includes(sortParam) ? (sortParam as Sort) : "";
  return { q, filters, sort };
}

/** Writes the search to the address, in a stable order and without empty values. */
export function queryToParams(query: ArchiveQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set("q", query.q.trim());
  for (const { key } of FILTERS) {
    const value = query.filters[key];
    if (value !== undefined && value !== "") params.set(key, value);
  }
  if (query.sort) params.set("sort", query.sort);
  return params;
}

/** The query with one filter set, or removed when `value` is null. */
export function withFilter(query: ArchiveQuery, key: FilterKey, value: string | null): ArchiveQuery {
  const filters = { ...query.filters };
  if (value === null) delete filters[key];
  else filters[key] = value;
  return { ...query, filters };
}

export function activeFilters(query: ArchiveQuery): [FilterKey, string][] {
  return FILTERS.flatMap(({ key }) => {
    const value = query.filters[key];
    return value === undefined ? [] : [[key, value] as [FilterKey, string]];
  });
}

/** The sort the server applies: relevance needs search words. */
export function effectiveSort(query: ArchiveQuery): Sort {
  if (query.sort === "relevance" && !query.q) return "newest";
  return query.sort || (query.q ? "relevance" : "newest");
}

/** GET /api/v1/archive/cases parameters for the search (and a page cursor). */
export function toApiParams(query: ArchiveQuery, cursor?: string, limit = 20): SearchParams {
  const f = query.filters;
  const out: SearchParams = { limit };
  if (query.q) out.q = query.q;
  if (f.year) out.year = Number(f.year);
  if (f.period) out.period = f.period as SearchParams["period"];
  if (f.agencyId) out.agencyId = f.agencyId;
  if (f.region) out.region = f.region;
  if (f.category) out.category = f.category;
  if (f.awardTier) out.awardTier = f.awardTier;
  if (f.teamKind) out.teamKind = f.teamKind as SearchParams["teamKind"];
  if (f.stage) out.stage = f.stage as SearchParams["stage"];
  if (f.evidenceLevel) out.evidenceLevel = Number(f.evidenceLevel);
  if (f.hasMetrics) out.hasMetrics = f.hasMetrics === "true";
  if (query.sort) out.sort = effectiveSort(query);
  if (cursor) out.cursor = cursor;
  return out;
}
