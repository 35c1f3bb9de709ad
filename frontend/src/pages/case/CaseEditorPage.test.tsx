import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Case } from "../../api/types";
import { json, problem } from "../../test/fakeServer";
import { renderApp, type Handler } from "../../test/renderApp";
import { CASE_ID, member, ROUND_ID, sampleCase, sampleRound } from "../../test/fixtures";

function withEtag(status: number, body: Case): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ETag: `"${body.revision}"` },
  });
}

async function renderEditor(path: string, handler: Handler) {
  return renderApp(path, async (request, seen) => {
    const answer = await handler(request, seen);
    if (answer) return answer;
    if (seen.path === `/api/v1/rounds/${ROUND_ID}`) return json(200, sampleRound());
    return null;
  }, member);
}

describe("case editor: read-only mode", () => {
  it("shows a closed case as a document with the deadline notice and no form", async () => {
    const closed = sampleCase({
      title: "위반건축물 동별 맞춤 점검",
      status: "submitted",
      submittedVersion: 1,
      editable: false,
      round: { id: ROUND_ID, title: "2026 상반기 으뜸상", submissionClosesAt: "2026-01-31T18:00:00+09:00" },
    });
    const net = await renderEditor(`/cases/${CASE_ID}/edit`, (_req, seen) =>
      seen.path === `/api/v1/cases/${CASE_ID}` && seen.method === "GET" ? withEtag(200, closed) : null,
    );
    expect(await screen.findByText("접수가 마감되어 수정할 수 없습니다.")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "위반건축물 동별 맞춤 점검" })).toBeTruthy();
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(screen.queryByRole("button", { name: "제출하기" })).toBeNull();
    expect(screen.queryByLabelText("제목")).toBeNull();
    // The content is still readable, with the server's improvement.
    expect(screen.getByText("잘못 버린 재활용품이 많았습니다.")).toBeTruthy();
    expect(screen.getByText("60배 개선", { exact: false })).toBeTruthy();
    expect(screen.getByRole("link", { name: "제출 이력" }).getAttribute("href")).toBe(`/cases/${CASE_ID}/history`);
    expect(net.requests.some((r) => r.method === "PUT")).toBe(false);
  });

  it("labels an organizer's view as the last submitted version", async () => {
    const asSubmitted = sampleCase({ view: "submitted", status: "submitted", submittedVersion: 2, editable: false, hasUnsubmittedChanges: false });
    await renderEditor(`/cases/${CASE_ID}`, (_req, seen) =>
      seen.path === `/api/v1/cases/${CASE_ID}` && seen.method === "GET" ? withEtag(200, asSubmitted) : null,
    );
    const view = (await screen.findByText("보고 있는 내용")).closest("div")!;
    expect(within(view).getByText("제출본")).toBeTruthy();
    expect(view.textContent).toContain("마지막으로 제출된 버전 2입니다. 그 뒤에 팀이 고친 내용은 보이지 않습니다.");
    expect(within(view).queryByText("작업본")).toBeNull();
  });
});

describe("case editor: which copy", () => {
  it("labels the team's editor as the working copy", async () => {
    await renderEditor(`/cases/${CASE_ID}/edit`, (_req, seen) =>
      seen.path === `/api/v1/cases/${CASE_ID}` && seen.method === "GET" ? withEtag(200, sampleCase()) : null,
    );
    const view = (await screen.findByText("보고 있는 내용")).closest("div")!;
    expect(within(view).getByText("작업본")).toBeTruthy();
    expect(view.textContent).toContain("아직 제출하지 않은 변경도 보입니다");
  });
});

