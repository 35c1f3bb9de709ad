/**
 * Score sheets without React: the weighted total exactly as the server computes it, the
 * choices a scale offers, the guidance that applies to a choice, and the sheet form ↔
 * request body with the server's field errors mapped back to criteria.
 */
import { asTyped, isProblem, normalizeFieldPath } from "../../api/problem";
import type { Criterion, Guidance, Scale, ScoreItemInput, ScoreSheet, ScoreSheetInput } from "./types";

/** Rounds to 4 decimals, half away from zero (Go's math.Round(x*1e4)/1e4). */
export function round4(value: number): number {
  const scaled = Math.abs(value) * 1e4;
  return (Math.sign(value) * Math.round(scaled)) / 1e4;
}

/** The lowest and highest points a scale gives (for grades: over the grades' points). */
export function scaleRange(scale: Scale): [number, number] {
  if (scale.kind === "grades") {
    const points = (scale.grades ?? []).map((g) => g.points);
    return points.length ? [Math.min(...points), Math.max(...points)] : [0, 0];
  }
  return [scale.min ?? 0, scale.max ?? 0];
}

/** What a judge picked on one criterion: points, or a grade label. */
export interface ScoreValue {
  points?: number | null | undefined;
  grade?: string | null | undefined;
}

/** The points a value is worth on a criterion, or null when not (validly) scored. */
export function pointsOf(criterion: Pick<Criterion, "scale">, value: ScoreValue | undefined): number | null {
  if (!value) return null;
  if (criterion.scale.kind === "grades") {
    const grade = (criterion.scale.grades ?? []).find((g) => g.label === value.grade);
    return grade ? grade.points : null;
  }
  const p = value.points;
  return typeof p === "number" && Number.isFinite(p) && inScale(criterion.scale, p) ? p : null;
}

/** Whether points fit a points scale: within [min, max] and on a step. */
export function inScale(scale: Scale, points: number): boolean {
  const [lo, hi] = scaleRange(scale);
  if (points < lo || points > hi) return false;
  const step = scale.step && scale.step > 0 ? scale.step : 1;
  const steps = (points - lo) / step;
  return Math.abs(steps - Math.round(steps)) <= 1e-9;
}

export interface SheetTotal {
  /** The weighted total on 0–100 when every criterion is scored, else null. */
  total: number | null;
  /** The sum of the scored criteria's shares so far (0–100). */
  partial: number;
  scored: number;
  count: number;
}

/**
 * The weighted total of a sheet: Σ (points − min) / (max − min) × weight over the criteria
 * in rubric order, rounded to 4 decimals — the server's formula, so the live total and the
 * stored one agree.
 */
export function sheetTotal(criteria: readonly Pick<Criterion, "id" | "weight" | "scale">[], values: Readonly<Record<string, ScoreValue | undefined>>): SheetTotal {
  let sum = 0;
  let scored = 0;
  for (const c of criteria) {
    const points = pointsOf(c, values[c.id]);
    if (points === null) continue;
    const [lo, hi] = scaleRange(c.scale);
    if (hi <= lo) continue;
    sum += ((points - lo) / (hi - lo)) * c.weight;
    scored++;
  }
  const rounded = round4(sum);
  return { total: scored === criteria.length && criteria.length > 0 ? rounded : null, partial: rounded, scored, count: criteria.length };
}

/**
 * The weighted total of raw points aligned with the criteria (grades already mapped to their
 * points, as in the published score table); null when a point is missing.
 */
export function weightedTotal(criteria: readonly Pick<Criterion, "weight" | "scale">[], points: readonly (number | null | undefined)[]): number | null {
  let sum = 0;
  for (let i = 0; i < criteria.length; i++) {
    const c = criteria[i];
    const p = points[i];
    if (!c || p === null || p === undefined) return null;
    const [lo, hi] = scaleRange(c.scale);
    if (hi <= lo) return null;
    sum += ((p - lo) / (hi - lo)) * c.weight;
  }
  return criteria.length > 0 ? round4(sum) : null;
}

/** The points a points scale offers, when few enough for a radio group (else null: use a number field). */
export function pointChoices(scale: Scale, limit = 21): number[] | null {
  if (scale.kind !== "points") return null;
  const [lo, hi] = scaleRange(scale);
  const step = scale.step && scale.step > 0 ? scale.step : 1;
  const n = Math.round((hi - lo) / step);
  if (!Number.isFinite(n) || n < 0 || n + 1 > limit) return null;
  const out: number[] = [];
  for (let i = 0; i <= n; i++) out.push(round4(lo + i * step));
  return out;
}

/** "9–10", "9-10", "9~10" → [9, 10]; "10" → [10, 10]; anything else (a grade label) → null. */
export function parseBand(level: string): [number, number] | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:[–—~-]\s*(-?\d+(?:\.\d+)?))?\s*(?:점)?\s*$/.exec(level);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] !== undefined ? Number(m[2]) : a;
  return a <= b ? [a, b] : [b, a];
}

/** The index of the guidance that describes a choice (a point band containing it, or its grade label), or -1. */
export function guidanceIndex(guidance: readonly Guidance[], choice: number | string | null | undefined): number {
  if (choice === null || choice === undefined || choice === "") return -1;
  return guidance.findIndex((g) => {
    if (typeof choice === "string") return g.level.trim() === choice;
    const band = parseBand(g.level);
    return band !== null && choice >= band[0] && choice <= band[1];
  });
}

