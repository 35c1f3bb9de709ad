import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, organizer, problem } from "../../../test/fakeServer";
import { renderApp, type Handler } from "../../../test/renderApp";
import { ROUND_ID, sampleRound } from "../../../test/fixtures";
import { sampleStage, STAGE_ID } from "../../judging/testData";
import type { PublicResults, RoundResults } from "../../judging/types";
import { CASE_BILL, CASE_DELIB, stageVote, voteReport } from "../../vote/testData";
import type { StageVote, StageVoteInput } from "../../vote/types";

const VOTE = `/api/v1/stages/${STAGE_ID}/vote`;

async function renderVoteTab(vote: StageVote, handler: Handler = () => null) {
  const net = await renderApp(`/organizer/stages/${STAGE_ID}?tab=vote`, async (request, seen) => {
    const answer = await handler(request, seen);
    if (answer) return answer;
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (seen.path === `/api/v1/stages/${STAGE_ID}` && seen.method === "GET") return json(200, sampleStage({ roundId: ROUND_ID, status: "open" }));
    if (seen.path === `/api/v1/rounds/${ROUND_ID}`) return json(200, sampleRound({ canManage: true }));
    if (seen.path === VOTE && seen.method === "GET") return json(200, vote);
    if (seen.path === `${VOTE}/report`) return json(200, voteReport({ vote }));
    return null;
  }, organizer);
  await screen.findByRole("heading", { level: 2, name: "온라인 국민투표" });
  return net;
}

