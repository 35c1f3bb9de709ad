import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, organizer, problem } from "../../../test/fakeServer";
import { renderApp, type Handler } from "../../../test/renderApp";
import { ROUND_ID, sampleRound } from "../../../test/fixtures";
import { sampleStage, STAGE_ID } from "../../judging/testData";
import type { AssignmentBoard, Stage, StageJudge } from "../../judging/types";

const CASE_A = "7f1c1a60-0000-4000-8000-00000000ca01";
const J1 = "7f1c1a60-0000-4000-8000-00000000da01";
const J2 = "7f1c1a60-0000-4000-8000-00000000da02";
const judge = (userId: string, displayName: string, assigned: number): StageJudge => ({
  userId,
  displayName,
  agency: { id: "7f1c1a60-0000-4000-8000-0000000000a0", name: "경기도" },
  kind: "external",
  assigned,
  submitted: 0,
});
const JUDGES = [judge(J1, "박성민", 1), judge(J2, "오세영", 0)];
const BOARD: AssignmentBoard = {
  cases: [
    {
      caseId: CASE_A,
      title: "민원 콜백 예약",
      team: { id: "7f1c1a60-0000-4000-8000-0000000000f1", name: "부천 MZ혁신발굴단", kind: "mz_discovery_group" },
      judges: [{ userId: J1, displayName: "박성민", sheetStatus: "draft" }],
    },
  ],
  conflicts: [
    { caseId: CASE_A, judgeId: J2, judgeName: "오세영", kind: "same_department", reason: "심사위원이 팀원과 같은 부서에서 일합니다 (부천시 민원여권과)", automatic: true },
  ],
};

async function renderStage(stage: Stage, tab: string, handler: Handler = () => null) {
  const net = await renderApp(`/organizer/stages/${STAGE_ID}?tab=${tab}`, async (request, seen) => {
    const answer = await handler(request, seen);
    if (answer) return answer;
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (seen.path === `/api/v1/stages/${STAGE_ID}` && seen.method === "GET") return json(200, stage);
    if (seen.path === `/api/v1/rounds/${ROUND_ID}`) return json(200, sampleRound({ canManage: true }));
    if (seen.path === `/api/v1/stages/${STAGE_ID}/judges` && seen.method === "GET") return json(200, { items: JUDGES });
    if (seen.path === `/api/v1/stages/${STAGE_ID}/assignments` && seen.method === "GET") return json(200, BOARD);
    return null;
  }, organizer);
  await screen.findByRole("heading", { level: 1, name: "서면심사" });
  return net;
}

