// The judge directory's fixed list of fields and the profile form's own checks, which
// mirror the server's (api/judging/directory.go) so most mistakes are caught before saving.
import type { MessageKey } from "../../i18n/messages";
import type { JudgeAffiliation, JudgeField } from "./types";

/** In the order the server and openapi.yaml list them. */
export const JUDGE_FIELDS: readonly JudgeField[] = [
  "administration",
  "digital",
  "welfare",
  "safety",
  "environment",
  "economy",
  "culture",
  "health",
  "education",
  "transport",
  "regulation",
  "citizen_participation",
];

export const MAX_KEYWORDS = 10;
export const MAX_KEYWORD_LENGTH = 30;

/** "적극행정,  규제 샌드박스 , 적극행정" → ["적극행정", "규제 샌드박스"]: trimmed, spaces collapsed, repeats dropped. */
export function parseKeywords(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,，、\n]/)) {
    const k = part.trim().replace(/\s+/g, " ");
    if (k && !out.some((have) => have.toLowerCase() === k.toLowerCase())) out.push(k);
  }
  return out;
}

export type ProfileField = "affiliationNote" | "fields" | "keywords" | "bio" | "contactVisibility";

/** The message keys of what the form refuses before asking the server. */
export function profileProblems(input: { listed: boolean; fields: readonly JudgeField[]; keywords: readonly string[] }): Partial<Record<ProfileField, MessageKey>> {
  const problems: Partial<Record<ProfileField, MessageKey>> = {};
  if (input.listed && input.fields.length === 0) problems.fields = "judgeProfile.error.needField";
  if (input.keywords.length > MAX_KEYWORDS) problems.keywords = "judgeProfile.error.tooManyKeywords";
  else if (input.keywords.some((k) => [...k].length > MAX_KEYWORD_LENGTH)) problems.keywords = "judgeProfile.error.keywordTooLong";
  return problems;
}

/** "인천광역시 · 갈등관리 자문위원" — the real affiliation, as conflicts read it. */
export function agencyLine(a: JudgeAffiliation): string {
  return [a.agency.name, a.department].filter(Boolean).join(" · ");
}
