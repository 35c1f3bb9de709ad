import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, organizer, problem } from "../../../test/fakeServer";
import { renderApp, type Handler } from "../../../test/renderApp";
import { ROUND_ID, sampleRound } from "../../../test/fixtures";
import { sampleStage, STAGE_ID } from "../../judging/testData";
import type { Criterion, PanelMember, PublicResults, RoundResults, Stage, StagePanel, StagePanelInput } from "../../judging/types";

const PANEL = `/api/v1/stages/${STAGE_ID}/panel`;
const MEMBERS = `${PANEL}/members`;
const CASE_A = "7f1c1a60-0000-4000-8000-00000000ca01";
const CASE_B = "7f1c1a60-0000-4000-8000-00000000ca02";

const points = { kind: "points" as const, min: 1, max: 5, step: 1 };
const PANEL_RUBRIC: Criterion[] = [
  { id: "7f1c1a60-0000-4000-8000-00000000cc01", name: "국민 체감도", description: "시민의 삶에서 실제로 나아진 점이 느껴지는가", weight: 50, scale: points, guidance: [] },
  { id: "7f1c1a60-0000-4000-8000-00000000cc02", name: "공감·필요성", description: "우리 동네에도 필요하다고 공감하는가", weight: 30, scale: points, guidance: [] },
  { id: "7f1c1a60-0000-4000-8000-00000000cc03", name: "확산 가능성", description: "다른 지역에서도 쉽게 따라 할 수 있는가", weight: 20, scale: points, guidance: [] },
];

const member = (overrides: Partial<PanelMember> = {}): PanelMember => ({
  email: "kim@example.kr",
  displayName: "김국민",
  joined: true,
  assigned: 4,
  submitted: 1,
  ...overrides,
});

const stagePanel = (overrides: Partial<StagePanel> = {}): StagePanel => ({
  stageId: STAGE_ID,
  share: 0,
  criteria: [],
  members: [],
  ...overrides,
});

async function renderPanelTab(stage: Stage, panel: StagePanel, handler: Handler = () => null) {
  const net = await renderApp(`/organizer/stages/${STAGE_ID}?tab=panel`, async (request, seen) => {
    const answer = await handler(request, seen);
    if (answer) return answer;
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (seen.path === `/api/v1/stages/${STAGE_ID}` && seen.method === "GET") return json(200, stage);
    if (seen.path === `/api/v1/rounds/${ROUND_ID}`) return json(200, sampleRound({ canManage: true }));
    if (seen.path === PANEL && seen.method === "GET") return json(200, panel);
    return null;
  }, organizer);
  await screen.findByRole("heading", { level: 2, name: "국민심사단" });
  return net;
}

const facts = () =>
  Object.fromEntries(
    [...document.querySelectorAll(".citizen-panel > dl.detail-list > div")].map((d) => [d.querySelector("dt")!.textContent, d.querySelector("dd")!.textContent]),
  );
const rubricRows = () =>
  within(screen.getByRole("table", { name: /^국민심사단 평가표/ }))
    .getAllByRole("row")
    .slice(1)
    .map((r) => [...r.children].map((c) => c.textContent));