describe("stage page: public vote tab", () => {
  it("configures a new vote in Korea time with the share, and shows the server's field errors", async () => {
    let attempt = 0;
    const net = await renderVoteTab(
      stageVote({ configured: false, status: "not_configured", opensAt: undefined, closesAt: undefined, maxChoices: 1, showCounts: false, voteShare: 0, intro: "" }),
      (_request, seen) => {
        if (seen.method !== "PUT" || seen.path !== VOTE) return null;
        attempt++;
        if (attempt === 1) {
          return problem(400, "validation_failed", "입력값을 확인해 주세요.", [
            { field: "closesAt", code: "after_vote_opens", message: "투표 시작보다 늦어야 합니다." },
          ]);
        }
        const body = JSON.parse(seen.body) as StageVoteInput;
        return json(200, stageVote({ ...body, status: "scheduled", configured: true, ballots: 0, intro: body.intro ?? "" }));
      },
    );
    expect(screen.getByRole("tab", { name: "국민투표", selected: true })).toBeTruthy();
    expect(screen.getByText(/아직 국민투표를 설정하지 않았습니다/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "지금 시작" })).toBeNull();
    const form = screen.getByRole("form", { name: "투표 설정" });
    fireEvent.change(within(form).getByLabelText(/^투표 시작/), { target: { value: "2099-11-02T09:00" } });
    fireEvent.change(within(form).getByLabelText(/^투표 마감/), { target: { value: "2099-11-20T18:00" } });
    fireEvent.change(within(form).getByLabelText(/^1인당 선택 수/), { target: { value: "2" } });
    fireEvent.change(within(form).getByLabelText(/^단계 점수 반영 비율/), { target: { value: "20" } });
    fireEvent.click(within(form).getByLabelText("투표 중에 득표수를 공개합니다"));
    fireEvent.change(within(form).getByLabelText(/^안내 문구/), { target: { value: "  결선 진출 사례에 투표해 주세요. " } });
    fireEvent.click(within(form).getByRole("button", { name: "저장" }));

    const closes = within(form).getByLabelText(/^투표 마감/);
    expect(await within(form).findByText("투표 시작보다 늦어야 합니다.")).toBeTruthy();
    expect(closes.getAttribute("aria-invalid")).toBe("true");
    expect(within(form).getByRole("alert").textContent).toContain("입력값을 확인해 주세요.");

    fireEvent.click(within(form).getByRole("button", { name: "저장" }));
    await screen.findByText("국민투표 설정을 저장했습니다.");
    const put = net.requests.filter((r) => r.method === "PUT").at(-1)!;
    expect(JSON.parse(put.body)).toEqual({
      opensAt: "2099-11-02T09:00:00+09:00",
      closesAt: "2099-11-20T18:00:00+09:00",
      maxChoices: 2,
      showCounts: true,
      voteShare: 20,
      intro: "결선 진출 사례에 투표해 주세요.",
    });
    expect(screen.getByText("투표 예정")).toBeTruthy();
    expect(screen.getByRole("button", { name: "지금 시작" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "공개 투표 페이지 보기" }).getAttribute("href")).toBe(`/votes/${STAGE_ID}`);
  });

  it("checks the window locally and keeps the rules locked once ballots are in", async () => {
    const net = await renderVoteTab(stageVote({ ballots: 41, opensAt: "2099-11-02T00:00:07.5Z" }), (_request, seen) =>
      seen.method === "PUT" && seen.path === VOTE ? json(200, stageVote({ ballots: 41, closesAt: "2099-11-21T18:00:00+09:00" })) : null,
    );
    const form = screen.getByRole("form", { name: "투표 설정" });
    expect(within(form).getByText(/이미 투표가 시작되어 시작 시각, 선택 수, 득표수 공개 여부는 바꿀 수 없습니다/)).toBeTruthy();
    expect((within(form).getByLabelText(/^투표 시작/) as HTMLInputElement).disabled).toBe(true);
    expect((within(form).getByLabelText(/^1인당 선택 수/) as HTMLInputElement).disabled).toBe(true);

    fireEvent.change(within(form).getByLabelText(/^투표 마감/), { target: { value: "2099-11-01T18:00" } });
    fireEvent.click(within(form).getByRole("button", { name: "저장" }));
    expect(await within(form).findByText("마감은 시작보다 늦어야 합니다.")).toBeTruthy();
    expect(net.requests.some((r) => r.method === "PUT")).toBe(false);

    fireEvent.change(within(form).getByLabelText(/^투표 마감/), { target: { value: "2099-11-21T18:00" } });
    fireEvent.click(within(form).getByRole("button", { name: "저장" }));
    await screen.findByText("국민투표 설정을 저장했습니다.");
    // The opening time goes back exactly as the server has it, seconds included.
    expect(JSON.parse(net.requests.find((r) => r.method === "PUT")!.body)).toMatchObject({
      opensAt: "2099-11-02T00:00:07.5Z",
      closesAt: "2099-11-21T18:00:00+09:00",
    });
  });

  it("closes an open vote now, after confirming", async () => {
    const net = await renderVoteTab(stageVote(), (_request, seen) =>
      seen.method === "POST" && seen.path === `${VOTE}/close` ? json(200, stageVote({ status: "closed" })) : null,
    );
    fireEvent.click(screen.getByRole("button", { name: "지금 마감" }));
    const dialog = await screen.findByRole("dialog", { name: "투표를 지금 마감할까요?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "지금 마감" }));
    await screen.findByText("투표를 마감했습니다.");
    expect(net.requests.some((r) => r.method === "POST" && r.path === `${VOTE}/close`)).toBe(true);
    expect(screen.getByText("투표 마감")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "지금 마감" })).toBeNull();
  });

  it("reports counts, vote scores, ballots by method and flags the fraud signals", async () => {
    await renderVoteTab(stageVote({ ballots: 41 }));
    const report = await screen.findByRole("region", { name: "투표 현황" });
    const counts = await within(report).findByRole("table", { name: "사례별 득표: 사례, 득표수, 투표 점수" });
    expect(within(counts).getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual([
      "세입 고지서 전자 발송30100",
      "숙의기반 갈등관리 시스템1240",
      "공영주차장 공유 예약00",
    ]);
    const facts = Object.fromEntries(
      [...report.querySelectorAll("dl.detail-list > div")].map((d) => [d.querySelector("dt")!.textContent, d.querySelector("dd")!.textContent]),
    );
    expect(facts).toEqual({ "전체 투표": "41명", "이메일 인증 투표": "38명", "로그인 계정 투표": "3명", "인증번호 요청": "52건" });

    expect(within(report).getByText(/^확인이 필요한 신호가 2건 있습니다\./)).toBeTruthy();
    const addresses = within(report).getByRole("table", { name: /^투표·인증번호 요청이 많은 주소/ });
    const row = within(addresses).getByRole("row", { name: /198\.51\.100\.23/ });
    expect(row.className).toContain("is-flagged");
    expect(within(row).getByText("주의")).toBeTruthy();
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["17", "24"]);
    const bursts = within(report).getByRole("table", { name: /^투표가 몰린 시간대/ });
    const minute = within(bursts).getAllByRole("row")[1]!;
    expect(minute.querySelector("time")?.getAttribute("dateTime")).toBe("2099-11-03T01:04:00Z");
    expect(within(minute).getByText("15")).toBeTruthy();
  });

  it("says there are no signals when the report has none", async () => {
    await renderVoteTab(stageVote({ ballots: 3 }), (_request, seen) =>
      seen.path === `${VOTE}/report` ? json(200, voteReport({ vote: stageVote({ ballots: 3 }), addresses: [], bursts: [] })) : null,
    );
    expect(await screen.findByText("의심 신호가 없습니다.")).toBeTruthy();
    expect(screen.queryByRole("table", { name: /주소/ })).toBeNull();
  });
});

