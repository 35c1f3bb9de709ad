import { createTranslator, localeOf, type Language } from "../i18n/translate";

export type MetricDirection = "increase" | "decrease";

export interface MetricValues {
  unit: string;
  before: number;
  after: number;
  direction: MetricDirection;
}

/** What before → after amounts to; the same numbers as the API's `Improvement`. */
export interface Improvement {
  improved: boolean;
  delta: number;
  percentagePoints?: number;
  percentChange?: number;
  factor?: number;
}

/** Rounds to 6 decimals half away from zero, like Go's math.Round(x*1e6)/1e6. */
function round6(x: number): number {
  const scaled = x * 1e6;
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / 1e6 + 0; // + 0 turns -0 into 0
}

/**
 * The server's `Metric.Improvement()` (api/cases/content.go), step by step, so the editor
 * shows while typing exactly what the server returns after saving.
 */
export function computeImprovement(m: MetricValues): Improvement {
  const delta = round6(m.after - m.before);
  const imp: Improvement = { improved: m.direction === "decrease" ? delta < 0 : delta > 0, delta };
  if (m.unit === "%" || m.unit === "%p") imp.percentagePoints = delta;
  if (m.before !== 0) imp.percentChange = round6((delta / Math.abs(m.before)) * 100);
  let num = m.after;
  let den = m.before;
  if (m.direction === "decrease") [num, den] = [m.before, m.after];
  if (den > 0 && num >= 0) imp.factor = round6(num / den);
  return imp;
}

export interface ImprovementText {
  /** "+11.1%p" for % units, "-98.3%" (relative change) otherwise, or the signed delta. */
  change: string;
  /** "60배 개선" when the value got better by a factor; null otherwise. */
  factor: string | null;
  /** ▲ when the value went up, ▼ when down, – when unchanged. */
  arrow: "▲" | "▼" | "–";
  improved: boolean;
  /** For screen readers: 개선 / 악화 / 변화 없음. */
  verdict: string;
}

/** Formats an improvement for the UI language. */
export function formatImprovement(imp: Improvement, unit: string, language: Language): ImprovementText {
  const t = createTranslator(language);
  const locale = localeOf(language);
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" });
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  let change: string;
  if (imp.percentagePoints !== undefined) change = `${signed.format(imp.percentagePoints)}%p`;
  else if (imp.percentChange !== undefined) change = `${signed.format(imp.percentChange)}%`;
  else change = `${signed.format(imp.delta)}${unit}`;
  const factor =
    imp.percentagePoints === undefined && imp.improved && imp.factor !== undefined && imp.factor > 1
      ? t("metric.factor", { factor: plain.format(imp.factor) })
      : null;
  const arrow = imp.delta > 0 ? "▲" : imp.delta < 0 ? "▼" : "–";
  const verdict = imp.delta === 0 ? t("metric.unchanged") : imp.improved ? t("metric.improved") : t("metric.worsened");
  return { change, factor, arrow, improved: imp.improved, verdict };
}
