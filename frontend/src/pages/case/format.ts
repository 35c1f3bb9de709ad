import type { Language } from "../../i18n/translate";

/** 1536 → "1.5 KB" (decimal-free bytes under 1 KB). */
export function formatBytes(bytes: number, language: Language): string {
  const nf = new Intl.NumberFormat(language === "ko" ? "ko-KR" : "en-US", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${nf.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} KB`;
  return `${nf.format(bytes / (1024 * 1024))} MB`;
}

const TYPE_NAMES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/x-hwp": "HWP",
  "application/hwp+zip": "HWPX",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "text/csv": "CSV",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/gif": "GIF",
  "image/webp": "WebP",
};

/** A short name for a content type: "application/pdf" → "PDF". */
export function typeName(contentType: string): string {
  return TYPE_NAMES[contentType] ?? contentType;
}

/** "2024-03-01" or "2024-03-01T00:00:00Z" → "2024-03-01". */
export function dateOnly(value: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
}
