import { localeOf, type Language } from "../i18n/translate";

/** 3000000 → "3,000,000원" (Korean) or "₩3,000,000" (English). */
export function formatKrw(amount: number, language: Language): string {
  const digits = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 0 }).format(amount);
  return language === "ko" ? `${digits}원` : `₩${digits}`;
}

/**
 * Reads an amount typed as "3,000,000", "3000000원" or " 3 000 000 ". Returns null for an
 * empty value and NaN when it is not a whole number of won.
 */
export function parseKrw(text: string): number | null {
  const cleaned = text.replace(/[\s,원₩]/g, "");
  if (cleaned === "") return null;
  if (!/^\d+$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** Reads a decimal number ("74.7", "-3", "1,200.5"); null when empty, NaN when invalid. */
export function parseDecimal(text: string): number | null {
  const cleaned = text.replace(/[\s,]/g, "");
  if (cleaned === "") return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}