describe("stage page: citizen panel tab", () => {
  it("sets the panel's share within the room the public vote leaves, with the server's shares_over_100 next to the field", async () => {
    let puts = 0;
    const net = await renderPanelTab(sampleStage({ roundId: ROUND_ID, status: "setup", voteShare: 20 }), stagePanel(), (_request, seen) => {
      if (seen.method !== "PUT" || seen.path !== PANEL) return null;
      puts++;
      // Meanwhile the vote's share went up to 40.
      if (puts === 1) {
        return problem(400, "validation_failed", "입력값을 확인해 주세요.", [
          { field: "share", code: "shares_over_100", message: "국민심사단과 국민투표 비율의 합은 100%를 넘을 수 없습니다. (최대 60%)" },
        ]);
      }
      const body = JSON.parse(seen.body) as StagePanelInput;
      return json(200, stagePanel({ share: body.share, criteria: PANEL_RUBRIC }));
    });
    expect(screen.getByRole("tab", { name: "국민심사단", selected: true })).toBeTruthy();
    expect(facts()).toEqual({
      "국민심사단 반영 비율": "단계 점수의 0%",
      "국민투표 반영 비율": "단계 점수의 20%",
      "심사위원 점수 비율": "단계 점수의 80%",
      위원: "0명 초대 · 0명 가입",
    });
    const form = screen.getByRole("form", { name: "점수 반영 비율" });
    const share = within(form).getByLabelText(/^국민심사단 반영 비율 \(%\)/);
    expect(within(form).getByText("국민투표가 20%를 반영하므로 80%까지 정할 수 있습니다. 나머지는 심사위원 점수입니다.")).toBeTruthy();

    fireEvent.change(share, { target: { value: "85" } });
    fireEvent.click(within(form).getByRole("button", { name: "저장" }));
    expect(await within(form).findByText("국민투표 반영 비율 20%와 합쳐 100%를 넘을 수 없습니다. 80% 이하로 입력하세요.")).toBeTruthy();
    expect(share.getAttribute("aria-invalid")).toBe("true");
    expect(net.requests.some((r) => r.method === "PUT")).toBe(false);

    fireEvent.change(share, { target: { value: "70" } });
    fireEvent.click(within(form).getByRole("button", { name: "저장" }));
    expect(await within(form).findByText("국민심사단과 국민투표 비율의 합은 100%를 넘을 수 없습니다. (최대 60%)")).toBeTruthy();
    expect(share.getAttribute("aria-invalid")).toBe("true");
    expect(within(form).getByRole("alert").textContent).toContain("입력값을 확인해 주세요.");

    fireEvent.change(share, { target: { value: "30" } });
    fireEvent.click(within(form).getByRole("button", { name: "저장" }));
    await screen.findByText("국민심사단 반영 비율을 저장했습니다.");
    expect(JSON.parse(net.requests.filter((r) => r.method === "PUT").at(-1)!.body)).toEqual({ share: 30 });
    expect(facts()).toMatchObject({ "국민심사단 반영 비율": "단계 점수의 30%", "심사위원 점수 비율": "단계 점수의 50%" });
  });

  it("shows the default rubric until one is set, and edits it before the stage opens", async () => {
    let puts = 0;
    const net = await renderPanelTab(sampleStage({ roundId: ROUND_ID, status: "setup" }), stagePanel({ share: 30 }), (_request, seen) => {
      if (seen.method !== "PUT" || seen.path !== PANEL) return null;
      puts++;
      if (puts === 1) {
        return problem(400, "validation_failed", "입력값을 확인해 주세요.", [
          { field: "criteria[3].name", code: "max", message: "50자 이하로 입력하세요." },
        ]);
      }
      const body = JSON.parse(seen.body) as StagePanelInput;
      return json(200, stagePanel({
        share: body.share,
        criteria: (body.criteria ?? []).map((c, i) => ({ ...c, id: `7f1c1a60-0000-4000-8000-00000000cd0${i}`, guidance: [] })),
      }));
    });
    expect(screen.getByText("따로 정하지 않아 기본 평가표가 적용됩니다.")).toBeTruthy();
    expect(rubricRows()).toEqual([
      ["국민 체감도", "시민의 삶에서 실제로 나아진 점이 느껴지는가", "50", "1–5점"],
      ["공감·필요성", "우리 동네에도 필요하다고 공감하는가", "30", "1–5점"],
      ["확산 가능성", "다른 지역에서도 쉽게 따라 할 수 있는가", "20", "1–5점"],
    ]);

    fireEvent.click(screen.getByRole("button", { name: "평가표 수정" }));
    const editor = screen.getByRole("form", { name: "국민심사단 평가표 수정" });
    const item = (n: number) => within(editor).getByRole("group", { name: `${n}번 항목` });
    expect(within(editor).getAllByRole("group")).toHaveLength(3);
    fireEvent.change(within(item(1)).getByLabelText(/^가중치/), { target: { value: "40" } });
    expect(within(editor).getByText(/합계 90/)).toBeTruthy();
    fireEvent.click(within(editor).getByRole("button", { name: "항목 추가" }));
    fireEvent.change(within(item(4)).getByLabelText(/^항목 이름/), { target: { value: "국민 체감도" } });
    fireEvent.change(within(item(4)).getByLabelText(/^가중치/), { target: { value: "10" } });
    fireEvent.change(within(item(4)).getByLabelText(/^최고점/), { target: { value: "1" } });
    fireEvent.click(within(editor).getByRole("button", { name: "평가표 저장" }));
    expect(await within(item(4)).findByText("같은 이름의 항목이 이미 있습니다.")).toBeTruthy();
    expect(within(item(4)).getByText("최저점보다 큰 정수(100 이하)를 입력하세요.")).toBeTruthy();
    expect(net.requests.some((r) => r.method === "PUT")).toBe(false);

    fireEvent.change(within(item(4)).getByLabelText(/^항목 이름/), { target: { value: "이해하기 쉬움" } });
    fireEvent.change(within(item(4)).getByLabelText(/^설명/), { target: { value: " 처음 보는 사람도 알 수 있는가 " } });
    fireEvent.change(within(item(4)).getByLabelText(/^최고점/), { target: { value: "5" } });
    fireEvent.click(within(editor).getByRole("button", { name: "평가표 저장" }));
    // The server's message goes next to the field it names.
    expect(await within(item(4)).findByText("50자 이하로 입력하세요.")).toBeTruthy();
    expect(within(item(4)).getByLabelText(/^항목 이름/).getAttribute("aria-invalid")).toBe("true");

    fireEvent.click(within(editor).getByRole("button", { name: "평가표 저장" }));
    await screen.findByText("국민심사단 평가표를 저장했습니다.");
    expect(JSON.parse(net.requests.filter((r) => r.method === "PUT").at(-1)!.body)).toEqual({
      share: 30,
      criteria: [
        { name: "국민 체감도", description: "시민의 삶에서 실제로 나아진 점이 느껴지는가", weight: 40, scale: points },
        { name: "공감·필요성", description: "우리 동네에도 필요하다고 공감하는가", weight: 30, scale: points },
        { name: "확산 가능성", description: "다른 지역에서도 쉽게 따라 할 수 있는가", weight: 20, scale: points },
        { name: "이해하기 쉬움", description: "처음 보는 사람도 알 수 있는가", weight: 10, scale: points },
      ],
    });
    expect(screen.queryByRole("form", { name: "국민심사단 평가표 수정" })).toBeNull();
    expect(screen.queryByText("따로 정하지 않아 기본 평가표가 적용됩니다.")).toBeNull();
    expect(rubricRows().map((r) => [r[0], r[2]])).toEqual([
      ["국민 체감도", "40"],
      ["공감·필요성", "30"],
      ["확산 가능성", "20"],
      ["이해하기 쉬움", "10"],
    ]);
  });

  it("says in Korean that the rubric is fixed when the server answers judging_frozen", async () => {
    await renderPanelTab(sampleStage({ roundId: ROUND_ID, status: "setup" }), stagePanel({ criteria: PANEL_RUBRIC }), (_request, seen) =>
      seen.method === "PUT" && seen.path === PANEL ? problem(409, "judging_frozen", "Judging has started.") : null,
    );
    fireEvent.click(screen.getByRole("button", { name: "평가표 수정" }));
    const editor = screen.getByRole("form", { name: "국민심사단 평가표 수정" });
    fireEvent.click(within(editor).getByRole("button", { name: "평가표 저장" }));
    expect((await within(editor).findByRole("alert")).textContent).toBe("심사가 시작되어 국민심사단 평가표는 바꿀 수 없습니다.");
  });

  it("hides the rubric editor once the stage is open, and keeps the share and invitations", async () => {
    await renderPanelTab(sampleStage({ roundId: ROUND_ID, status: "open" }), stagePanel({ share: 30, criteria: PANEL_RUBRIC, members: [member()] }));
    expect(rubricRows().map((r) => r[0])).toEqual(["국민 체감도", "공감·필요성", "확산 가능성"]);
    expect(screen.queryByRole("button", { name: "평가표 수정" })).toBeNull();
    expect(screen.queryByRole("form", { name: "국민심사단 평가표 수정" })).toBeNull();
    expect(screen.getByText("심사가 시작되어 평가표는 바꿀 수 없습니다. 반영 비율과 위원 초대는 계속할 수 있습니다.")).toBeTruthy();
    expect(screen.getByRole("form", { name: "점수 반영 비율" })).toBeTruthy();
    expect(screen.getByRole("form", { name: "위원 초대" })).toBeTruthy();
    expect(screen.getByText(/심사 중에 합류한 위원에게도 바로 모든 사례가 배정됩니다/)).toBeTruthy();
  });

  it("invites a new address by e-mail and shows the invitation link to pass on", async () => {
    let members: PanelMember[] = [member()];
    const net = await renderPanelTab(sampleStage({ roundId: ROUND_ID, status: "open" }), stagePanel({ criteria: PANEL_RUBRIC, members }), (_request, seen) => {
      if (seen.path === PANEL && seen.method === "GET") return json(200, stagePanel({ criteria: PANEL_RUBRIC, members }));
      if (seen.path !== MEMBERS || seen.method !== "POST") return null;
      const { email } = JSON.parse(seen.body) as { email: string };
      members = [...members, member({ email, displayName: "", joined: false, assigned: 0, submitted: 0 })];
      return json(201, { email, displayName: "", joined: false, assigned: 0, submitted: 0, inviteToken: "tok-citizen-1" });
    });
    const form = screen.getByRole("form", { name: "위원 초대" });
    const email = within(form).getByLabelText(/^이메일 주소/);
    fireEvent.change(email, { target: { value: "lee@example" } });
    fireEvent.click(within(form).getByRole("button", { name: "초대하기" }));
    expect(await within(form).findByText("올바른 이메일 주소를 입력하세요.")).toBeTruthy();
    expect(net.requests.some((r) => r.path === MEMBERS)).toBe(false);

    fireEvent.change(email, { target: { value: " lee@example.kr " } });
    fireEvent.click(within(form).getByRole("button", { name: "초대하기" }));
    expect(await screen.findByText("lee@example.kr(으)로 초대 메일을 보냈습니다. 메일이 오지 않으면 아래 초대 링크를 직접 전달하세요.")).toBeTruthy();
    expect(JSON.parse(net.requests.find((r) => r.path === MEMBERS)!.body)).toEqual({ email: "lee@example.kr" });
    expect((screen.getByLabelText("초대 링크") as HTMLInputElement).value).toBe(`${window.location.origin}/invite/tok-citizen-1`);
    expect(screen.getByRole("button", { name: "링크 복사" })).toBeTruthy();
    expect((email as HTMLInputElement).value).toBe("");

    const table = await screen.findByRole("table", { name: /^국민심사단 위원/ });
    await within(table).findByText("lee@example.kr");
    expect(within(table).getAllByRole("row").slice(1).map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ["kim@example.kr", "김국민", "가입 완료", "1 / 4건 제출", "위촉 철회"],
      ["lee@example.kr", "–", "가입 전 (초대 중)", "–", "위촉 철회"],
    ]);
    expect(facts()).toMatchObject({ 위원: "2명 초대 · 1명 가입" });
  });

  it("seats someone with an account at once and shows 가입 완료", async () => {
    let members: PanelMember[] = [];
    await renderPanelTab(sampleStage({ roundId: ROUND_ID, status: "open" }), stagePanel({ criteria: PANEL_RUBRIC }), (_request, seen) => {
      if (seen.path === PANEL && seen.method === "GET") return json(200, stagePanel({ criteria: PANEL_RUBRIC, members }));
      if (seen.path !== MEMBERS || seen.method !== "POST") return null;
      members = [member({ email: "park@example.kr", displayName: "박시민", assigned: 5, submitted: 0 })];
      return json(201, { email: "park@example.kr", displayName: "", joined: true, assigned: 0, submitted: 0 });
    });
    expect(screen.getByText("아직 초대한 위원이 없습니다.")).toBeTruthy();
    const form = screen.getByRole("form", { name: "위원 초대" });
    fireEvent.change(within(form).getByLabelText(/^이메일 주소/), { target: { value: "park@example.kr" } });
    fireEvent.click(within(form).getByRole("button", { name: "초대하기" }));
    expect(await screen.findByText("park@example.kr 님은 이미 계정이 있어 바로 국민심사단에 합류했습니다.")).toBeTruthy();
    expect(screen.queryByLabelText("초대 링크")).toBeNull();
    const table = await screen.findByRole("table", { name: /^국민심사단 위원/ });
    expect(within(table).getAllByRole("row").slice(1).map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ["park@example.kr", "박시민", "가입 완료", "0 / 5건 제출", "위촉 철회"],
    ]);
  });

  it("withdraws a seat after confirming, and says what happens to a joined member's sheets", async () => {
    const net = await renderPanelTab(
      sampleStage({ roundId: ROUND_ID, status: "open" }),
      stagePanel({ share: 30, criteria: PANEL_RUBRIC, members: [member(), member({ email: "lee@example.kr", displayName: "", joined: false, assigned: 0, submitted: 0 })] }),
      (_request, seen) =>
        seen.path === `${MEMBERS}/withdraw` && seen.method === "POST"
          ? json(200, stagePanel({ share: 30, criteria: PANEL_RUBRIC, members: [member({ email: "lee@example.kr", displayName: "", joined: false, assigned: 0, submitted: 0 })] }))
          : null,
    );
    fireEvent.click(screen.getByRole("button", { name: "kim@example.kr 위촉 철회" }));
    const dialog = await screen.findByRole("dialog", { name: "국민심사단 위촉을 철회할까요?" });
    expect(dialog.textContent).toContain("이미 제출한 평가표는 기록으로 남지만 국민심사단 점수에는 반영되지 않습니다");
    fireEvent.click(within(dialog).getByRole("button", { name: "위촉 철회" }));
    expect(await screen.findByText("kim@example.kr 님의 국민심사단 위촉을 철회했습니다.")).toBeTruthy();
    const post = net.requests.find((r) => r.method === "POST" && r.path === `${MEMBERS}/withdraw`);
    expect(JSON.parse(post!.body)).toEqual({ email: "kim@example.kr" });
    const table = screen.getByRole("table", { name: /^국민심사단 위원/ });
    expect(within(table).queryByText("kim@example.kr")).toBeNull();
    // A seat not taken yet: withdrawing it cancels the invitation.
    fireEvent.click(within(table).getByRole("button", { name: "lee@example.kr 위촉 철회" }));
    expect((await screen.findByRole("dialog", { name: "국민심사단 위촉을 철회할까요?" })).textContent).toContain("초대를 취소하고 자리를 비웁니다");
  });

  it("shows already_invited next to the address", async () => {
    await renderPanelTab(sampleStage({ roundId: ROUND_ID, status: "setup" }), stagePanel({ members: [member()] }), (_request, seen) =>
      seen.path === MEMBERS && seen.method === "POST"
        ? problem(400, "validation_failed", "입력값을 확인해 주세요.", [{ field: "email", code: "already_invited", message: "이미 초대한 주소입니다." }])
        : null,
    );
    const form = screen.getByRole("form", { name: "위원 초대" });
    const email = within(form).getByLabelText(/^이메일 주소/);
    fireEvent.change(email, { target: { value: "KIM@example.kr" } });
    fireEvent.click(within(form).getByRole("button", { name: "초대하기" }));
    expect(await within(form).findByText("이미 초대한 주소입니다.")).toBeTruthy();
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect((email as HTMLInputElement).value).toBe("KIM@example.kr");
  });

  it("only shows the panel once the stage is closed", async () => {
    await renderPanelTab(sampleStage({ roundId: ROUND_ID, status: "closed" }), stagePanel({ share: 30, criteria: PANEL_RUBRIC, members: [member({ submitted: 4 })] }));
    expect(screen.getByText("심사 단계가 마감되어 국민심사단 설정을 바꾸거나 위원을 초대할 수 없습니다.")).toBeTruthy();
    expect(screen.queryByRole("form")).toBeNull();
    expect(screen.queryByRole("button", { name: "평가표 수정" })).toBeNull();
    expect(screen.getByRole("table", { name: /^국민심사단 위원/ }).textContent).toContain("4 / 4건 제출");
  });
});

