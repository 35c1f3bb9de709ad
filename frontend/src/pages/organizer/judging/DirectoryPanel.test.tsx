import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, organizer, problem } from "../../../test/fakeServer";
import { renderApp, type Handler } from "../../../test/renderApp";
import { ROUND_ID, sampleRound } from "../../../test/fixtures";
import { sampleStage, STAGE_ID } from "../../judging/testData";
import type { JudgeDirectoryEntry, Stage, StageJudge } from "../../judging/types";

const J1 = "7f1c1a60-0000-4000-8000-00000000da01";
const INHA = "7f1c1a60-0000-4000-8000-00000000db01";
const KIPA = "7f1c1a60-0000-4000-8000-00000000db02";
const seated = (userId: string, displayName: string, agency: string): StageJudge => ({
  userId,
  displayName,
  agency: { id: "7f1c1a60-0000-4000-8000-0000000000a0", name: agency },
  kind: "external",
  assigned: 0,
  submitted: 0,
});

const entry = (userId: string, displayName: string, overrides: Partial<JudgeDirectoryEntry> = {}): JudgeDirectoryEntry => ({
  userId,
  displayName,
  affiliation: { agency: { id: "7f1c1a60-0000-4000-8000-0000000000a4", name: "인천광역시" }, agencyLevel: "metropolitan" },
  fields: ["citizen_participation"],
  keywords: [],
  bio: "",
  stagesJudged: 0,
  ...overrides,
});

const inha = entry(INHA, "정우진", {
  affiliation: { agency: { id: "7f1c1a60-0000-4000-8000-0000000000a4", name: "인천광역시" }, agencyLevel: "metropolitan", department: "갈등관리 자문위원", note: "인하대학교 행정학과 교수" },
  fields: ["citizen_participation", "welfare"],
  keywords: ["주민자치", "공공갈등"],
  bio: "지방자치와 공공갈등 관리를 가르칩니다.",
  stagesJudged: 2,
});
const kipa = entry(KIPA, "이서현", {
  affiliation: { agency: { id: "7f1c1a60-0000-4000-8000-0000000000a9", name: "한국행정연구원" }, agencyLevel: "public_institution", note: "한국행정연구원 선임연구위원" },
  fields: ["administration"],
  email: "expert.kipa@demo.test",
});

async function renderJudgesTab(stage: Stage, handler: Handler) {
  let judges = [seated(J1, "박성민", "경기도")];
  const net = await renderApp(`/organizer/stages/${STAGE_ID}?tab=judges`, async (request, seen) => {
    const answer = await handler(request, seen);
    if (answer) return answer;
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (seen.path === `/api/v1/stages/${STAGE_ID}` && seen.method === "GET") return json(200, stage);
    if (seen.path === `/api/v1/rounds/${ROUND_ID}`) return json(200, sampleRound({ canManage: true }));
    if (seen.path === `/api/v1/stages/${STAGE_ID}/judges` && seen.method === "GET") return json(200, { items: judges });
    if (seen.path === `/api/v1/stages/${STAGE_ID}/judges` && seen.method === "POST") {
      const body = JSON.parse(seen.body) as { userId: string };
      const added = seated(body.userId, body.userId === INHA ? "정우진" : "이서현", "인천광역시");
      judges = [...judges, added];
      return json(201, added);
    }
    return null;
  }, organizer);
  await screen.findByRole("heading", { level: 1, name: "서면심사" });
  return net;
}

