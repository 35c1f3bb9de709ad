import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, organizer, problem } from "../../../test/fakeServer";
import { renderApp, type Handler } from "../../../test/renderApp";
import { ROUND_ID, sampleRound } from "../../../test/fixtures";
import { RUBRIC } from "../../judging/testData";
import type { JudgingSettings } from "../../judging/types";

const TEMPLATE = { id: "7f1c1a60-0000-4000-8000-000000000d01", name: "기본 심사기준 (혁신 우수사례)", builtIn: true, criteria: RUBRIC };

async function renderPage(settings: JudgingSettings, handler: Handler = () => null) {
  const net = await renderApp(`/organizer/rounds/${ROUND_ID}/judging`, async (request, seen) => {
    const answer = await handler(request, seen);
    if (answer) return answer;
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (seen.path === `/api/v1/rounds/${ROUND_ID}`) return json(200, sampleRound({ canManage: true, status: "judging" }));
    if (seen.path === `/api/v1/rounds/${ROUND_ID}/judging` && seen.method === "GET") return json(200, settings);
    if (seen.path === `/api/v1/rounds/${ROUND_ID}/stages` && seen.method === "GET") return json(200, { items: [] });
    if (seen.path === "/api/v1/rubric-templates") return json(200, { items: [TEMPLATE] });
    return null;
  }, organizer);
  await screen.findByRole("heading", { level: 1, name: "심사 관리" });
  return net;
}

const SETTINGS: JudgingSettings = {
  method: "trimmed_mean",
  tieBreaks: [{ kind: "criterion", criterionName: "효과성(성과)" }, { kind: "earlier_submission" }],
  objectionDays: 7,
  frozen: false,
  resultsPublished: false,
};