// 적극행정 finals: experts 50 %, citizen panel 30 %, online vote 20 %.
const PARTS = { judgeScore: 80, judgeShare: 50, panelScore: 72.5, panelShare: 30, votes: 14, voteScore: 100, voteShare: 20 };

describe("results with a citizen panel", () => {
  it("shows the organizer the panel's score and share in each stage's parts, with the panel in the formula", async () => {
    const results: RoundResults = {
      roundId: ROUND_ID,
      method: "mean",
      ready: true,
      published: false,
      total: 1,
      awardedCount: 0,
      prizeTotalKrw: 0,
      rows: [
        {
          caseId: CASE_A, title: "세입 고지서 전자 발송", team: { id: "7f1c1a60-0000-4000-8000-0000000000f1", name: "세정과 혁신팀", kind: "department" },
          rank: 1, score: 81.75, stageReached: "본선", overridden: false,
          stageScores: [{ stage: "본선", score: 81.75, components: PARTS }],
        },
        {
          caseId: CASE_B, title: "숙의기반 갈등관리 시스템", team: { id: "7f1c1a60-0000-4000-8000-0000000000f2", name: "갈등관리팀", kind: "department" },
          rank: 2, score: 78.9, stageReached: "본선", overridden: false,
          stageScores: [{ stage: "본선", score: 78.9, components: { ...PARTS, judgeShare: 70, voteShare: 0, votes: 0, voteScore: 0, panelScore: 65 } }],
        },
      ],
    };
    await renderApp(`/organizer/rounds/${ROUND_ID}/results`, (_request, seen) => {
      if (seen.path === `/api/v1/rounds/${ROUND_ID}`) return json(200, sampleRound({ canManage: true }));
      if (seen.path === `/api/v1/rounds/${ROUND_ID}/results`) return json(200, results);
      if (seen.path === `/api/v1/rounds/${ROUND_ID}/objections`) return json(200, { items: [] });
      if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
      return null;
    }, organizer);
    expect(await screen.findByText("본선: 심사위원 점수 80 · 득표 14표 · 투표 점수 100 · 반영 비율 20% · 국민심사단 점수 72.5 (반영 비율 30%)")).toBeTruthy();
    expect(screen.getByText("본선: 심사위원 점수 80 · 국민심사단 점수 65 (반영 비율 30%)")).toBeTruthy();
    expect(screen.getByText(/^단계 점수 = 심사위원 점수 × 심사위원 비율% \+ 국민심사단 점수 × 국민심사단 비율% \+ 투표 점수/)).toBeTruthy();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("publishes the panel's score and share in their own columns", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-05T00:00:00Z"));
    const results: PublicResults = {
      roundId: ROUND_ID, title: "2026 적극행정 우수사례", method: "mean", tieBreaks: [], stage: "본선", criteria: [], publishedAt: "2026-06-01T01:00:00Z",
      objectionsCloseAt: "2026-06-08T01:00:00Z",
      cases: [{ caseId: CASE_A, title: "수입금 처리 방식 개선", rank: 1, score: 81.75, scores: [], components: PARTS }],
    };
    await renderApp(`/results/${ROUND_ID}`, (_request, seen) =>
      seen.path === `/api/v1/public/rounds/${ROUND_ID}/results` ? json(200, results) : null,
    );
    const table = await screen.findByRole("table", { name: /^국민심사단·국민투표 반영/ });
    expect([...within(table).getAllByRole("row")[0]!.children].map((c) => c.textContent)).toEqual([
      "사례", "심사위원 점수", "국민심사단 점수", "국민심사단 반영 비율", "득표수", "투표 점수", "투표 반영 비율", "단계 점수",
    ]);
    expect([...within(table).getAllByRole("row")[1]!.children].map((c) => c.textContent)).toEqual([
      "수입금 처리 방식 개선", "80", "72.5", "30%", "14", "100", "20%", "81.75",
    ]);
    expect(screen.getByText(/^단계 점수 = .*국민심사단 점수 × 국민심사단 비율%/)).toBeTruthy();
    // 01:00 UTC is 10:00 in Korea.
    expect(screen.getByText("이의신청 기간: 2026년 6월 8일 10:00까지")).toBeTruthy();
  });

  it("leaves the vote's columns out when only the panel has a share", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-08T01:00:00Z"));
    const panelOnly = { ...PARTS, judgeShare: 70, votes: 0, voteScore: 0, voteShare: 0 };
    const results: PublicResults = {
      roundId: ROUND_ID, title: "2026 적극행정 우수사례", method: "mean", tieBreaks: [], stage: "본선", criteria: [], publishedAt: "2026-06-01T01:00:00Z",
      objectionsCloseAt: "2026-06-08T01:00:00Z",
      cases: [{ caseId: CASE_A, title: "수입금 처리 방식 개선", rank: 1, score: 77.75, scores: [], components: panelOnly }],
    };
    await renderApp(`/results/${ROUND_ID}`, (_request, seen) =>
      seen.path === `/api/v1/public/rounds/${ROUND_ID}/results` ? json(200, results) : null,
    );
    const table = await screen.findByRole("table", { name: /^국민심사단 반영:/ });
    expect([...within(table).getAllByRole("row")[1]!.children].map((c) => c.textContent)).toEqual(["수입금 처리 방식 개선", "80", "72.5", "30%", "77.75"]);
    expect(screen.getByText(/^국민심사단이 있는 단계의 점수 = 심사위원 점수 × \(100 − 국민심사단 반영 비율\)%/)).toBeTruthy();
    // The window ends at its closing instant, as the server's check does.
    expect(screen.getByText("이의신청 기간이 끝났습니다")).toBeTruthy();
    expect(screen.queryByText(/^이의신청 기간:/)).toBeNull();
  });

  it("shows 심사단 점수 없음, not 0, for a case no panel member scored, blended without the panel", async () => {
    const panelOnly = { ...PARTS, judgeShare: 70, votes: 0, voteScore: 0, voteShare: 0 };
    const results: PublicResults = {
      roundId: ROUND_ID, title: "2026 적극행정 우수사례", method: "mean", tieBreaks: [], stage: "본선", criteria: [], publishedAt: "2026-06-01T01:00:00Z",
      objectionsCloseAt: "2026-06-08T01:00:00Z",
      cases: [
        { caseId: CASE_A, title: "민원 대기 줄이기", rank: 1, score: 77.2222, scores: [], components: { ...panelOnly, judgeScore: 77.2222, panelScore: null } },
        { caseId: CASE_B, title: "복지 알림 서비스", rank: 2, score: 68.1111, scores: [], components: { ...panelOnly, judgeScore: 54.4444, panelScore: 100 } },
      ],
    };
    await renderApp(`/results/${ROUND_ID}`, (_request, seen) =>
      seen.path === `/api/v1/public/rounds/${ROUND_ID}/results` ? json(200, results) : null,
    );
    const table = await screen.findByRole("table", { name: /^국민심사단 반영:/ });
    const rows = within(table).getAllByRole("row").slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ["민원 대기 줄이기", "77.22", "심사단 점수 없음", "30%", "77.2222"],
      ["복지 알림 서비스", "54.44", "100", "30%", "68.1111"],
    ]);
    expect(screen.getByText(/^‘심사단 점수 없음’은 국민심사단 누구도 채점하지 않은 사례입니다/)).toBeTruthy();
  });
});
