import type { StageResults } from "../../judging/types";

const A = "7f1c1a60-0000-4000-8000-00000000aaa1";
const B = "7f1c1a60-0000-4000-8000-00000000aaa2";

/** As the server answers for the demo round mid-judging: the round's trimmed mean cannot rank yet. */
export const RESULTS: StageResults = {
  stageId: "7f1c1a60-0000-4000-8000-000000000e01",
  method: "trimmed_mean",
  judges: [
    { userId: "7f1c1a60-0000-4000-8000-0000000000j1", displayName: "박성민" },
    { userId: "7f1c1a60-0000-4000-8000-0000000000j2", displayName: "오세영" },
  ],
  matrix: [],
  rankings: [
    { method: "trimmed_mean", error: "최고·최저점 제외 평균은 사례마다 심사위원이 3명 이상이어야 합니다 (부족한 사례 2건).", rows: [] },
    {
      method: "mean",
      rows: [
        { caseId: B, title: "세입 고지서 전자 발송", rank: 2, score: 70.4167 },
        { caseId: A, title: "숙의기반 갈등관리 시스템", rank: 1, score: 73.75 },
      ],
    },
    { method: "median", rows: [] },
    {
      method: "zscore",
      rows: [
        { caseId: B, title: "세입 고지서 전자 발송", rank: 1, score: 72.0833 },
        { caseId: A, title: "숙의기반 갈등관리 시스템", rank: 2, score: 72.0833, tieBrokenBy: "criterion" },
      ],
    },
  ],
};

