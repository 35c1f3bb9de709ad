/** The method switch of the results preview: which ranking (or error) a chosen method shows. */
import type { AggregationMethod, MethodRanking, RankingRow, StageResults } from "../../judging/types";

export type MethodView =
  | { method: AggregationMethod; kind: "rows"; rows: RankingRow[]; roundMethod: boolean }
  | { method: AggregationMethod; kind: "error"; message: string; roundMethod: boolean }
  | { method: AggregationMethod; kind: "empty"; roundMethod: boolean };

/**
 * The methods in the order to offer them: the server lists the round's method first; any
 * method it did not list is left out (it cannot be previewed).
 */
export function methodOrder(results: Pick<StageResults, "rankings" | "method">): AggregationMethod[] {
  const listed = results.rankings.map((r) => r.method);
  return listed.includes(results.method) ? [results.method, ...listed.filter((m) => m !== results.method)] : listed;
}

/** The view for `method` (the round's method when not given or not listed). */
export function pickRanking(results: Pick<StageResults, "rankings" | "method">, method?: AggregationMethod | null): MethodView {
  const chosen: MethodRanking | undefined =
    results.rankings.find((r) => r.method === method) ??
    results.rankings.find((r) => r.method === results.method) ??
    results.rankings[0];
  const m = chosen?.method ?? results.method;
  const roundMethod = m === results.method;
  if (!chosen) return { method: m, kind: "empty", roundMethod };
  if (chosen.error) return { method: m, kind: "error", message: chosen.error, roundMethod };
  if (chosen.rows.length === 0) return { method: m, kind: "empty", roundMethod };
  return { method: m, kind: "rows", rows: [...chosen.rows].sort((a, b) => a.rank - b.rank), roundMethod };
}
