/**
 * Times of rounds are entered and shown in Asia/Seoul whatever the browser's zone is.
 * Korea has kept UTC+9 without daylight saving since 1988, so an entered wall-clock time
 * maps to one instant with the fixed offset +09:00.
 */
import { localeOf, type Language } from "../i18n/translate";

export const SEOUL_TIME_ZONE = "Asia/Seoul";
const SEOUL_OFFSET = "+09:00";

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** "2026-07-01T09:00" (a datetime-local value meant in Seoul) → "2026-07-01T09:00:00+09:00". */
export function seoulLocalToRfc3339(local: string): string | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? "00"}${SEOUL_OFFSET}`);
  if (Number.isNaN(date.getTime())) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? "00"}${SEOUL_OFFSET}`;
}

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: SEOUL_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function seoulParts(date: Date): Record<"year" | "month" | "day" | "hour" | "minute" | "second", string> {
  const out = { year: "", month: "", day: "", hour: "", minute: "", second: "" };
  for (const part of partsFormat.formatToParts(date)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  if (out.hour === "24") out.hour = "00";
  return out;
}

/** An instant (RFC 3339, any offset) → the datetime-local value of its Seoul wall clock. */
export function rfc3339ToSeoulLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const p = seoulParts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The Seoul calendar date of an instant, "YYYY-MM-DD". */
export function seoulDate(date: Date): string {
  const p = seoulParts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

export type Deadline = { kind: "days"; days: number } | { kind: "today" } | { kind: "closed" };

/**
 * Days left until a deadline, counted in Seoul calendar days: D-5 when the deadline falls
 * five Seoul dates after today, "today" on the day itself (before the time), closed after.
 */
export function deadlineFrom(deadlineIso: string, now: Date = new Date()): Deadline {
  const deadline = new Date(deadlineIso);
  if (Number.isNaN(deadline.getTime()) || now.getTime() >= deadline.getTime()) return { kind: "closed" };
  const day = (key: string) => Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)));
  const days = Math.round((day(seoulDate(deadline)) - day(seoulDate(now))) / 86_400_000);
  return days <= 0 ? { kind: "today" } : { kind: "days", days };
}

/** "마감 D-5", "오늘 마감", "마감됨" (or the English equivalents). */
export function formatDeadline(deadline: Deadline, language: Language): string {
  if (language === "en") {
    if (deadline.kind === "closed") return "Closed";
    if (deadline.kind === "today") return "Closes today";
    return `Closes D-${deadline.days}`;
  }
  if (deadline.kind === "closed") return "마감됨";
  if (deadline.kind === "today") return "오늘 마감";
  return `마감 D-${deadline.days}`;
}

/** Date and time in Seoul: "2026년 7월 1일 (수) 오전 9:00". */
export function formatSeoulDateTime(iso: string | undefined, language: Language): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: SEOUL_TIME_ZONE,
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

/** A deadline's date and 24-hour time in Seoul: "2026년 7월 1일 09:00" or "July 1, 2026 09:00". */
export function formatSeoulDeadline(iso: string | undefined, language: Language): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = seoulParts(date);
  const time = `${p.hour}:${p.minute}`;
  if (language === "en") {
    const day = new Intl.DateTimeFormat("en-US", { timeZone: SEOUL_TIME_ZONE, dateStyle: "long" }).format(date);
    return `${day} ${time}`;
  }
  return `${p.year}년 ${Number(p.month)}월 ${Number(p.day)}일 ${time}`;
}

/** Date in Seoul: "2026. 7. 1.". */
export function formatSeoulDate(iso: string | undefined, language: Language): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { timeZone: SEOUL_TIME_ZONE, dateStyle: "medium" }).format(date);
}

/** Time of day in Seoul: "오후 3:04". */
export function formatSeoulTime(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: SEOUL_TIME_ZONE,
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}
