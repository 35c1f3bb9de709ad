import type {
  Case,
  CaseContent,
  CaseInput,
  CaseStage,
  CollaboratorKind,
  LicenceType,
  MetricDirection,
} from "../api/types";
import { asTyped } from "../api/problem";
import type { MessageKey } from "../i18n/messages";
import { parseDecimal, parseKrw } from "./krw";

/** One 성과지표 row as typed (numbers stay text until saved). */
export interface MetricRow {
  key: string;
  name: string;
  unit: string;
  before: string;
  after: string;
  direction: MetricDirection;
  period: string;
}

/** One 협업 row. */
export interface CollaboratorRow {
  key: string;
  name: string;
  kind: CollaboratorKind;
  role: string;
}

/** The case editor's form: the working copy as the user types it. */
export interface CaseForm {
  title: string;
  summary: string;
  problem: string;
  solution: string;
  outcomes: string;
  categoryId: string;
  tags: string[];
  beneficiaries: string;
  costKrw: string;
  savingsKrw: string;
  startedOn: string;
  stage: CaseStage | "";
  evidenceLevel: string;
  licence: LicenceType | "";
  metrics: MetricRow[];
  collaborators: CollaboratorRow[];
}

let keySeq = 0;
/** A stable React key for a new row. */
export function rowKey(): string {
  keySeq += 1;
  return `row-${keySeq}`;
}

const numberText = (n: number | undefined | null) => (n === undefined || n === null ? "" : String(n));

/** The form for a case (or a submitted version's content). */
export function caseToForm(c: CaseContent): CaseForm {
  return {
    title: c.title,
    summary: c.summary ?? "",
    problem: c.problem ?? "",
    solution: c.solution ?? "",
    outcomes: c.outcomes ?? "",
    categoryId: c.category?.id ?? "",
    tags: [...(c.tags ?? [])],
    beneficiaries: c.beneficiaries ?? "",
    costKrw: numberText(c.costKrw),
    savingsKrw: numberText(c.savingsKrw),
    startedOn: c.startedOn ?? "",
    stage: c.stage ?? "",
    evidenceLevel: numberText(c.evidenceLevel),
    licence: c.licence ?? "",
    metrics: (c.metrics ?? []).map((m) => ({
      key: rowKey(),
      name: m.name,
      unit: m.unit,
      before: numberText(m.before),
      after: numberText(m.after),
      direction: m.direction,
      period: m.period ?? "",
    })),
    collaborators: (c.collaborators ?? []).map((col) => ({
      key: rowKey(),
      name: col.name,
      kind: col.kind,
      role: col.role ?? "",
    })),
  };
}

export function emptyMetric(): MetricRow {
  return { key: rowKey(), name: "", unit: "", before: "", after: "", direction: "increase", period: "" };
}

export function emptyCollaborator(): CollaboratorRow {
  return { key: rowKey(), name: "", kind: "department", role: "" };
}

/** Problems found before calling the server, by field path, as message keys. */
export type LocalErrors = Record<string, MessageKey>;

/**
 * The request body for PUT /cases/{id}. Optional fields left empty are omitted (the API
 * clears them). Numbers typed wrongly are reported in `errors` and sent as typed, so the
 * server refuses the body and names them together with everything else it finds.
 * Metric values left empty are omitted so the server names them (metrics[i].before).
 */
export function formToInput(form: CaseForm): { input: CaseInput; errors: LocalErrors } {
  const errors: LocalErrors = {};
  const input: CaseInput = {
    title: form.title.trim(),
    summary: form.summary,
    problem: form.problem,
    solution: form.solution,
    outcomes: form.outcomes,
    tags: form.tags,
    beneficiaries: form.beneficiaries,
    metrics: [],
    collaborators: [],
  };
  if (!input.title) errors.title = "caseEditor.error.titleRequired";
  if (form.categoryId) input.categoryId = form.categoryId;
  for (const field of ["costKrw", "savingsKrw"] as const) {
    const value = parseKrw(form[field]);
    if (value === null) continue;
    if (Number.isNaN(value)) errors[field] = "caseEditor.error.krw";
    input[field] = Number.isNaN(value) ? asTyped<number>(form[field]) : value;
  }
  if (form.startedOn) input.startedOn = form.startedOn;
  if (form.stage) input.stage = form.stage;
  if (form.evidenceLevel) input.evidenceLevel = Number(form.evidenceLevel);
  if (form.licence) input.licence = form.licence;
  form.metrics.forEach((m, i) => {
    const row: NonNullable<CaseInput["metrics"]>[number] = {
      name: m.name.trim(),
      unit: m.unit.trim(),
      direction: m.direction,
    } as NonNullable<CaseInput["metrics"]>[number];
    for (const side of ["before", "after"] as const) {
      const value = parseDecimal(m[side]);
      if (value === null) continue;
      if (Number.isNaN(value)) errors[`metrics[${i}].${side}`] = "caseEditor.error.number";
      row[side] = Number.isNaN(value) ? asTyped<number>(m[side]) : value;
    }
    if (m.period.trim()) row.period = m.period.trim();
    input.metrics!.push(row);
  });
  form.collaborators.forEach((c) => {
    const row: NonNullable<CaseInput["collaborators"]>[number] = { name: c.name.trim(), kind: c.kind };
    if (c.role.trim()) row.role = c.role.trim();
    input.collaborators!.push(row);
  });
  return { input, errors };
}

/** Fields of a case the API names in errors and version changes, in form order. */
export const CASE_FIELDS = [
  "title",
  "summary",
  "problem",
  "solution",
  "outcomes",
  "category",
  "tags",
  "beneficiaries",
  "costKrw",
  "savingsKrw",
  "startedOn",
  "stage",
  "evidenceLevel",
  "licence",
  "metrics",
  "collaborators",
  "attachments",
] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

/** Case fields and their Korean-first labels. */
export function caseFieldLabel(field: string): MessageKey | null {
  const key = field === "categoryId" ? "category" : field;
  return (CASE_FIELDS as readonly string[]).includes(key) ? (`caseField.${key as CaseField}` as MessageKey) : null;
}

/** The case with its editor-relevant parts (not the content). */
export type CaseMeta = Omit<Case, keyof CaseContent>;
