import { CASE_STAGES, PERIODS, TEAM_KINDS, type CaseStage, type Period, type TeamKind } from "../../api/types";
import { localeOf, type Language, type Translate } from "../../i18n/translate";
import type { FilterKey } from "./searchQuery";

const KOGL = ["kogl1", "kogl2", "kogl3", "kogl4", "none"] as const;

/**
 * The 공공누리 licence as the archive shows it: kogl1 → "공공누리 제1유형: 출처표시" …;
 * null when the case has none recorded (imported cases), the raw value when unknown.
 */
export function licenceLabel(licence: string | undefined, t: Translate): string | null {
  if (!licence) return null;
  if ((KOGL as readonly string[]).includes(licence)) return t(`archive.licence.${licence as (typeof KOGL)[number]}`);
  return licence;
}

export function periodLabel(period: string, t: Translate): string {
  return (PERIODS as readonly string[]).includes(period) ? t(`period.${period as Period}`) : period;
}

export function stageLabel(stage: string, t: Translate): string {
  return (CASE_STAGES as readonly string[]).includes(stage) ? t(`stage.${stage as CaseStage}`) : stage;
}

export function teamKindLabel(kind: string, t: Translate): string {
  return (TEAM_KINDS as readonly string[]).includes(kind) ? t(`teamKind.${kind as TeamKind}`) : kind;
}

export function evidenceLabel(level: number | string, t: Translate): string {
  const n = Number(level);
  return n >= 1 && n <= 5 && Number.isInteger(n) ? t(`evidence.${n as 1 | 2 | 3 | 4 | 5}`) : String(level);
}

/** "2026년 상반기" / "First half 2026". */
export function yearPeriod(year: number, period: string, t: Translate): string {
  return t("archive.yearPeriod", { year, period: periodLabel(period, t) });
}

/**
 * A filter value for display: enum values in the UI language, the rest (agency names,
 * categories, award tiers) as the server labels them.
 */
export function filterValueLabel(key: FilterKey, value: string, serverLabel: string | undefined, t: Translate): string {
  switch (key) {
    case "period":
      return periodLabel(value, t);
    case "teamKind":
      return teamKindLabel(value, t);
    case "stage":
      return stageLabel(value, t);
    case "evidenceLevel":
      return evidenceLabel(value, t);
    case "hasMetrics":
      return value === "true" ? t("archive.hasMetrics.true") : t("archive.hasMetrics.false");
    case "year":
      return t("archive.yearValue", { year: value });
    default:
      return serverLabel || value;
  }
}

/** A calendar day ("2026-03-02") in the UI language, never shifted by the browser's time zone. */
export function formatDay(day: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}
