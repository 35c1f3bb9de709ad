/**
 * A stage's rubric while it is being set up: a template's criteria with weights the
 * organizer may change for this round, and the live sum of the weights (must be 100).
 */
import type { Criterion, CriterionInput, RubricTemplate } from "../../judging/types";

export interface CriterionRow {
  name: string;
  description: string;
  /** As typed. */
  weight: string;
  scale: Criterion["scale"];
  guidance: Criterion["guidance"];
}

export function rowsFromTemplate(template: RubricTemplate): CriterionRow[] {
  return template.criteria.map((c) => ({
    name: c.name,
    description: c.description ?? "",
    weight: String(c.weight),
    scale: c.scale,
    guidance: c.guidance,
  }));
}

/** Reads a typed weight: null when empty, NaN when not a number. */
export function parseWeight(text: string): number | null {
  const cleaned = text.trim().replace(/,/g, ".");
  if (cleaned === "") return null;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

export type WeightState = "ok" | "under" | "over" | "invalid";

export interface WeightSum {
  /** The sum of the readable weights, rounded to 6 decimals against float noise. */
  sum: number;
  state: WeightState;
  /** Rows whose weight is missing, not a number, 0 or below, or above 100. */
  invalidRows: number[];
}

/** The live weight sum and whether it is exactly 100 (the server allows ±1e-6). */
export function weightSum(rows: readonly Pick<CriterionRow, "weight">[]): WeightSum {
  let sum = 0;
  const invalidRows: number[] = [];
  rows.forEach((row, i) => {
    const w = parseWeight(row.weight);
    if (w === null || Number.isNaN(w) || w <= 0 || w > 100) invalidRows.push(i);
    else sum += w;
  });
  sum = Math.round(sum * 1e6) / 1e6;
  let state: WeightState = Math.abs(sum - 100) <= 1e-6 ? "ok" : sum < 100 ? "under" : "over";
  if (invalidRows.length > 0) state = "invalid";
  return { sum, state, invalidRows };
}

/** Whether the rows still carry the template's weights (then the template id is sent). */
export function sameAsTemplate(rows: readonly CriterionRow[], template: RubricTemplate): boolean {
  return (
    rows.length === template.criteria.length &&
    rows.every((row, i) => {
      const c = template.criteria[i];
      return c !== undefined && c.name === row.name && parseWeight(row.weight) === c.weight;
    })
  );
}

/** The rows as inline criteria for POST /rounds/{id}/stages (unreadable weights sent as 0 for the server to refuse). */
export function rowsToCriteria(rows: readonly CriterionRow[]): CriterionInput[] {
  return rows.map((row) => {
    const w = parseWeight(row.weight);
    const out: CriterionInput = { name: row.name, weight: w === null || Number.isNaN(w) ? 0 : w, scale: row.scale };
    if (row.description) out.description = row.description;
    if (row.guidance.length > 0) out.guidance = row.guidance;
    return out;
  });
}
