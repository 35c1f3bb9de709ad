import type { Period, Round, RoundInput, TeamKind } from "../api/types";
import { asTyped } from "../api/problem";
import type { MessageKey } from "../i18n/messages";
import { parseKrw } from "./krw";
import { rfc3339ToSeoulLocal, seoulDate, seoulLocalToRfc3339 } from "./seoul";

/** The 분야 a new round starts with (the server's round.DefaultCategories). */
export const DEFAULT_CATEGORIES = [
  "복지",
  "안전",
  "환경",
  "교통·보행",
  "일자리·경제",
  "재정·회계",
  "소통·참여",
  "조직문화",
  "규제개혁",
  "디지털·데이터",
] as const;

export const DEFAULT_TIERS = [
  { name: "대상", count: 1, prizeKrw: 3_000_000 },
  { name: "최우수", count: 2, prizeKrw: 2_000_000 },
  { name: "우수", count: 3, prizeKrw: 1_000_000 },
  { name: "장려", count: 5, prizeKrw: 500_000 },
] as const;

export const SCHEDULE_FIELDS = ["submissionOpensAt", "submissionClosesAt", "judgingClosesAt", "resultsAnnouncedAt"] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];

export interface CategoryRow {
  key: string;
  name: string;
}

export interface TierRow {
  key: string;
  name: string;
  count: string;
  prizeKrw: string;
}

/** The round form as typed; schedule values are datetime-local strings meant in Seoul. */
export interface RoundForm {
  title: string;
  awardName: string;
  year: string;
  period: Period;
  hostAgencyId: string;
  participatingAgencyIds: string[];
  includeSubAgencies: boolean;
  description: string;
  categories: CategoryRow[];
  eligibleTeamKinds: TeamKind[];
  schedule: Record<ScheduleField, string>;
  awardTiers: TierRow[];
}

let seq = 0;
export function roundRowKey(): string {
  seq += 1;
  return `round-row-${seq}`;
}