describe("stage page: judge directory", () => {
  it("searches by words and field, pages on, shows contact only when given, and appoints without choosing a kind", async () => {
    const urls: string[] = [];
    const net = await renderJudgesTab(sampleStage({ roundId: ROUND_ID, status: "setup" }), (request, seen) => {
      if (seen.path !== "/api/v1/judge-directory") return null;
      urls.push(request.url);
      const params = new URL(request.url).searchParams;
      if (params.get("cursor") === "c2") return json(200, { items: [entry(J1, "박성민"), kipa] });
      return json(200, { items: [inha], nextCursor: "c2" });
    });
    const panel = await screen.findByRole("region", { name: "심사위원 인력풀에서 찾기" });
    expect(within(panel).getByText(/이해충돌은 표시 소속이 아니라 소속 기관으로 판단합니다/)).toBeTruthy();

    fireEvent.change(within(panel).getByLabelText("검색어"), { target: { value: " 인하 " } });
    fireEvent.change(within(panel).getByLabelText("전문 분야"), { target: { value: "citizen_participation" } });
    fireEvent.click(within(panel).getByRole("button", { name: "검색" }));
    const results = await within(panel).findByRole("list", { name: "인력풀 검색 결과" });
    const first = new URL(urls[0]!).searchParams;
    expect([first.get("q"), first.get("field"), first.get("limit"), first.get("cursor")]).toEqual(["인하", "citizen_participation", "10", null]);

    const card = within(results).getByRole("listitem", { name: "정우진" });
    expect(within(card).getByText(/인천광역시 · 갈등관리 자문위원/)).toBeTruthy();
    expect(within(card).getByText(/인하대학교 행정학과 교수/)).toBeTruthy();
    expect(within(card).getByText("주민참여·협치")).toBeTruthy();
    expect(within(card).getByText("복지")).toBeTruthy();
    expect(within(card).getByText("#주민자치 #공공갈등")).toBeTruthy();
    expect(within(card).getByText(/심사 참여 2회/)).toBeTruthy();
    expect(within(card).getByText(/연락처 비공개/)).toBeTruthy();
    expect(within(card).queryByRole("link")).toBeNull();

    // The next page keeps the same search terms.
    fireEvent.click(within(panel).getByRole("button", { name: "더 보기" }));
    const kipaCard = await within(results).findByRole("listitem", { name: "이서현" });
    const second = new URL(urls[1]!).searchParams;
    expect([second.get("q"), second.get("field"), second.get("cursor")]).toEqual(["인하", "citizen_participation", "c2"]);
    expect(within(kipaCard).getByRole("link", { name: "expert.kipa@demo.test" }).getAttribute("href")).toBe("mailto:expert.kipa@demo.test");
    expect(within(panel).queryByRole("button", { name: "더 보기" })).toBeNull();
    // A judge already on the stage has no button.
    const seatedCard = within(results).getByRole("listitem", { name: "박성민" });
    expect(within(seatedCard).getByText("위촉됨")).toBeTruthy();
    expect(within(seatedCard).queryByRole("button")).toBeNull();

    fireEvent.click(within(card).getByRole("button", { name: "정우진 위촉" }));
    expect(await screen.findByText("정우진 심사위원을 위촉했습니다.")).toBeTruthy();
    const post = net.requests.find((r) => r.method === "POST" && r.path === `/api/v1/stages/${STAGE_ID}/judges`);
    expect(JSON.parse(post!.body)).toEqual({ userId: INHA });
    expect(await within(card).findByText("위촉됨")).toBeTruthy();
    const table = screen.getByRole("table", { name: /심사위원:/ });
    expect(within(table).getByText("정우진")).toBeTruthy();
  });

  it("says so when nothing matches, and explains a refusal in Korean", async () => {
    await renderJudgesTab(sampleStage({ roundId: ROUND_ID, status: "setup" }), (_request, seen) => {
      if (seen.path === "/api/v1/judge-directory") return json(200, { items: [] });
      return null;
    });
    const panel = await screen.findByRole("region", { name: "심사위원 인력풀에서 찾기" });
    fireEvent.click(within(panel).getByRole("button", { name: "검색" }));
    expect(await within(panel).findByText("조건에 맞는 심사위원이 없습니다.")).toBeTruthy();
  });

  it("shows the server's reason when an appointment is refused", async () => {
    await renderJudgesTab(sampleStage({ roundId: ROUND_ID, status: "setup" }), (_request, seen) => {
      if (seen.path === "/api/v1/judge-directory") return json(200, { items: [kipa] });
      if (seen.path === `/api/v1/stages/${STAGE_ID}/judges` && seen.method === "POST") return problem(409, "not_a_judge", "심사위원이 아닙니다");
      return null;
    });
    const panel = await screen.findByRole("region", { name: "심사위원 인력풀에서 찾기" });
    fireEvent.click(within(panel).getByRole("button", { name: "검색" }));
    fireEvent.click(await within(panel).findByRole("button", { name: "이서현 위촉" }));
    expect(await within(panel).findByText(/심사위원 역할이 있는 사용자만 위촉할 수 있습니다/)).toBeTruthy();
  });

  it("is not offered once the stage has closed", async () => {
    await renderJudgesTab(sampleStage({ roundId: ROUND_ID, status: "closed" }), () => null);
    await screen.findByRole("table", { name: /심사위원:/ });
    expect(screen.queryByRole("region", { name: "심사위원 인력풀에서 찾기" })).toBeNull();
  });
});
