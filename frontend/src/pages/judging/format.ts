import { localeOf, type Language } from "../../i18n/translate";

/** A score or points with up to `digits` decimals: 73.75, 8, 72.0833. */
export function formatScore(value: number, language: Language, digits = 2): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: digits, useGrouping: false }).format(value);
}

/** The percentage of a part, 0–100, for progress bars. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((part / whole) * 100)));
}