/** Seoul wall-clock "YYYY-MM-DDTHH:MM", `days` after the Seoul date of `from`. */
function seoulDayAt(from: Date, days: number, time: string): string {
  const [y, m, d] = seoulDate(from).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${date.toISOString().slice(0, 10)}T${time}`;
}

/** A new round: default categories and tiers, the next half year, a 30-day submission window. */
export function newRoundForm(now: Date, hostAgencyId = ""): RoundForm {
  const [year, month] = seoulDate(now).split("-").map(Number) as [number, number];
  return {
    title: "",
    awardName: "으뜸상",
    year: String(year),
    period: month <= 6 ? "H1" : "H2",
    hostAgencyId,
    participatingAgencyIds: hostAgencyId ? [hostAgencyId] : [],
    includeSubAgencies: false,
    description: "",
    categories: DEFAULT_CATEGORIES.map((name) => ({ key: roundRowKey(), name })),
    eligibleTeamKinds: ["innovation_team", "mz_discovery_group", "policy_club", "department"],
    schedule: {
      submissionOpensAt: seoulDayAt(now, 1, "09:00"),
      submissionClosesAt: seoulDayAt(now, 31, "18:00"),
      judgingClosesAt: seoulDayAt(now, 46, "18:00"),
      resultsAnnouncedAt: seoulDayAt(now, 61, "10:00"),
    },
    awardTiers: DEFAULT_TIERS.map((tier) => ({
      key: roundRowKey(),
      name: tier.name,
      count: String(tier.count),
      prizeKrw: String(tier.prizeKrw),
    })),
  };
}

/** The form for an existing round (times shown in Seoul). */
export function roundToForm(round: Round): RoundForm {
  return {
    title: round.title,
    awardName: round.awardName,
    year: String(round.year),
    period: round.period,
    hostAgencyId: round.hostAgency.id,
    participatingAgencyIds: round.participatingAgencies.map((a) => a.id),
    includeSubAgencies: round.includeSubAgencies,
    description: round.description ?? "",
    categories: round.categories.map((c) => ({ key: roundRowKey(), name: c.name })),
    eligibleTeamKinds: [...round.eligibleTeamKinds],
    schedule: {
      submissionOpensAt: rfc3339ToSeoulLocal(round.schedule.submissionOpensAt),
      submissionClosesAt: rfc3339ToSeoulLocal(round.schedule.submissionClosesAt),
      judgingClosesAt: rfc3339ToSeoulLocal(round.schedule.judgingClosesAt),
      resultsAnnouncedAt: rfc3339ToSeoulLocal(round.schedule.resultsAnnouncedAt),
    },
    awardTiers: round.awardTiers.map((tier) => ({
      key: roundRowKey(),
      name: tier.name,
      count: String(tier.count),
      prizeKrw: String(tier.prizeKrw),
    })),
  };
}

/**
 * The request body and the problems found locally by field path (the same paths the API
 * uses, e.g. "schedule.submissionClosesAt", "awardTiers[0].prizeKrw"). What cannot be read
 * (a date, a count, an amount typed wrongly) is sent as typed: the server refuses the body
 * and names those fields together with every other error it finds, so the form is sent
 * whatever is found here.
 */
export function roundFormToInput(form: RoundForm): { input: RoundInput; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  if (!form.title.trim()) errors.title = "roundForm.error.required";
  if (!form.awardName.trim()) errors.awardName = "roundForm.error.required";
  const yearTyped = /^\d{4}$/.test(form.year.trim());
  const year = yearTyped ? Number(form.year) : asTyped<number>(form.year);
  if (!yearTyped || year < 2000 || year > 2100) errors.year = "roundForm.error.year";
  if (!form.hostAgencyId) errors.hostAgencyId = "roundForm.error.required";
  if (form.participatingAgencyIds.length === 0) errors.participatingAgencyIds = "roundForm.error.agencies";
  if (form.eligibleTeamKinds.length === 0) errors.eligibleTeamKinds = "roundForm.error.kinds";
  const categories = form.categories.map((c) => c.name.trim());
  if (categories.filter(Boolean).length === 0) errors.categories = "roundForm.error.categories";
  categories.forEach((name, i) => {
    if (!name) errors[`categories[${i}]`] = "roundForm.error.required";
    else if (categories.indexOf(name) !== i) errors[`categories[${i}]`] = "roundForm.error.categoryDuplicate";
  });
  const schedule = {} as Record<ScheduleField, string>;
  for (const field of SCHEDULE_FIELDS) {
    const value = seoulLocalToRfc3339(form.schedule[field]);
    if (value === null) errors[`schedule.${field}`] = "roundForm.error.datetime";
    schedule[field] = value ?? form.schedule[field];
  }
  const awardTiers: RoundInput["awardTiers"] = [];
  form.awardTiers.forEach((tier, i) => {
    if (!tier.name.trim()) errors[`awardTiers[${i}].name`] = "roundForm.error.required";
    const countTyped = /^\d+$/.test(tier.count.trim());
    const count = countTyped ? Number(tier.count) : asTyped<number>(tier.count);
    if (!countTyped || count < 1) errors[`awardTiers[${i}].count`] = "roundForm.error.count";
    const prize = parseKrw(tier.prizeKrw);
    if (prize === null || Number.isNaN(prize)) errors[`awardTiers[${i}].prizeKrw`] = "roundForm.error.krw";
    const prizeKrw = prize === null ? asTyped<number>("") : Number.isNaN(prize) ? asTyped<number>(tier.prizeKrw) : prize;
    awardTiers.push({ name: tier.name.trim(), count, prizeKrw });
  });
  return {
    input: {
      title: form.title.trim(),
      awardName: form.awardName.trim(),
      year,
      period: form.period,
      hostAgencyId: form.hostAgencyId,
      participatingAgencyIds: form.participatingAgencyIds,
      includeSubAgencies: form.includeSubAgencies,
      categories,
      eligibleTeamKinds: form.eligibleTeamKinds,
      schedule,
      awardTiers,
      ...(form.description.trim() ? { description: form.description.trim() } : {}),
    },
    errors,
  };
}
