/**
 * The citizen panel's rubric while the organizer edits it: rows of name, description,
 * weight and a points range as typed, checked like the server checks a rubric (names,
 * weights totalling 100, a range of whole points).
 */
import type { Criterion, CriterionInput, Grade } from "../../judging/types";
import { parseWeight, weightSum } from "./rubric";

/** The server's default (api/judging/panel.go), shown while the organizer has set none. */
export const DEFAULT_PANEL_CRITERIA: readonly CriterionInput[] = [
  { name: "국민 체감도", description: "시민의 삶에서 실제로 나아진 점이 느껴지는가", weight: 50, scale: { kind: "points", min: 1, max: 5, step: 1 } },
  { name: "공감·필요성", description: "우리 동네에도 필요하다고 공감하는가", weight: 30, scale: { kind: "points", min: 1, max: 5, step: 1 } },
  { name: "확산 가능성", description: "다른 지역에서도 쉽게 따라 할 수 있는가", weight: 20, scale: { kind: "points", min: 1, max: 5, step: 1 } },
];

export const MAX_PANEL_CRITERIA = 12;

export interface PanelRow {
  /** Keeps React's row identity across removals. */
  key: number;
  name: string;
  description: string;
  weight: string;
  min: string;
  max: string;
  /** A grades scale set through the API: kept as it is, since this editor has no grade inputs. */
  grades?: Grade[];
}

let nextKey = 1;
export const panelRowKey = () => nextKey++;

export function emptyPanelRow(): PanelRow {
  return { key: panelRowKey(), name: "", description: "", weight: "", min: "1", max: "5" };
}

export function rowsFromCriteria(criteria: readonly (Criterion | CriterionInput)[]): PanelRow[] {
  return criteria.map((c) => {
    const row: PanelRow = {
      key: panelRowKey(),
      name: c.name,
      description: c.description ?? "",
      weight: String(c.weight),
      min: String(c.scale.min ?? 1),
      max: String(c.scale.max ?? 5),
    };
    if (c.scale.kind === "grades") row.grades = c.scale.grades ?? [];
    return row;
  });
}

const WHOLE = /^\d{1,3}$/;

/** The rows as the request's criteria; call after panelRowErrors found nothing. */
export function rowsToCriteria(rows: readonly PanelRow[]): CriterionInput[] {
  return rows.map((row) => {
    const w = parseWeight(row.weight);
    const out: CriterionInput = {
      name: row.name.trim(),
      weight: w === null || Number.isNaN(w) ? 0 : w,
      scale: row.grades ? { kind: "grades", grades: row.grades } : { kind: "points", min: Number(row.min), max: Number(row.max), step: 1 },
    };
    const description = row.description.trim();
    if (description) out.description = description;
    return out;
  });
}

export type PanelRowProblem = "name" | "nameDuplicate" | "weight" | "min" | "max";

/**
 * What is wrong with each row, by the server's field paths ("criteria[1].weight"); the weight
 * total is left to the live sum indicator.
 */
export function panelRowErrors(rows: readonly PanelRow[]): Record<string, PanelRowProblem> {
  const errors: Record<string, PanelRowProblem> = {};
  const seen = new Set<string>();
  const sum = weightSum(rows);
  rows.forEach((row, i) => {
    const at = `criteria[${i}]`;
    const name = row.name.trim();
    if (!name || [...name].length > 50) errors[`${at}.name`] = "name";
    else if (seen.has(name)) errors[`${at}.name`] = "nameDuplicate";
    seen.add(name);
    if (sum.invalidRows.includes(i)) errors[`${at}.weight`] = "weight";
    if (row.grades) return;
    const min = row.min.trim();
    const max = row.max.trim();
    if (!WHOLE.test(min) || Number(min) > 99) errors[`${at}.scale.min`] = "min";
    if (!WHOLE.test(max) || Number(max) > 100 || (WHOLE.test(min) && Number(max) <= Number(min))) errors[`${at}.scale.max`] = "max";
  });
  return errors;
}
