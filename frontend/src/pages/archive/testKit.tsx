// Shared by the archive page tests: render the app's routes against a fake API.
import type { ArchiveCase, ArchiveFacets, ArchiveSearchResult, ArchiveSummary } from "./types";

export const FIRE = "2c923482-a424-46d4-9587-09b19d5eab80";
export const BUCHEON = "7f1c1a60-0000-4000-8000-0000000000a1";
export const ENTRY = "831f8e85-08e6-4b7e-a5f4-7aa8bc07d82b";

/** Renders the app at `path`; `user` signs someone in, otherwise the visitor is anonymous. */
export { currentLocation, renderApp as renderAt } from "../../test/renderApp";

export function emptyFacets(): ArchiveFacets {
  return { year: [], period: [], agency: [], region: [], category: [], awardTier: [], teamKind: [], stage: [], evidenceLevel: [], hasMetrics: [] };
}

export function summary(overrides: Partial<ArchiveSummary> = {}): ArchiveSummary {
  return {
    id: ENTRY,
    title: "119 이음콜 출동정보 알리미",
    summary: "출동대원의 발신 정보를 신고자 휴대전화에 보여 줘 통화 성공률을 높였다",
    agency: { id: FIRE, name: "인천광역시 소방본부" },
    region: "인천",
    year: 2026,
    period: "annual",
    roundTitle: "2026 적극행정 우수사례",
    awardName: "적극행정 우수사례",
    awardTier: "최우수",
    category: "안전",
    teamName: "인천 소방 119 혁신팀",
    teamKind: "innovation_team",
    stage: "spread",
    evidenceLevel: 5,
    hasMetrics: true,
    adoptionCount: 0,
    publishedOn: "2026-05-29",
    ...overrides,
  };
}

export function searchResult(items: ArchiveSummary[], overrides: Partial<ArchiveSearchResult> = {}): ArchiveSearchResult {
  return { items, total: items.length, facets: emptyFacets(), ...overrides };
}

export function archiveCase(overrides: Partial<ArchiveCase> = {}): ArchiveCase {
  return {
    ...summary(),
    problem: "보이스피싱을 걱정해 모르는 번호를 받지 않는 시민이 늘었다.",
    solution: "발신자 정보를 신고자에게 보여 주는 서비스를 도입했다.",
    outcomes: "통화 성공률이 높아졌다.",
    metrics: [
      {
        name: "통화 성공률", unit: "%", before: 74.7, after: 85.8, direction: "increase", period: "도입 전후",
        improvement: { improved: true, delta: 11.1, percentagePoints: 11.1, percentChange: 14.859438, factor: 1.148594 },
      },
      {
        name: "처리 시간", unit: "분", before: 120, after: 2, direction: "decrease",
        improvement: { improved: true, delta: -118, percentChange: -98.333333, factor: 60 },
      },
    ],
    collaborators: [{ name: "이동통신사", kind: "external", role: "발신자 정보 표시" }],
    tags: ["119", "골든타임"],
    licence: "kogl1",
    attachments: [],
    adoptions: [],
    helpfulCount: 0,
    ...overrides,
  };
}