describe("case editor: autosave", () => {
  it(
    "saves with If-Match, carries the ETag forward, and stops with a banner on 412",
    async () => {
      let server = sampleCase();
      let conflictNext = false;
      const puts: { ifMatch: string | null; title: string }[] = [];
      await renderEditor(`/cases/${CASE_ID}/edit`, async (request, seen) => {
        if (seen.path !== `/api/v1/cases/${CASE_ID}`) return null;
        if (seen.method === "GET") return withEtag(200, server);
        if (seen.method === "PUT") {
          const body = JSON.parse(seen.body) as { title: string };
          puts.push({ ifMatch: request.headers.get("If-Match"), title: body.title });
          if (conflictNext) {
            server = { ...server, title: "김도윤이 고친 제목", revision: server.revision + 1 };
            return new Response(
              JSON.stringify({
                type: "/docs#problem-precondition_failed", title: "다른 사람이 먼저 저장했습니다", status: 412,
                code: "precondition_failed", current: server,
              }),
              { status: 412, headers: { "Content-Type": "application/problem+json", ETag: `"${server.revision}"` } },
            );
          }
          server = { ...server, title: body.title, revision: server.revision + 1 };
          return withEtag(200, server);
        }
        return null;
      });

      const title = await screen.findByLabelText(/^제목/);
      expect(screen.getByRole("heading", { level: 1, name: "사례 편집" })).toBeTruthy();
      fireEvent.change(title, { target: { value: "첫 번째 고침" } });
      await waitFor(() => expect(screen.getByText(/모두 저장됨/)).toBeTruthy(), { timeout: 4000 });
      fireEvent.change(title, { target: { value: "두 번째 고침" } });
      await waitFor(() => expect(puts).toHaveLength(2), { timeout: 4000 });
      expect(puts).toEqual([
        { ifMatch: '"3"', title: "첫 번째 고침" },
        { ifMatch: '"4"', title: "두 번째 고침" },
      ]);

      // Someone else saves: the next autosave gets 412 and stops.
      await waitFor(() => expect(screen.getByText(/모두 저장됨/)).toBeTruthy());
      conflictNext = true;
      fireEvent.change(title, { target: { value: "세 번째 고침" } });
      const banner = await screen.findByRole("alert", {}, { timeout: 4000 });
      expect(within(banner).getByText("다른 팀원이 먼저 저장했습니다")).toBeTruthy();
      expect(within(banner).getByText(/김도윤이 고친 제목/)).toBeTruthy();
      expect(screen.getByText(/자동 저장 멈춤/)).toBeTruthy();
      expect((screen.getByRole("button", { name: "제출하기" }) as HTMLButtonElement).disabled).toBe(true);

      fireEvent.change(title, { target: { value: "네 번째 고침" } });
      await new Promise((resolve) => setTimeout(resolve, 1700));
      expect(puts).toHaveLength(3); // nothing saved over the other version

      conflictNext = false;
      fireEvent.click(within(banner).getByRole("button", { name: "최신 내용 불러오기" }));
      await waitFor(() => expect((screen.getByLabelText(/^제목/) as HTMLInputElement).value).toBe("김도윤이 고친 제목"));
      expect(screen.queryByText("다른 팀원이 먼저 저장했습니다")).toBeNull();
      fireEvent.change(screen.getByLabelText(/^제목/), { target: { value: "이어서 고침" } });
      await waitFor(() => expect(puts).toHaveLength(4), { timeout: 4000 });
      expect(puts[3]).toEqual({ ifMatch: '"6"', title: "이어서 고침" });
    },
    20_000,
  );

  it("shows the live improvement while typing a metric", async () => {
    await renderEditor(`/cases/${CASE_ID}/edit`, (_req, seen) =>
      seen.path === `/api/v1/cases/${CASE_ID}` && seen.method === "GET" ? withEtag(200, sampleCase({ metrics: [] })) : null,
    );
    fireEvent.click(await screen.findByRole("button", { name: "성과지표 추가" }));
    const row = screen.getByRole("group", { name: "성과지표 1" });
    fireEvent.change(within(row).getByLabelText(/지표명/), { target: { value: "통화 성공률" } });
    fireEvent.change(within(row).getByLabelText(/^단위/), { target: { value: "%" } });
    fireEvent.change(within(row).getByLabelText(/도입 전/), { target: { value: "74.7" } });
    fireEvent.change(within(row).getByLabelText(/도입 후/), { target: { value: "85.8" } });
    expect(within(row).getByText("+11.1%p")).toBeTruthy();
    fireEvent.change(within(row).getByLabelText(/^단위/), { target: { value: "분" } });
    fireEvent.change(within(row).getByLabelText(/도입 전/), { target: { value: "120" } });
    fireEvent.change(within(row).getByLabelText(/도입 후/), { target: { value: "2" } });
    fireEvent.change(within(row).getByLabelText(/개선 방향/), { target: { value: "decrease" } });
    expect(within(row).getByText("-98.3%")).toBeTruthy();
    expect(within(row).getByText(/60배 개선/)).toBeTruthy();
  });

  it("puts the server's field errors next to nested fields", async () => {
    await renderEditor(`/cases/${CASE_ID}/edit`, (_req, seen) => {
      if (seen.path !== `/api/v1/cases/${CASE_ID}`) return null;
      if (seen.method === "GET") return withEtag(200, sampleCase());
      return problem(400, "validation_failed", "일부 항목이 올바르지 않습니다.", [
        { field: "metrics[0].name", code: "max_length", message: "100자 이하로 입력해 주세요." },
        { field: "categoryId", code: "not_found", message: "해당 항목을 찾을 수 없습니다." },
      ]);
    });
    fireEvent.change(await screen.findByLabelText(/^제목/), { target: { value: "고침" } });
    await waitFor(() => expect(screen.getByText("저장하지 못했습니다. 표시된 항목을 확인해 주세요.")).toBeTruthy(), {
      timeout: 4000,
    });
    const name = screen.getByLabelText(/지표명/);
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(name.getAttribute("aria-describedby")!.split(" ").at(-1)!)?.textContent).toBe(
      "100자 이하로 입력해 주세요.",
    );
    const category = screen.getByLabelText(/^분야/);
    expect(category.getAttribute("aria-invalid")).toBe("true");
  });
});

