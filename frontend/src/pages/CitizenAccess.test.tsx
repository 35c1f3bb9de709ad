import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Invitation, User } from "../api/types";
import { json, session } from "../test/fakeServer";
import { currentLocation, renderApp, type Handler } from "../test/renderApp";
import { JUDGED_CASE_ID, sampleJudgingCase, sampleStage, STAGE_ID } from "./judging/testData";
import type { Criterion, JudgeStage } from "./judging/types";

const HOST = { id: "7f1c1a60-0000-4000-8000-0000000000a1", name: "부천시" };

// A citizen's account: the host's agency and "국민심사단" are set by the invitation.
const citizen: User = {
  id: "7f1c1a60-0000-4000-8000-000000000c17",
  email: "lee@example.kr",
  displayName: "이시민",
  agency: HOST,
  department: "국민심사단",
  roles: [{ role: "citizen" }],
  createdAt: "2026-11-02T03:04:05Z",
};

const points = { kind: "points" as const, min: 1, max: 5, step: 1 };
const PANEL_RUBRIC: Criterion[] = [
  { id: "7f1c1a60-0000-4000-8000-00000000cc01", name: "국민 체감도", description: "시민의 삶에서 실제로 나아진 점이 느껴지는가", weight: 50, scale: points, guidance: [] },
  { id: "7f1c1a60-0000-4000-8000-00000000cc02", name: "공감·필요성", description: "우리 동네에도 필요하다고 공감하는가", weight: 30, scale: points, guidance: [] },
  { id: "7f1c1a60-0000-4000-8000-00000000cc03", name: "확산 가능성", description: "다른 지역에서도 쉽게 따라 할 수 있는가", weight: 20, scale: points, guidance: [] },
];

const DASHBOARD: { items: JudgeStage[] } = {
  items: [
    {
      stage: sampleStage({ name: "본선", criteria: PANEL_RUBRIC }),
      roundTitle: "2026 적극행정 우수사례",
      assigned: 1,
      submitted: 0,
      cases: [{ caseId: JUDGED_CASE_ID, title: "숙의기반 갈등관리 시스템", sheetStatus: "none" }],
    },
  ],
};

const common: Handler = (_request, seen) => {
  if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
  if (seen.path === "/api/v1/judging/assignments") return json(200, DASHBOARD);
  return null;
};

const navLinks = () => within(screen.getByRole("navigation", { name: "주 메뉴" })).getAllByRole("link").map((a) => a.textContent);

describe("citizen panel members in the app", () => {
  it("shows a citizen 심사 in the header and on the home page, and nothing for officers or organizers", async () => {
    await renderApp("/", common, citizen);
    expect(await screen.findByRole("heading", { level: 1, name: "이시민님, 환영합니다" })).toBeTruthy();
    expect(navLinks()).toEqual(["사례 아카이브", "국민투표", "심사"]);
    expect(screen.getByText("부천시 국민심사단")).toBeTruthy();
    const quick = screen.getByRole("heading", { level: 2, name: "바로 가기" }).closest("section")!;
    expect(within(quick).getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["심사", "사례 아카이브", "국민투표", "내 정보"]);
    for (const organizerItem of ["경진대회", "경진대회 운영", "초대", "내 팀", "내 사례"]) {
      expect(screen.queryByRole("link", { name: organizerItem })).toBeNull();
    }
    fireEvent.click(screen.getByRole("link", { name: "심사하러 가기" }));
    expect(await screen.findByRole("heading", { level: 1, name: "심사" })).toBeTruthy();
    expect(currentLocation()).toBe("/judging");
    expect(await screen.findByRole("link", { name: "숙의기반 갈등관리 시스템" })).toBeTruthy();
  });

  it("keeps a citizen out of the organizer's and officers' pages", async () => {
    await renderApp("/organizer/rounds", common, citizen);
    expect(await screen.findByRole("heading", { level: 1, name: "접근 권한이 없습니다" })).toBeTruthy();
  });

  it("scores with the panel's 1–5 rubric on the judges' scoring screen", async () => {
    await renderApp(`/judging/stages/${STAGE_ID}/cases/${JUDGED_CASE_ID}`, (request, seen) => {
      if (seen.path === `/api/v1/stages/${STAGE_ID}/cases/${JUDGED_CASE_ID}` && seen.method === "GET") {
        return json(200, sampleJudgingCase({ stage: sampleStage({ name: "본선", criteria: PANEL_RUBRIC }) }));
      }
      return common(request, seen);
    }, citizen);
    await screen.findByRole("heading", { level: 1, name: "숙의기반 갈등관리 시스템" });
    const groups = PANEL_RUBRIC.map((c) => screen.getByRole("radiogroup", { name: new RegExp(`^${c.name}`) }));
    for (const g of groups) {
      expect(within(g).getAllByRole("radio").map((r) => r.getAttribute("value"))).toEqual(["1", "2", "3", "4", "5"]);
      expect(within(g).getByText("1–5점, 1점 단위")).toBeTruthy();
    }
    expect(within(groups[0]!).getByText("시민의 삶에서 실제로 나아진 점이 느껴지는가")).toBeTruthy();
    fireEvent.click(within(groups[0]!).getByRole("radio", { name: "5점" }));
    fireEvent.click(within(groups[1]!).getByRole("radio", { name: "4점" }));
    fireEvent.click(within(groups[2]!).getByRole("radio", { name: "3점" }));
    // 50 × 4/4 + 30 × 3/4 + 20 × 2/4
    expect(await screen.findByText("82.5점")).toBeTruthy();
  });
});

