/**
 * The round's tie-break order (동점 처리 기준) as an editable list: criteria by name, more
 * first places, earlier submission. The server takes at most 5, in order.
 */
import type { TieBreak, TieBreakKind } from "../../judging/types";

export const MAX_TIE_BREAKS = 5;

/** A key that identifies a rule, so the same rule is not listed twice. */
export function tieBreakKey(tb: TieBreak): string {
  return tb.kind === "criterion" ? `criterion:${(tb.criterionName ?? "").trim()}` : tb.kind;
}

/** Kinds that may still be added (criterion stays available while unused criteria remain). */
export function addableKinds(list: readonly TieBreak[], criterionNames: readonly string[]): TieBreakKind[] {
  if (list.length >= MAX_TIE_BREAKS) return [];
  const out: TieBreakKind[] = [];
  if (criterionNames.length === 0 || unusedCriteria(list, criterionNames).length > 0) out.push("criterion");
  for (const kind of ["first_places", "earlier_submission"] as const) {
    if (!list.some((tb) => tb.kind === kind)) out.push(kind);
  }
  return out;
}

/** Criterion names not yet used by a criterion rule. */
export function unusedCriteria(list: readonly TieBreak[], criterionNames: readonly string[]): string[] {
  const used = new Set(list.filter((tb) => tb.kind === "criterion").map((tb) => (tb.criterionName ?? "").trim()));
  return criterionNames.filter((name) => !used.has(name));
}

/** Adds a rule at the end; a criterion rule takes the first unused criterion. Unchanged when it cannot be added. */
export function addTieBreak(list: readonly TieBreak[], kind: TieBreakKind, criterionNames: readonly string[] = []): TieBreak[] {
  if (!addableKinds(list, criterionNames).includes(kind)) return [...list];
  if (kind !== "criterion") return [...list, { kind }];
  return [...list, { kind, criterionName: unusedCriteria(list, criterionNames)[0] ?? "" }];
}

export function removeTieBreak(list: readonly TieBreak[], index: number): TieBreak[] {
  return list.filter((_, i) => i !== index);
}

/** Moves a rule up (-1) or down (+1); unchanged at the ends. */
export function moveTieBreak(list: readonly TieBreak[], index: number, delta: -1 | 1): TieBreak[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  if (item) out.splice(target, 0, item);
  return out;
}

export function setCriterionName(list: readonly TieBreak[], index: number, criterionName: string): TieBreak[] {
  return list.map((tb, i) => (i === index && tb.kind === "criterion" ? { ...tb, criterionName } : tb));
}

export type TieBreakProblem = "criterionRequired" | "duplicate";

/** Problems per index: a criterion rule without a name, or a rule listed twice. */
export function checkTieBreaks(list: readonly TieBreak[]): Record<number, TieBreakProblem> {
  const out: Record<number, TieBreakProblem> = {};
  const seen = new Set<string>();
  list.forEach((tb, i) => {
    if (tb.kind === "criterion" && !(tb.criterionName ?? "").trim()) {
      out[i] = "criterionRequired";
      return;
    }
    const key = tieBreakKey(tb);
    if (seen.has(key)) out[i] = "duplicate";
    seen.add(key);
  });
  return out;
}

/** The list as the API takes it (criterionName only on criterion rules, trimmed). */
export function toTieBreakInput(list: readonly TieBreak[]): TieBreak[] {
  return list.map((tb) => (tb.kind === "criterion" ? { kind: tb.kind, criterionName: (tb.criterionName ?? "").trim() } : { kind: tb.kind }));
}
