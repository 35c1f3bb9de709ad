import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, problem } from "../../test/fakeServer";
import { renderApp, type Handler } from "../../test/renderApp";
import { JUDGED_CASE_ID, judge, sampleJudgingCase, STAGE_ID } from "./testData";
import type { JudgingCase } from "./types";

const PATH = `/judging/stages/${STAGE_ID}/cases/${JUDGED_CASE_ID}`;

async function renderScoring(data: JudgingCase, handler: Handler = () => null) {
  const net = await renderApp(PATH, async (request, seen) => {
    const answer = await handler(request, seen);
    if (answer) return answer;
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (seen.path === `/api/v1/stages/${STAGE_ID}/cases/${JUDGED_CASE_ID}` && seen.method === "GET") return json(200, data);
    return null;
  }, judge);
  await screen.findByRole("heading", { level: 1, name: "숙의기반 갈등관리 시스템" });
  return net;
}

const group = (name: RegExp) => screen.getByRole("radiogroup", { name });
const radio = (g: HTMLElement, name: string) => within(g).getByRole("radio", { name }) as HTMLInputElement;
const checked = (g: HTMLElement) => within(g).getAllByRole("radio").filter((r) => (r as HTMLInputElement).checked).map((r) => r.getAttribute("value"));
const tabbable = (g: HTMLElement) => within(g).getAllByRole("radio").filter((r) => r.tabIndex === 0).map((r) => r.getAttribute("value"));

describe("score sheet: keyboard radio groups", () => {
  it("moves and selects with the arrow keys, wraps around, jumps with Home and End", async () => {
    await renderScoring(sampleJudgingCase());
    const creativity = group(/^창의성/);
    // Nothing picked: only the first choice is in the Tab order.
    expect(tabbable(creativity)).toEqual(["1"]);
    const first = radio(creativity, "1점");
    first.focus();

    fireEvent.keyDown(first, { key: "ArrowRight" });
    expect(checked(creativity)).toEqual(["2"]);
    expect(document.activeElement).toBe(radio(creativity, "2점"));
    expect(tabbable(creativity)).toEqual(["2"]);

    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(checked(creativity)).toEqual(["3"]);
    fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(checked(creativity)).toEqual(["10"]);
    expect(document.activeElement).toBe(radio(creativity, "10점"));
    // Past the last choice it wraps to the first, and back.
    fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
    expect(checked(creativity)).toEqual(["1"]);
    fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
    expect(checked(creativity)).toEqual(["10"]);
    fireEvent.keyDown(document.activeElement!, { key: "Home" });
    expect(checked(creativity)).toEqual(["1"]);
    // Other keys are left to the browser.
    fireEvent.keyDown(document.activeElement!, { key: "a" });
    expect(checked(creativity)).toEqual(["1"]);

    // The guidance of the picked band is marked and describes the choice.
    fireEvent.keyDown(document.activeElement!, { key: "End" });
    const band = screen.getByText("국내 처음이거나 방식 자체를 바꾼 시도").closest("li")!;
    expect(band.className).toContain("is-active");
    expect(radio(creativity, "10점").getAttribute("aria-describedby")).toContain(band.id);

    // Grades: each grade shows its guidance; arrows move S → A.
    const collaboration = group(/^협업/);
    expect(within(collaboration).getByText("외부 기관과 함께 설계·운영")).toBeTruthy();
    const s = radio(collaboration, "S (10점)");
    fireEvent.click(s);
    expect(checked(collaboration)).toEqual(["S"]);
    fireEvent.keyDown(s, { key: "ArrowDown" });
    expect(checked(collaboration)).toEqual(["A"]);
    expect(document.activeElement).toBe(radio(collaboration, "A (8점)"));
    expect(radio(collaboration, "A (8점)").getAttribute("aria-describedby")).toBeTruthy();
  });
});