describe("citizen invitation", () => {
  const invitation: Invitation = {
    id: "7f1c1a60-0000-4000-8000-0000000001a1",
    email: "lee@example.kr",
    role: "citizen",
    agency: HOST,
    department: "국민심사단",
    status: "pending",
    invitedBy: "김혜진",
    expiresAt: "2026-11-09T03:04:05Z",
    createdAt: "2026-11-02T03:04:05Z",
  };

  it("says in plain Korean what joining the panel means, makes the account and goes to 심사", async () => {
    const net = await renderApp("/invite/tok-citizen-1", (request, seen) => {
      if (seen.path === "/api/v1/invitations/tok-citizen-1") return json(200, invitation);
      if (seen.path === "/api/v1/invitations/tok-citizen-1/accept") return json(201, session("c1", citizen));
      return common(request, seen);
    });
    expect(await screen.findByRole("heading", { level: 1, name: "국민심사단 초대" })).toBeTruthy();
    expect(screen.getByText(/^국민심사단으로 초대되었습니다\. 계정을 만들면 공공기관의 혁신 사례를 읽고 간단한 평가표로 점수를 매길 수 있습니다\./)).toBeTruthy();
    const details = Object.fromEntries(
      [...document.querySelectorAll("dl.detail-list > div")].map((d) => [d.querySelector("dt")!.textContent, d.querySelector("dd")!.textContent]),
    );
    expect(details).toMatchObject({ "주관 기관": "부천시", 역할: "국민심사단", 이메일: "lee@example.kr" });
    const steps = screen.getByRole("heading", { level: 2, name: "참여 방법" }).closest("section")!;
    expect(within(steps).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "이름과 비밀번호를 정해 계정을 만듭니다.",
      "심사 화면에서 배정된 사례를 읽습니다.",
      "평가표의 항목마다 점수를 골라 제출합니다.",
    ]);
    expect(screen.queryByLabelText(/^부서/)).toBeNull();

    fireEvent.change(screen.getByLabelText(/^이름/), { target: { value: "이시민" } });
    fireEvent.change(document.getElementById("invite-password")!, { target: { value: "citizen-pass-2026" } });
    fireEvent.change(screen.getByLabelText(/^비밀번호 확인/), { target: { value: "citizen-pass-2026" } });
    fireEvent.click(screen.getByRole("button", { name: "계정 만들고 심사 시작하기" }));
    expect(await screen.findByRole("heading", { level: 1, name: "심사" })).toBeTruthy();
    expect(currentLocation()).toBe("/judging");
    expect(JSON.parse(net.requests.find((r) => r.path === "/api/v1/invitations/tok-citizen-1/accept")!.body)).toEqual({
      displayName: "이시민",
      password: "citizen-pass-2026",
      department: "국민심사단",
    });
    expect(navLinks()).toEqual(["사례 아카이브", "국민투표", "심사"]);
  });

  it("keeps the usual wording for officers' invitations", async () => {
    await renderApp("/invite/tok-judge-1", (request, seen) =>
      seen.path === "/api/v1/invitations/tok-judge-1" ? json(200, { ...invitation, role: "judge", department: "자치행정과" }) : common(request, seen),
    );
    expect(await screen.findByRole("heading", { level: 1, name: "초대 수락" })).toBeTruthy();
    expect(screen.queryByText(/국민심사단으로 초대되었습니다/)).toBeNull();
    expect(screen.getByLabelText(/^부서/)).toBeTruthy();
  });
});