// ---------- the sheet form ----------

export interface ItemForm {
  /** Points as typed or picked ("" when not scored). */
  points: string;
  grade: string;
  comment: string;
}

export interface SheetForm {
  items: Record<string, ItemForm>;
  overallComment: string;
}

const emptyItem = (): ItemForm => ({ points: "", grade: "", comment: "" });

export function sheetToForm(criteria: readonly Criterion[], sheet: ScoreSheet): SheetForm {
  const items: Record<string, ItemForm> = {};
  for (const c of criteria) {
    const saved = sheet.items.find((i) => i.criterionId === c.id);
    items[c.id] = {
      points: saved?.points !== undefined && saved.points !== null ? String(saved.points) : "",
      grade: saved?.grade ?? "",
      comment: saved?.comment ?? "",
    };
  }
  return { items, overallComment: sheet.overallComment ?? "" };
}

export function itemOf(form: SheetForm, criterionId: string): ItemForm {
  return form.items[criterionId] ?? emptyItem();
}

/** Reads typed points: null when empty, NaN when not a number. */
export function parsePoints(text: string): number | null {
  const cleaned = text.trim().replace(/,/g, ".");
  if (cleaned === "") return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** The form's values for the live total. */
export function formValues(criteria: readonly Criterion[], form: SheetForm): Record<string, ScoreValue> {
  const out: Record<string, ScoreValue> = {};
  for (const c of criteria) {
    const item = itemOf(form, c.id);
    out[c.id] = c.scale.kind === "grades" ? { grade: item.grade } : { points: parsePoints(item.points) };
  }
  return out;
}

export interface SheetRequest {
  body: ScoreSheetInput;
  /** The criterion of each entry of `body.items`, to read `items[i].…` errors back. */
  criterionIds: string[];
  /** Criteria whose typed points are not a number (sent as typed, for the server to refuse). */
  unreadable: string[];
}

/**
 * The request body for a save or a submit, one entry per criterion in rubric order. Points
 * that are not a number are sent as typed: the server refuses them and, in the same answer,
 * names every other problem of the sheet.
 */
export function formToInput(criteria: readonly Criterion[], form: SheetForm, submit: boolean): SheetRequest {
  const items: ScoreItemInput[] = [];
  const criterionIds: string[] = [];
  const unreadable: string[] = [];
  for (const c of criteria) {
    const item = itemOf(form, c.id);
    const entry: ScoreItemInput = { criterionId: c.id };
    if (c.scale.kind === "grades") {
      if (item.grade) entry.grade = item.grade;
    } else {
      const points = parsePoints(item.points);
      if (points !== null && Number.isNaN(points)) {
        unreadable.push(c.id);
        entry.points = asTyped<number>(item.points);
      } else if (points !== null) entry.points = points;
    }
    const comment = item.comment.trim();
    if (comment) entry.comment = item.comment;
    items.push(entry);
    criterionIds.push(c.id);
  }
  const body: ScoreSheetInput = { items, submit };
  if (form.overallComment.trim()) body.overallComment = form.overallComment;
  return { body, criterionIds, unreadable };
}

export interface FieldProblem {
  code: string;
  message: string;
}

export interface SheetErrors {
  /** The first problem per criterion id (the rule that failed and the server's message). */
  criteria: Record<string, FieldProblem>;
  overallComment?: string;
  /** Messages without a place in the form. */
  other: string[];
  /** The criteria the server says are missing (submit of an incomplete sheet). */
  missing: string[];
}

/**
 * Maps a 400 problem of PUT …/sheet to the form: `items[i].points|grade|comment` through the
 * criteria sent (an unscored one on submit is `required` there), `overallComment`, and
 * anything else (e.g. `items`: a criterion the request left out) with the summary.
 */
export function sheetErrors(problem: unknown, sent: readonly string[]): SheetErrors {
  const out: SheetErrors = { criteria: {}, other: [], missing: [] };
  if (!isProblem(problem)) return out;
  for (const item of problem.errors ?? []) {
    if (!item || typeof item.message !== "string") continue;
    const path = typeof item.field === "string" ? normalizeFieldPath(item.field) : "";
    if (path === "overallComment") {
      out.overallComment ??= item.message;
      continue;
    }
    const indexed = /^items\[(\d+)\](?:\.(points|grade|comment))?/.exec(path);
    const criterionId = indexed ? sent[Number(indexed[1])] : undefined;
    if (criterionId) {
      const scored = indexed?.[2] === "points" || indexed?.[2] === "grade";
      if (item.code === "required" && scored && !out.missing.includes(criterionId)) out.missing.push(criterionId);
      out.criteria[criterionId] ??= { code: item.code, message: item.message };
    } else if (!out.other.includes(item.message)) out.other.push(item.message);
  }
  return out;
}

/** Criteria not scored yet in the form (in rubric order). */
export function unscored(criteria: readonly Criterion[], form: SheetForm): Criterion[] {
  const values = formValues(criteria, form);
  return criteria.filter((c) => pointsOf(c, values[c.id]) === null);
}
