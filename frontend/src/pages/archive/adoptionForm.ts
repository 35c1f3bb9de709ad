/**
 * The "우리 기관도 도입했어요" form: state as typed ↔ PUT /archive/cases/{id}/adoption, with
 * the API's checks done locally under the API's field paths (adoptedOn, results[0].before…).
 */
import type { MessageKey } from "../../i18n/messages";
import { parseDecimal } from "../../lib/krw";
import type { Adoption, AdoptionInput } from "./types";

export type AdoptionStatus = AdoptionInput["status"];

export interface ResultRow {
  key: string;
  name: string;
  unit: string;
  before: string;
  after: string;
  direction: "increase" | "decrease";
}

export interface AdoptionForm {
  status: AdoptionStatus;
  /** YYYY-MM-DD from <input type="date">. */
  adoptedOn: string;
  adaptation: string;
  results: ResultRow[];
}

export const ADAPTATION_MAX = 2000;
export const RESULTS_MAX = 10;

let seq = 0;
export function emptyResultRow(): ResultRow {
  seq += 1;
  return { key: `result-${seq}`, name: "", unit: "", before: "", after: "", direction: "increase" };
}

export function emptyAdoptionForm(status: AdoptionStatus = "adopted"): AdoptionForm {
  return { status, adoptedOn: "", adaptation: "", results: [] };
}

/** The form for an agency's existing record (to change it). */
export function adoptionToForm(a: Adoption): AdoptionForm {
  return {
    status: a.status,
    adoptedOn: a.adoptedOn?.slice(0, 10) ?? "",
    adaptation: a.adaptation ?? "",
    results: (a.results ?? []).map((m) => ({
      ...emptyResultRow(),
      name: m.name,
      unit: m.unit,
      before: String(m.before),
      after: String(m.after),
      direction: m.direction,
    })),
  };
}

function validDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const blank = (r: ResultRow) => !r.name.trim() && !r.unit.trim() && !r.before.trim() && !r.after.trim();
const length = (s: string) => Array.from(s).length;

export type AdoptionErrors = Record<string, MessageKey>;

/**
 * The request body, or the local errors by field path. 도입 완료 needs the date; 관심 sends
 * neither date nor results. Result rows left entirely blank are dropped.
 */
export function formToAdoptionInput(form: AdoptionForm): { input: AdoptionInput | null; errors: AdoptionErrors } {
  const errors: AdoptionErrors = {};
  const input: AdoptionInput = { status: form.status };
  const adaptation = form.adaptation.trim();
  if (length(adaptation) > ADAPTATION_MAX) errors.adaptation = "archive.adopt.error.adaptationLength";
  if (adaptation) input.adaptation = adaptation;

  if (form.status === "adopted") {
    if (!form.adoptedOn.trim()) errors.adoptedOn = "archive.adopt.error.dateRequired";
    else if (!validDate(form.adoptedOn.trim())) errors.adoptedOn = "archive.adopt.error.dateFormat";
    else input.adoptedOn = form.adoptedOn.trim();

    const rows = form.results.filter((r) => !blank(r));
    if (rows.length > RESULTS_MAX) errors.results = "archive.adopt.error.tooManyResults";
    const results: NonNullable<AdoptionInput["results"]> = [];
    form.results.forEach((r, i) => {
      if (blank(r)) return;
      const path = `results[${i}]`;
      const name = r.name.trim();
      if (!name) errors[`${path}.name`] = "archive.adopt.error.nameRequired";
      else if (length(name) > 100) errors[`${path}.name`] = "archive.adopt.error.nameLength";
      if (length(r.unit.trim()) > 20) errors[`${path}.unit`] = "archive.adopt.error.unitLength";
      const before = parseDecimal(r.before);
      const after = parseDecimal(r.after);
      if (before === null) errors[`${path}.before`] = "archive.adopt.error.valueRequired";
      else if (Number.isNaN(before)) errors[`${path}.before`] = "archive.adopt.error.number";
      if (after === null) errors[`${path}.after`] = "archive.adopt.error.valueRequired";
      else if (Number.isNaN(after)) errors[`${path}.after`] = "archive.adopt.error.number";
      if (before !== null && after !== null && !Number.isNaN(before) && !Number.isNaN(after)) {
        results.push({ name, unit: r.unit.trim(), before, after, direction: r.direction });
      }
    });
    if (results.length > 0) input.results = results;
  }
  return Object.keys(errors).length > 0 ? { input: null, errors } : { input, errors };
}
