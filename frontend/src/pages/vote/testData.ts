import type { PublicVote, PublicVoteSummary, StageVote, VoteReport } from "./types";

export const VOTE_STAGE = "7f1c1a60-0000-4000-8000-000000000e01";
export const VOTE_ROUND = "7f1c1a60-0000-4000-8000-0000000000b1";
export const CASE_DELIB = "7f1c1a60-0000-4000-8000-00000000f001";
export const CASE_BILL = "7f1c1a60-0000-4000-8000-00000000f002";
export const CASE_PARK = "7f1c1a60-0000-4000-8000-00000000f003";
export const VERIFICATION = "7f1c1a60-0000-4000-8000-00000000f0a1";

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

export function voteSummary(overrides: Partial<PublicVoteSummary> = {}): PublicVoteSummary {
  return {
    stageId: VOTE_STAGE,
    roundId: VOTE_ROUND,
    roundTitle: "2026 하반기 행정대상",
    stageName: "본선",
    hostAgency: "행정안전부",
    status: "open",
    opensAt: hoursFromNow(-24),
    closesAt: hoursFromNow(24 * 5),
    finalists: 3,
    ...overrides,
  };
}

/** The demo round's open vote: choose up to two of three finalists, counts shown. */
export function publicVote(overrides: Partial<PublicVote> = {}): PublicVote {
  return {
    ...voteSummary(),
    maxChoices: 2,
    showCounts: true,
    intro: "결선에 오른 사례 가운데 우리 동네에 꼭 필요하다고 생각하는 사례에 투표해 주세요.",
    voteShare: 20,
    totalBallots: 5,
    cases: [
      {
        caseId: CASE_DELIB,
        title: "숙의기반 갈등관리 시스템",
        summary: "주민 숙의 절차로 공공시설 갈등을 조정했습니다.",
        outcomes: "갈등 조정 기간이 18개월에서 7개월로 줄었습니다.",
        teamName: "인천 갈등관리 혁신팀",
        agencyName: "인천광역시",
        category: "행정",
        votes: 3,
      },
      {
        caseId: CASE_BILL,
        title: "세입 고지서 전자 발송",
        summary: "종이 고지서를 모바일 전자고지로 바꿨습니다.",
        outcomes: "우편 비용이 절반으로 줄었습니다.",
        teamName: "세정과 혁신팀",
        agencyName: "부천시",
        category: "재정",
        votes: 5,
      },
      {
        caseId: CASE_PARK,
        title: "공영주차장 공유 예약",
        summary: "빈 주차면을 이웃과 나눠 씁니다.",
        outcomes: "",
        teamName: "교통정책과",
        agencyName: "수원시",
        category: "",
        votes: 0,
      },
    ],
    ...overrides,
  };
}

export function stageVote(overrides: Partial<StageVote> = {}): StageVote {
  return {
    stageId: VOTE_STAGE,
    configured: true,
    status: "open",
    opensAt: "2099-11-02T09:00:00+09:00",
    closesAt: "2099-11-20T18:00:00+09:00",
    maxChoices: 2,
    showCounts: true,
    voteShare: 20,
    intro: "결선 진출 사례에 투표해 주세요.",
    ballots: 0,
    ...overrides,
  };
}

export function voteReport(overrides: Partial<VoteReport> = {}): VoteReport {
  return {
    vote: stageVote({ ballots: 41 }),
    counts: [
      { caseId: CASE_BILL, title: "세입 고지서 전자 발송", votes: 30, voteScore: 100 },
      { caseId: CASE_DELIB, title: "숙의기반 갈등관리 시스템", votes: 12, voteScore: 40 },
      { caseId: CASE_PARK, title: "공영주차장 공유 예약", votes: 0, voteScore: 0 },
    ],
    ballotsByMethod: { emailCode: 38, account: 3 },
    codesRequested: 52,
    addresses: [{ address: "198.51.100.23", ballots: 17, codeRequests: 24 }],
    bursts: [{ minute: "2099-11-03T01:04:00Z", ballots: 15 }],
    ...overrides,
  };
}