// A stage's parts as the results carry them: the judges', the citizen panel's (none here) and the vote's.
const PARTS = { judgeScore: 80.2778, judgeShare: 80, panelScore: 0, panelShare: 0, votes: 14, voteScore: 100, voteShare: 20 };

describe("results with a public vote", () => {
  it("shows the organizer each stage's judges' score, votes, vote score and share with the formula", async () => {
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
          caseId: CASE_BILL, title: "세입 고지서 전자 발송", team: { id: "7f1c1a60-0000-4000-8000-0000000000f1", name: "세정과 혁신팀", kind: "department" },
          rank: 1, score: 84.2222, stageReached: "본선", overridden: false,
          stageScores: [{ stage: "본선", score: 84.2222, components: PARTS }],
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
    expect(await screen.findByText("본선: 심사위원 점수 80.28 · 득표 14표 · 투표 점수 100 · 반영 비율 20%")).toBeTruthy();
    expect(screen.getByText(/^국민투표가 있는 단계의 점수 = 심사위원 점수 × \(100 − 반영 비율\)% \+ 투표 점수 × 반영 비율%/)).toBeTruthy();
  });

  it("publishes the vote's part of each score in the public results", async () => {
    const results: PublicResults = {
      roundId: ROUND_ID, title: "2026 적극행정 우수사례", method: "mean", tieBreaks: [], stage: "본선", criteria: [], publishedAt: "2026-06-01T01:00:00Z",
      cases: [
        { caseId: CASE_BILL, title: "수입금 처리 방식 개선", rank: 1, score: 84.2222, scores: [], components: PARTS },
        {
          caseId: CASE_DELIB, title: "119 이음콜 출동정보 알리미", rank: 2, score: 83.4603, scores: [],
          components: { ...PARTS, judgeScore: 93.6111, votes: 6, voteScore: 42.8571 },
        },
      ],
    };
    await renderApp(`/results/${ROUND_ID}`, (_request, seen) =>
      seen.path === `/api/v1/public/rounds/${ROUND_ID}/results` ? json(200, results) : null,
    );
    const table = await screen.findByRole("table", { name: /^국민투표 반영/ });
    expect(within(table).getAllByRole("row").slice(1).map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ["수입금 처리 방식 개선", "80.28", "14", "100", "20%", "84.2222"],
      ["119 이음콜 출동정보 알리미", "93.61", "6", "42.86", "20%", "83.4603"],
    ]);
    expect(screen.getByText(/^국민투표가 있는 단계의 점수 =/)).toBeTruthy();
  });
});
