import type { Case, Round, User } from "../api/types";

export const member: User = {
  id: "7f1c1a60-0000-4000-8000-000000000002",
  email: "member@demo.test",
  displayName: "최유나",
  agency: { id: "7f1c1a60-0000-4000-8000-0000000000a1", name: "부천시" },
  department: "민원여권과",
  roles: [{ role: "member" }],
  createdAt: "2025-01-02T03:04:05Z",
};

export const ROUND_ID = "7f1c1a60-0000-4000-8000-0000000000b1";
export const CASE_ID = "7f1c1a60-0000-4000-8000-0000000000c1";

export function sampleRound(overrides: Partial<Round> = {}): Round {
  return {
    id: ROUND_ID,
    title: "2026 하반기 으뜸상",
    awardName: "으뜸상",
    year: 2026,
    period: "H2",
    hostAgency: { id: member.agency.id, name: "부천시" },
    participatingAgencies: [{ id: member.agency.id, name: "부천시" }],
    includeSubAgencies: false,
    categories: [
      { id: "7f1c1a60-0000-4000-8000-0000000000d1", name: "복지" },
      { id: "7f1c1a60-0000-4000-8000-0000000000d2", name: "안전" },
    ],
    eligibleTeamKinds: ["mz_discovery_group"],
    schedule: {
      submissionOpensAt: "2026-07-01T09:00:00+09:00",
      submissionClosesAt: "2099-07-31T18:00:00+09:00",
      judgingClosesAt: "2099-08-15T18:00:00+09:00",
      resultsAnnouncedAt: "2099-09-01T10:00:00+09:00",
    },
    awardTiers: [{ id: "7f1c1a60-0000-4000-8000-0000000000e1", name: "대상", count: 1, prizeKrw: 3_000_000 }],
    status: "open",
    published: true,
    canManage: false,
    createdAt: "2026-06-01T00:00:00Z",
    ...overrides,
  };
}

export function sampleCase(overrides: Partial<Case> = {}): Case {
  return {
    id: CASE_ID,
    view: "working_copy",
    title: "재활용 분리배출 동별 코칭",
    summary: "동별 맞춤 코칭으로 분리배출을 바꿨습니다.",
    problem: "잘못 버린 재활용품이 많았습니다.",
    solution: "동별 코칭단을 꾸렸습니다.",
    outcomes: "오염률이 줄었습니다.",
    category: { id: "7f1c1a60-0000-4000-8000-0000000000d1", name: "복지" },
    tags: ["환경"],
    metrics: [
      {
        name: "처리 시간",
        unit: "분",
        before: 120,
        after: 2,
        direction: "decrease",
        improvement: { improved: true, delta: -118, percentChange: -98.333333, factor: 60 },
      },
    ],
    collaborators: [{ name: "자원순환과", kind: "department", role: "자료 제공" }],
    round: { id: ROUND_ID, title: "2026 하반기 으뜸상", submissionClosesAt: "2099-07-31T18:00:00+09:00" },
    team: { id: "7f1c1a60-0000-4000-8000-0000000000f1", name: "부천 MZ혁신발굴단", kind: "mz_discovery_group" },
    status: "draft",
    revision: 3,
    submittedVersion: 0,
    hasUnsubmittedChanges: true,
    editable: true,
    attachments: [],
    createdAt: "2026-07-02T00:00:00Z",
    updatedAt: "2026-07-02T00:00:00Z",
    ...overrides,
  };
}
