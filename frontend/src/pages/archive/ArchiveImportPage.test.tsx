import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { User } from "../../api/types";
import { I18nProvider } from "../../i18n/I18nProvider";
import { LanguageStore } from "../../i18n/store";
import { organizer } from "../../test/fakeServer";
import { ImportReportView } from "./ArchiveImportPage";
import { uploadImport } from "./importUpload";
import { renderAt } from "./testKit";

const admin: User = { ...organizer, email: "admin@demo.test", displayName: "시스템 관리자", roles: [{ role: "admin" }] };

interface Sent {
  url: string;
  headers: Record<string, string>;
  parts: [string, string][];
}

/** A stand-in for XMLHttpRequest: reports 50 % and 100 % upload progress, then answers `reply`. */
function fakeXhr(replies: { status: number; body: unknown }[]) {
  const sent: Sent[] = [];
  class FakeXhr {
    upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = "";
    responseType = "";
    private url = "";
    private headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    send(body: FormData) {
      const parts = [...body.entries()].map(([k, v]) => [k, typeof v === "string" ? v : `file:${(v as File).name}`] as [string, string]);
      sent.push({ url: this.url, headers: this.headers, parts });
      const reply = replies.shift() ?? { status: 500, body: null };
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 } as ProgressEvent);
        this.upload.onload?.();
        this.status = reply.status;
        this.responseText = JSON.stringify(reply.body);
        this.onload?.();
      }, 0);
    }
  }
  return { sent, create: () => new FakeXhr() as unknown as XMLHttpRequest, FakeXhr };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const REPORT = {
  rows: 3,
  imported: 2,
  updated: 0,
  unchanged: 0,
  rejected: [{ line: 4, field: "year", reason: "연도는 숫자여야 합니다" }],
  newAgencies: [],
};

describe("import report", () => {
  it("shows the counts and a table of rejected rows with line, field and reason", () => {
    render(
      <I18nProvider store={new LanguageStore(null)}>
        <MemoryRouter>
          <ImportReportView report={{ ...REPORT, newAgencies: ["제주특별자치도 서귀포시"] }} />
        </MemoryRouter>
      </I18nProvider>,
    );
    const counts = screen.getAllByRole("term").map((dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`);
    expect(counts).toEqual(["전체 행=3건", "새로 가져옴=2건", "수정됨=0건", "변경 없음=0건", "거부됨=1건"]);
    expect(screen.getByText("새로 만든 기관: 제주특별자치도 서귀포시")).toBeTruthy();
    const table = screen.getByRole("table");
    expect(within(table).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["줄", "항목", "사유"]);
    const [, row] = within(table).getAllByRole("row");
    expect([...row!.querySelectorAll("th, td")].map((c) => c.textContent)).toEqual(["4", "year", "연도는 숫자여야 합니다"]);
    expect(within(row!).getByRole("rowheader").textContent).toBe("4");
  });

  it("says so when nothing was rejected", () => {
    render(
      <I18nProvider store={new LanguageStore(null)}>
        <MemoryRouter>
          <ImportReportView report={{ ...REPORT, imported: 0, unchanged: 2, rejected: [] }} />
        </MemoryRouter>
      </I18nProvider>,
    );
    expect(screen.getByText("거부된 행이 없습니다.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("uploadImport", () => {
  it("sends createAgencies before the file, reports progress and retries once after a refresh on 401", async () => {
    const xhr = fakeXhr([
      { status: 401, body: { status: 401, code: "token_expired", title: "만료" } },
      { status: 200, body: REPORT },
    ]);
    const progress: number[] = [];
    const result = await uploadImport({
      file: new File(["external_id\n"], "past.csv", { type: "text/csv" }),
      createAgencies: true,
      getAccessToken: () => "old",
      refresh: async () => "new",
      acceptLanguage: "ko",
      onProgress: (p) => progress.push(p),
      createRequest: xhr.create,
    });
    expect(result).toEqual({ status: 200, body: REPORT });
    expect(xhr.sent.map((s) => s.headers.Authorization)).toEqual(["Bearer old", "Bearer new"]);
    expect(xhr.sent[1]).toMatchObject({ url: "/api/v1/archive/import", parts: [["createAgencies", "true"], ["file", "file:past.csv"]] });
    expect(progress).toEqual([50, 100, 0, 50, 100]);
  });
});

describe("import page", () => {
  it("lets an admin upload with createAgencies and shows the row report", async () => {
    const xhr = fakeXhr([{ status: 200, body: REPORT }]);
    vi.stubGlobal("XMLHttpRequest", xhr.FakeXhr);
    await renderAt("/organizer/archive/import", () => null, admin);
    expect(await screen.findByRole("heading", { level: 1, name: "지난 수상 사례 가져오기" })).toBeTruthy();
    expect(screen.getByText("metrics")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "가져오기" }));
    expect(await screen.findByText("가져올 파일을 선택해 주세요.")).toBeTruthy();

    const input = screen.getByLabelText(/^파일 \(CSV/);
    fireEvent.change(input, { target: { files: [new File(["external_id,title\n"], "past.csv", { type: "text/csv" })] } });
    fireEvent.click(screen.getByLabelText("등록되지 않은 기관을 새로 만들기"));
    fireEvent.click(screen.getByRole("button", { name: "가져오기" }));
    expect(await screen.findByRole("heading", { level: 2, name: "가져오기 결과" })).toBeTruthy();
    expect(xhr.sent[0]?.parts).toEqual([["createAgencies", "true"], ["file", "file:past.csv"]]);
    expect(screen.getByText("연도는 숫자여야 합니다")).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe("가져오기 결과"));
  });

  it("has no createAgencies choice for organizers and shows the server's refusal", async () => {
    const xhr = fakeXhr([
      {
        status: 400,
        body: {
          type: "/docs#problem-validation_failed", title: "입력값을 확인해 주세요", status: 400, code: "validation_failed",
          detail: "일부 항목이 올바르지 않습니다.", errors: [{ field: "file", code: "missing_column", message: "필수 열이 없습니다: external_id" }],
        },
      },
    ]);
    vi.stubGlobal("XMLHttpRequest", xhr.FakeXhr);
    await renderAt("/organizer/archive/import", () => null, organizer);
    await screen.findByRole("heading", { level: 1, name: "지난 수상 사례 가져오기" });
    expect(screen.queryByLabelText("등록되지 않은 기관을 새로 만들기")).toBeNull();
    fireEvent.change(screen.getByLabelText(/^파일 \(CSV/), { target: { files: [new File(["a,b\n"], "bad.csv")] } });
    fireEvent.click(screen.getByRole("button", { name: "가져오기" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("일부 항목이 올바르지 않습니다.");
    expect(alert.textContent).toContain("필수 열이 없습니다: external_id");
    expect(xhr.sent[0]?.parts[0]).toEqual(["createAgencies", "false"]);
  });

  it("is not for members", async () => {
    await renderAt("/organizer/archive/import", () => null, { ...organizer, roles: [{ role: "member" }] });
    expect(await screen.findByRole("heading", { level: 1, name: "접근 권한이 없습니다" })).toBeTruthy();
  });
});