describe("stage page: assignments", () => {
  it("shows conflicts with their kind and reason, and the Korean refusal of a conflicted manual assignment", async () => {
    const net = await renderStage(sampleStage({ roundId: ROUND_ID }), "assignments", (_req, seen) =>
      seen.method === "PUT" && seen.path === `/api/v1/stages/${STAGE_ID}/assignments/${CASE_A}`
        ? problem(409, "conflict_of_interest", "이 심사위원은 해당 사례와 이해충돌(제척·회피·기피) 관계에 있습니다.", [
            { field: "judgeIds[1]", code: "not_allowed", message: "허용되지 않는 값입니다." },
          ])
        : null,
    );
    expect(screen.getByRole("tab", { name: "배정", selected: true })).toBeTruthy();
    const board = await screen.findByRole("table", { name: /배정 현황/ });
    const row = within(board).getByRole("row", { name: /민원 콜백 예약/ });
    expect(within(row).getByText("임시저장")).toBeTruthy();
    expect(within(row).getByText("제척 (같은 부서)")).toBeTruthy();
    expect(within(row).getByText("심사위원이 팀원과 같은 부서에서 일합니다 (부천시 민원여권과)")).toBeTruthy();
    const conflicts = screen.getByRole("table", { name: /이해충돌:/ });
    expect(within(conflicts).getByText("자동")).toBeTruthy();

    fireEvent.click(within(row).getByRole("button", { name: "민원 콜백 예약 배정 수정" }));
    const dialog = await screen.findByRole("dialog", { name: "‘민원 콜백 예약’ 심사위원 배정" });
    expect((within(dialog).getByRole("checkbox", { name: /박성민/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole("checkbox", { name: /오세영/ }));
    fireEvent.click(within(dialog).getByRole("button", { name: "저장" }));
    expect(await within(dialog).findByText("오세영 심사위원은 이 사례와 이해충돌(제척·회피·기피)이 있어 배정할 수 없습니다.")).toBeTruthy();
    const put = net.requests.find((r) => r.method === "PUT");
    expect(JSON.parse(put!.body)).toEqual({ judgeIds: [J1, J2] });
  });

  it("records a challenge (기피) with its reason", async () => {
    const net = await renderStage(sampleStage({ roundId: ROUND_ID }), "assignments", (_req, seen) =>
      seen.method === "POST" && seen.path === `/api/v1/stages/${STAGE_ID}/conflicts`
        ? json(201, { caseId: CASE_A, judgeId: J1, judgeName: "박성민", kind: "challenged", reason: "이해관계", automatic: false })
        : null,
    );
    const board = await screen.findByRole("table", { name: /배정 현황/ });
    fireEvent.click(within(board).getByRole("button", { name: "민원 콜백 예약 심사위원 기피" }));
    const dialog = await screen.findByRole("dialog", { name: "‘민원 콜백 예약’ 심사위원 기피" });
    // A judge already in conflict with the case is not offered again.
    expect(within(dialog).getAllByRole("option").map((o) => o.textContent)).toEqual(["박성민"]);
    fireEvent.change(within(dialog).getByLabelText("기피 사유"), { target: { value: "사례 팀과 공동 연구를 했습니다." } });
    fireEvent.click(within(dialog).getByRole("button", { name: "기피 기록" }));
    await screen.findByText("박성민 심사위원을 ‘민원 콜백 예약’ 심사에서 제외했습니다.");
    const post = net.requests.find((r) => r.method === "POST" && r.path.endsWith("/conflicts"));
    expect(JSON.parse(post!.body)).toEqual({ caseId: CASE_A, judgeId: J1, reason: "사례 팀과 공동 연구를 했습니다." });
  });
});

describe("stage page: open and close", () => {
  it("explains in Korean why judging cannot start yet or the stage cannot close", async () => {
    await renderStage(sampleStage({ roundId: ROUND_ID, status: "setup" }), "judges", (_req, seen) =>
      seen.path === `/api/v1/stages/${STAGE_ID}/open` ? problem(409, "judging_not_open", "아직 심사할 수 없습니다") : null,
    );
    fireEvent.click(screen.getByRole("button", { name: "심사 시작" }));
    const dialog = await screen.findByRole("dialog", { name: "심사를 시작할까요?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "심사 시작" }));
    expect(await screen.findByText("아직 심사를 시작할 수 없습니다. 접수 마감 뒤에, 앞 단계가 마감된 다음에 시작할 수 있습니다.")).toBeTruthy();
  });

  it("says which sheets are missing when closing too early", async () => {
    await renderStage(sampleStage({ roundId: ROUND_ID, status: "open" }), "progress", (_req, seen) => {
      if (seen.path === `/api/v1/stages/${STAGE_ID}/close`) return problem(409, "unscored_cases", "채점이 끝나지 않았습니다");
      if (seen.path === `/api/v1/stages/${STAGE_ID}/progress`) return json(200, { stageId: STAGE_ID, judges: JUDGES, cases: 1, complete: false });
      if (seen.path === `/api/v1/stages/${STAGE_ID}/reminders`) return json(200, { reminded: 1 });
      return null;
    });
    expect(await screen.findByText("미완료 심사위원 1명")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "미완료 심사위원에게 알림" }));
    expect(await screen.findByText("미완료 심사위원 1명에게 알림을 보냈습니다.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "단계 마감" }));
    fireEvent.click(within(await screen.findByRole("dialog", { name: "단계를 마감할까요?" })).getByRole("button", { name: "단계 마감" }));
    expect(await screen.findByText(/아직 제출되지 않은 채점표가 있어 마감할 수 없습니다/)).toBeTruthy();
  });
});

describe("stage page: settings", () => {
  it("changes the scoring deadline in Seoul time and the share of the final score", async () => {
    const net = await renderStage(sampleStage({ roundId: ROUND_ID, status: "open" }), "progress", (_req, seen) => {
      if (seen.method === "PUT" && seen.path === `/api/v1/stages/${STAGE_ID}`) {
        const body = JSON.parse(seen.body) as Partial<Stage>;
        return json(200, sampleStage({ roundId: ROUND_ID, status: "open", ...body }));
      }
      if (seen.path === `/api/v1/stages/${STAGE_ID}/progress`) return json(200, { stageId: STAGE_ID, judges: [], cases: 0, complete: false });
      return null;
    });
    fireEvent.click(screen.getByRole("button", { name: "단계 설정 수정" }));
    const form = screen.getByRole("form", { name: "단계 설정" });
    expect((within(form).getByLabelText(/^채점 마감/) as HTMLInputElement).value).toBe("2099-12-05T18:00");
    fireEvent.change(within(form).getByLabelText(/^채점 마감/), { target: { value: "2099-12-12T18:00" } });
    fireEvent.change(within(form).getByLabelText(/^최종 점수 반영 비율/), { target: { value: "40" } });
    fireEvent.click(within(form).getByRole("button", { name: "저장" }));
    await screen.findByText("단계 설정을 저장했습니다.");
    const put = net.requests.find((r) => r.method === "PUT");
    expect(JSON.parse(put!.body)).toEqual({ name: "서면심사", scoringClosesAt: "2099-12-12T18:00:00+09:00", finalShare: 40 });
    expect(screen.getByText("40%")).toBeTruthy();
  });
});