describe("judging settings", () => {
  it("edits the tie-break order and saves the method", async () => {
    const net = await renderPage(SETTINGS, (_req, seen) =>
      seen.method === "PUT" && seen.path === `/api/v1/rounds/${ROUND_ID}/judging` ? json(200, { ...JSON.parse(seen.body), frozen: false }) : null,
    );
    await screen.findByRole("radio", { name: "최고·최저점 제외 평균" });
    expect(screen.getByText(/가장 높은 점수와 가장 낮은 점수를 하나씩 빼고/)).toBeTruthy();
    fireEvent.click(screen.getByRole("radio", { name: "중앙값" }));

    const list = () => within(screen.getByRole("group", { name: "동점 처리 기준" })).getAllByRole("listitem").map((li) => li.querySelector(".tie-break-kind")?.textContent);
    expect(list()).toEqual(["특정 심사기준 평균이 높은 사례", "먼저 제출한 사례"]);
    // Add "1위 수", move it to the top, drop "먼저 제출".
    fireEvent.change(screen.getByLabelText("기준 추가"), { target: { value: "first_places" } });
    fireEvent.click(screen.getByRole("button", { name: "추가" }));
    expect(list()).toEqual(["특정 심사기준 평균이 높은 사례", "먼저 제출한 사례", "1위를 준 심사위원이 많은 사례"]);
    fireEvent.click(screen.getByRole("button", { name: "1위를 준 심사위원이 많은 사례 위로" }));
    fireEvent.click(screen.getByRole("button", { name: "1위를 준 심사위원이 많은 사례 위로" }));
    fireEvent.click(screen.getByRole("button", { name: "먼저 제출한 사례 삭제" }));
    expect(list()).toEqual(["1위를 준 심사위원이 많은 사례", "특정 심사기준 평균이 높은 사례"]);
    fireEvent.change(screen.getByLabelText("2순위 기준 심사기준"), { target: { value: "창의성" } });
    fireEvent.change(screen.getByLabelText("이의신청 기간 (일)"), { target: { value: "10" } });

    fireEvent.click(screen.getByRole("button", { name: "심사 방식 저장" }));
    await screen.findByText("심사 방식을 저장했습니다.");
    const put = net.requests.find((r) => r.method === "PUT");
    expect(JSON.parse(put!.body)).toEqual({
      method: "median",
      tieBreaks: [{ kind: "first_places" }, { kind: "criterion", criterionName: "창의성" }],
      objectionDays: 10,
    });
  });

  it("says the method is frozen once judging has started", async () => {
    await renderPage({ ...SETTINGS, frozen: true });
    await screen.findByText("심사 시작 후에는 바꿀 수 없습니다.");
    expect(screen.getByRole("radio", { name: "평균" }).matches(":disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "추가" }).matches(":disabled")).toBe(true);
    expect(screen.getByLabelText("이의신청 기간 (일)").matches(":disabled")).toBe(false);
  });

  it("fixes everything, the objection window included, once results are published", async () => {
    await renderPage({ ...SETTINGS, frozen: true, resultsPublished: true });
    await screen.findByText("결과가 발표되어 바꿀 수 없습니다.");
    expect(screen.getByText(/이의신청 기간\(7일\)을 따릅니다/)).toBeTruthy();
    expect(screen.getByLabelText("이의신청 기간 (일)").matches(":disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "심사 방식 저장" }).matches(":disabled")).toBe(true);
  });

  it("shows the server's refusal after publication next to the field and keeps what was typed", async () => {
    await renderPage({ ...SETTINGS, frozen: true }, (_req, seen) =>
      seen.method === "PUT" && seen.path === `/api/v1/rounds/${ROUND_ID}/judging`
        ? problem(409, "published_terms_frozen", "결과를 발표한 뒤에는 …", [
            { field: "objectionDays", code: "published_frozen", message: "결과를 발표한 뒤에는 바꿀 수 없습니다. (발표 당시 값 유지)" },
          ])
        : null,
    );
    const days = await screen.findByLabelText("이의신청 기간 (일)");
    fireEvent.change(days, { target: { value: "14" } });
    fireEvent.click(screen.getByRole("button", { name: "심사 방식 저장" }));
    await screen.findByText("결과를 발표한 뒤에는 바꿀 수 없습니다. (발표 당시 값 유지)");
    expect(screen.getByRole("alert").textContent).toContain("발표된 결과와 이의신청 마감이 따르는 설정");
    expect((screen.getByLabelText("이의신청 기간 (일)") as HTMLInputElement).value).toBe("14");
  });
});

describe("add a stage", () => {
  it("shows the template's weights with a live sum and the server's weights_not_100 refusal", async () => {
    const net = await renderPage(SETTINGS, (_req, seen) =>
      seen.method === "POST" && seen.path === `/api/v1/rounds/${ROUND_ID}/stages`
        ? problem(400, "weights_not_100", "심사기준 항목의 가중치 합계는 100이어야 합니다.", [
            { field: "criteria", code: "sum_100", message: "가중치 합계가 100이 되어야 합니다 (현재 105)." },
          ])
        : null,
    );
    fireEvent.click(await screen.findByRole("button", { name: "단계 추가" }));
    const form = screen.getByRole("form", { name: "새 심사 단계" });
    expect(within(form).getByRole("combobox", { name: /심사기준 템플릿/ })).toBeTruthy();
    const weights = within(form).getAllByRole("spinbutton", { name: /가중치$/ }) as HTMLInputElement[];
    expect(weights.map((w) => w.value)).toEqual(["20", "25", "20", "15", "10", "10"]);
    expect(document.getElementById("weight-sum")?.textContent).toBe("합계 100 / 100");

    fireEvent.change(within(form).getByRole("spinbutton", { name: "효과성(성과) 가중치" }), { target: { value: "30" } });
    expect(document.getElementById("weight-sum")?.textContent).toBe("합계 105 / 100 — 5 넘칩니다");
    expect(document.getElementById("weight-sum")?.className).toContain("weight-over");
    fireEvent.change(within(form).getByRole("spinbutton", { name: "효과성(성과) 가중치" }), { target: { value: "20" } });
    expect(document.getElementById("weight-sum")?.textContent).toBe("합계 95 / 100 — 5 모자랍니다");
    fireEvent.change(within(form).getByRole("spinbutton", { name: "효과성(성과) 가중치" }), { target: { value: "30" } });

    fireEvent.change(within(form).getByLabelText(/^단계 이름/), { target: { value: "서면심사" } });
    fireEvent.click(within(form).getByLabelText(/^블라인드 심사/));
    fireEvent.click(within(form).getByRole("radio", { name: "상위 N개 사례 진출" }));
    fireEvent.change(within(form).getByLabelText(/^진출 사례 수/), { target: { value: "5" } });
    fireEvent.click(within(form).getByRole("button", { name: "단계 추가" }));

    await screen.findByText("심사기준 항목의 가중치 합계가 100이 아닙니다.");
    expect(document.getElementById("weight-sum")?.textContent).toContain("가중치 합계가 100이 되어야 합니다 (현재 105).");
    const post = JSON.parse(net.requests.find((r) => r.method === "POST" && r.path.endsWith("/stages"))!.body);
    expect(post).toMatchObject({ name: "서면심사", kind: "written", blind: true, cut: { kind: "top_n", value: 5 } });
    // The judging deadline of the round, in Seoul time, is the default scoring deadline.
    expect(post.scoringClosesAt).toBe("2099-08-15T18:00:00+09:00");
    // Weights were edited: the criteria go inline instead of the template id.
    expect(post.rubricTemplateId).toBeUndefined();
    expect(post.criteria.map((c: { weight: number }) => c.weight)).toEqual([20, 30, 20, 15, 10, 10]);
  });

  it("sends the template id when the weights are left as they are", async () => {
    const net = await renderPage(SETTINGS, (_req, seen) =>
      seen.method === "POST" && seen.path === `/api/v1/rounds/${ROUND_ID}/stages` ? json(201, { id: "s1", name: "본선" }) : null,
    );
    fireEvent.click(await screen.findByRole("button", { name: "단계 추가" }));
    const form = screen.getByRole("form", { name: "새 심사 단계" });
    fireEvent.change(within(form).getByLabelText(/^단계 이름/), { target: { value: "본선" } });
    fireEvent.change(within(form).getByLabelText(/^단계 유형/), { target: { value: "final" } });
    fireEvent.click(within(form).getByRole("button", { name: "단계 추가" }));
    await screen.findByText("‘본선’ 단계를 추가했습니다.");
    const post = JSON.parse(net.requests.find((r) => r.method === "POST" && r.path.endsWith("/stages"))!.body);
    expect(post).toMatchObject({ name: "본선", kind: "final", blind: false, cut: { kind: "none" }, rubricTemplateId: TEMPLATE.id });
    expect(post.criteria).toBeUndefined();
    await waitFor(() => expect(net.requests.filter((r) => r.path.endsWith("/stages") && r.method === "GET").length).toBeGreaterThan(1));
  });
});