describe("case editor: submit", () => {
  it("confirms in a dialog, submits with If-Match and shows 제출 with the version", async () => {
    let server = sampleCase();
    const seenIfMatch: (string | null)[] = [];
    await renderEditor(`/cases/${CASE_ID}/edit`, (request, seen) => {
      if (seen.path === `/api/v1/cases/${CASE_ID}` && seen.method === "GET") return withEtag(200, server);
      if (seen.path === `/api/v1/cases/${CASE_ID}/submit`) {
        seenIfMatch.push(request.headers.get("If-Match"));
        server = { ...server, status: "submitted", submittedVersion: 1, revision: 4, hasUnsubmittedChanges: false };
        return withEtag(200, server);
      }
      return null;
    });
    fireEvent.click(await screen.findByRole("button", { name: "제출하기" }));
    const dialog = screen.getByRole("dialog", { name: "사례를 제출할까요?" });
    expect(within(dialog).getByText(/버전 1\(으\)로 제출됩니다/)).toBeTruthy();
    expect(within(dialog).getByText("재활용 분리배출 동별 코칭")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "제출" }));
    expect(await screen.findByText("제출했습니다. 상태: 제출 (버전 1)")).toBeTruthy();
    expect(seenIfMatch).toEqual(['"3"']);
    expect(screen.getByRole("button", { name: "제출 철회" })).toBeTruthy();
  });

  it("lists the missing fields in Korean when the server refuses (400)", async () => {
    await renderEditor(`/cases/${CASE_ID}/edit`, (_req, seen) => {
      if (seen.path === `/api/v1/cases/${CASE_ID}` && seen.method === "GET") return withEtag(200, sampleCase({ summary: "" }));
      if (seen.path === `/api/v1/cases/${CASE_ID}/submit`)
        return problem(400, "validation_failed", "일부 항목이 올바르지 않습니다.", [
          { field: "categoryId", code: "required", message: "필수 입력 항목입니다." },
          { field: "summary", code: "required", message: "필수 입력 항목입니다." },
        ]);
      return null;
    });
    fireEvent.click(await screen.findByRole("button", { name: "제출하기" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "제출" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("제출하려면 다음 항목을 채워 주세요.")).toBeTruthy();
    expect(within(alert).getByRole("link", { name: "한 줄 요약" }).getAttribute("href")).toBe("#case-summary");
    expect(within(alert).getByRole("link", { name: "분야" })).toBeTruthy();
    expect(screen.getByLabelText(/^한 줄 요약/).getAttribute("aria-invalid")).toBe("true");
  });
});