describe("score sheet: live total, autosave and submit", () => {
  it(
    "shows the weighted total live, saves drafts, and shows the server's refusals inline",
    async () => {
      let answer: "ok" | "out_of_scale" | "closed" = "ok";
      const net = await renderScoring(sampleJudgingCase(), async (_request, seen) => {
        if (seen.method !== "PUT") return null;
        const body = JSON.parse(seen.body) as { submit: boolean; items: unknown[] };
        if (answer === "out_of_scale") {
          return problem(400, "validation_failed", "입력값을 확인해 주세요", [
            { field: "items[0].points", code: "out_of_scale", message: "척도 범위를 벗어난 점수입니다." },
          ]);
        }
        if (answer === "closed") return problem(409, "stage_closed", "이 심사 단계는 마감되었습니다.");
        return json(200, { status: body.submit ? "submitted" : "draft", items: body.items, total: 75.2778, updatedAt: "2026-11-25T01:00:00Z" });
      });
      expect(screen.getByText("0/6개 항목 채점")).toBeTruthy();
      const pick = (name: RegExp, label: string) => fireEvent.click(radio(group(name), label));
      pick(/^창의성/, "8점");
      expect(screen.getByText("1/6개 항목 채점")).toBeTruthy();
      pick(/^효과성/, "7점");
      pick(/^확산가능성/, "8점");
      pick(/^국민체감도/, "7점");
      pick(/^협업/, "A (8점)");
      pick(/^난이도/, "S (10점)");
      // 15.5556 + 16.6667 + 15.5556 + 10 + 7.5 + 10 = 75.2778, shown with two decimals.
      expect(screen.getByText("모든 항목 채점")).toBeTruthy();
      expect(document.querySelector(".live-total-value")?.textContent).toContain("75.28점");

      // Autosave: one draft PUT after the pause.
      await waitFor(() => expect(net.requests.some((r) => r.method === "PUT")).toBe(true), { timeout: 4000 });
      const draft = JSON.parse(net.requests.find((r) => r.method === "PUT")!.body);
      expect(draft.submit).toBe(false);
      expect(draft.items).toHaveLength(6);
      expect(draft.items[4]).toEqual({ criterionId: "7f1c1a60-0000-4000-8000-000000000c05", grade: "A" });
      await screen.findByText(/모두 저장됨/, undefined, { timeout: 3000 });

      // Submit through the dialog: the server refuses the first criterion's points.
      answer = "out_of_scale";
      fireEvent.click(screen.getByRole("button", { name: "제출" }));
      const dialog = await screen.findByRole("dialog", { name: "채점표를 제출할까요?" });
      expect(within(dialog).getByText("75.28점")).toBeTruthy();
      fireEvent.click(within(dialog).getByRole("button", { name: "제출" }));
      await screen.findByText("1–10점 사이에서 1점 단위로 입력하세요.");
      const creativity = group(/^창의성/);
      expect(creativity.getAttribute("aria-invalid")).toBe("true");
      const submitted = net.requests.filter((r) => r.method === "PUT").map((r) => JSON.parse(r.body).submit);
      expect(submitted.at(-1)).toBe(true);

      // The stage closes: the sheet turns read-only.
      answer = "closed";
      fireEvent.click(screen.getByRole("button", { name: "제출" }));
      fireEvent.click(within(await screen.findByRole("dialog", { name: "채점표를 제출할까요?" })).getByRole("button", { name: "제출" }));
      await screen.findByText("채점 기간이 끝났거나 단계가 마감되어 채점표를 고칠 수 없습니다.");
      expect(radio(group(/^창의성/), "8점").disabled).toBe(true);
      expect(screen.queryByRole("button", { name: "제출" })).toBeNull();
    },
    15_000,
  );

  it("asks for the criteria still missing before opening the submit dialog", async () => {
    const net = await renderScoring(sampleJudgingCase());
    fireEvent.click(radio(group(/^창의성/), "9점"));
    fireEvent.click(screen.getByRole("button", { name: "제출" }));
    await screen.findByText("채점하지 않은 항목이 있습니다: 효과성(성과), 확산가능성, 국민체감도, 협업, 난이도");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(group(/^효과성/).getAttribute("aria-invalid")).toBe("true");
    expect(net.requests.some((r) => r.method === "PUT" && JSON.parse(r.body).submit)).toBe(false);
  });

  it("hides the team in a blind stage and lists attachment names that may reveal it", async () => {
    await renderScoring(
      sampleJudgingCase({
        blind: true,
        team: undefined,
        identityWarnings: ["인천 갈등관리 혁신팀 발표자료.pdf"],
        attachments: [
          {
            id: "7f1c1a60-0000-4000-8000-000000000a99",
            filename: "인천 갈등관리 혁신팀 발표자료.pdf",
            contentType: "application/pdf",
            sizeBytes: 2048,
            sha256: "x",
            public: false,
            createdAt: "2026-07-01T00:00:00Z",
          },
        ],
      }),
    );
    expect(screen.getByText("블라인드 심사: 팀·기관 정보가 가려져 있습니다")).toBeTruthy();
    expect(screen.getByText("블라인드 심사로 가려짐")).toBeTruthy();
    expect([...document.querySelectorAll(".identity-warnings li")].map((li) => li.textContent)).toEqual(["인천 갈등관리 혁신팀 발표자료.pdf"]);
    // Judges see the file listed without a download button.
    expect(screen.queryByRole("button", { name: /내려받기/ })).toBeNull();
  });
});

describe("score sheet: 회피 신청", () => {
  it("records the recusal with a reason and goes back to the dashboard", async () => {
    const net = await renderScoring(sampleJudgingCase(), (_req, seen) => {
      if (seen.path === `/api/v1/stages/${STAGE_ID}/cases/${JUDGED_CASE_ID}/recusal`) {
        const { reason } = JSON.parse(seen.body) as { reason: string };
        return json(201, { caseId: JUDGED_CASE_ID, judgeId: judge.id, judgeName: judge.displayName, kind: "declared", reason, automatic: false });
      }
      if (seen.path === "/api/v1/judging/assignments") return json(200, { items: [] });
      return null;
    });
    fireEvent.click(screen.getByRole("button", { name: "회피 신청" }));
    const dialog = await screen.findByRole("dialog", { name: "이 사례의 심사를 회피할까요?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "회피 신청" }));
    expect(await within(dialog).findByText("회피 사유를 2자 이상 입력하세요.")).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/^회피 사유/), { target: { value: "팀의 사업에 자문으로 참여했습니다." } });
    fireEvent.click(within(dialog).getByRole("button", { name: "회피 신청" }));
    await screen.findByRole("heading", { level: 1, name: "심사" });
    expect(screen.getByText("‘숙의기반 갈등관리 시스템’ 심사 회피를 신청했습니다.")).toBeTruthy();
    const sent = net.requests.find((r) => r.path.endsWith("/recusal"));
    expect(JSON.parse(sent!.body)).toEqual({ reason: "팀의 사업에 자문으로 참여했습니다." });
  });
});
