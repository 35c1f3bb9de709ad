import type { User } from "../../api/types";
import type { Criterion, JudgingCase, Stage } from "./types";

export const judge: User = {
  id: "7f1c1a60-0000-4000-8000-000000000003",
  email: "judge@demo.test",
  displayName: "박성민",
  agency: { id: "7f1c1a60-0000-4000-8000-0000000000a0", name: "경기도" },
  department: "자치행정과",
  roles: [{ role: "judge" }],
  createdAt: "2025-01-02T03:04:05Z",
};

export const STAGE_ID = "7f1c1a60-0000-4000-8000-000000000e01";
export const JUDGED_CASE_ID = "7f1c1a60-0000-4000-8000-000000000e02";

const GRADES = [
  { label: "S", points: 10 },
  { label: "A", points: 8 },
  { label: "B", points: 6 },
  { label: "C", points: 4 },
  { label: "D", points: 2 },
];

export const RUBRIC: Criterion[] = [
  {
    id: "7f1c1a60-0000-4000-8000-000000000c01",
    name: "창의성",
    description: "기존 방식과 다른 새로운 접근인가",
    weight: 20,
    scale: { kind: "points", min: 1, max: 10, step: 1 },
    guidance: [
      { level: "9–10", text: "국내 처음이거나 방식 자체를 바꾼 시도" },
      { level: "5–8", text: "다른 기관 사례를 의미 있게 발전시킴" },
      { level: "1–4", text: "기존 방식의 부분 개선" },
    ],
  },
  { id: "7f1c1a60-0000-4000-8000-000000000c02", name: "효과성(성과)", weight: 25, scale: { kind: "points", min: 1, max: 10, step: 1 }, guidance: [] },
  { id: "7f1c1a60-0000-4000-8000-000000000c03", name: "확산가능성", weight: 20, scale: { kind: "points", min: 1, max: 10, step: 1 }, guidance: [] },
  { id: "7f1c1a60-0000-4000-8000-000000000c04", name: "국민체감도", weight: 15, scale: { kind: "points", min: 1, max: 10, step: 1 }, guidance: [] },
  {
    id: "7f1c1a60-0000-4000-8000-000000000c05",
    name: "협업",
    weight: 10,
    scale: { kind: "grades", grades: GRADES },
    guidance: [
      { level: "S", text: "외부 기관과 함께 설계·운영" },
      { level: "A", text: "여러 부서가 역할을 나눠 추진" },
    ],
  },
  { id: "7f1c1a60-0000-4000-8000-000000000c06", name: "난이도", weight: 10, scale: { kind: "grades", grades: GRADES }, guidance: [] },
];

export function sampleStage(overrides: Partial<Stage> = {}): Stage {
  return {
    id: STAGE_ID,
    roundId: "7f1c1a60-0000-4000-8000-0000000000b1",
    position: 1,
    name: "서면심사",
    kind: "written",
    blind: false,
    status: "open",
    scoringClosesAt: "2099-12-05T18:00:00+09:00",
    cut: { kind: "none", value: 0 },
    criteria: RUBRIC,
    caseCount: 3,
    judgeCount: 3,
    finalShare: 0,
    ...overrides,
  };
}

export function sampleJudgingCase(overrides: Partial<JudgingCase> = {}): JudgingCase {
  return {
    stage: sampleStage(),
    caseId: JUDGED_CASE_ID,
    content: {
      title: "숙의기반 갈등관리 시스템",
      summary: "주민 숙의 절차로 공공시설 갈등을 조정했습니다.",
      problem: "갈등이 길어졌습니다.",
      solution: "숙의 절차를 만들었습니다.",
      outcomes: "조정 기간이 줄었습니다.",
      tags: ["숙의"],
      metrics: [
        {
          name: "갈등 조정 기간",
          unit: "개월",
          before: 18,
          after: 7,
          direction: "decrease",
          improvement: { improved: true, delta: -11, percentChange: -61.111111, factor: 2.571429 },
        },
      ],
      collaborators: [{ name: "갈등관리위원회", kind: "department", role: "자문" }],
    },
    team: { id: "7f1c1a60-0000-4000-8000-0000000000f2", name: "인천 갈등관리 혁신팀", kind: "innovation_team" },
    attachments: [],
    blind: false,
    identityWarnings: [],
    sheet: { status: "none", items: [] },
    editable: true,
    ...overrides,
  };
}
