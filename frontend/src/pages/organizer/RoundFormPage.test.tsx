import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { json, organizer, problem, type Seen } from "../../test/fakeServer";
import { renderApp } from "../../test/renderApp";
import { ROUND_ID, sampleRound } from "../../test/fixtures";
import { restoreTimeZone, setTimeZone } from "../../test/timezone";

afterEach(restoreTimeZone);

const AGENCIES = [
  { id: "7f1c1a60-0000-4000-8000-0000000000a0", name: "경기도", level: "metropolitan", region: "경기" },
  { id: organizer.agency.id, name: "부천시", level: "basic", region: "경기", parentId: "7f1c1a60-0000-4000-8000-0000000000a0" },
];

async function renderForm(onPost: (seen: Seen) => Response) {
  return renderApp("/organizer/rounds/new", (_req, seen) => {
    if (seen.path === "/api/v1/agencies") return json(200, { items: AGENCIES });
    if (seen.path === "/api/v1/rounds" && seen.method === "POST") return onPost(seen);
    return null;
  }, organizer);
}

describe("round form", () => {
  it("sends Seoul times with +09:00 and shows the server's field errors next to the fields", async () => {
    setTimeZone("America/Los_Angeles");
    const net = await renderForm(() =>
      problem(400, "validation_failed", "일부 항목이 올바르지 않습니다.", [
        { field: "schedule.submissionClosesAt", code: "after", message: "접수 시작 / submission opening보다 늦어야 합니다." },
        { field: "awardTiers[0].prizeKrw", code: "min", message: "0 이상이어야 합니다." },
      ]),
    );
    await screen.findByRole("heading", { level: 1, name: "새 경진대회" });
    expect((screen.getByRole("textbox", { name: "분야 1" }) as HTMLInputElement).value).toBe("복지");
    fireEvent.change(screen.getByLabelText(/^경진대회 제목/), { target: { value: "2027 상반기 으뜸상" } });
    fireEvent.change(screen.getByLabelText(/^접수 시작 \(KST\)/), { target: { value: "2027-01-04T09:00" } });
    fireEvent.change(screen.getByLabelText(/^접수 마감 \(KST\)/), { target: { value: "2027-01-03T18:00" } });
    fireEvent.change(screen.getByLabelText(/^심사 마감 \(KST\)/), { target: { value: "2027-03-12T18:00" } });
    fireEvent.change(screen.getByLabelText(/^결과 발표 \(KST\)/), { target: { value: "2027-03-26T10:00" } });
    await waitFor(() => expect((screen.getByLabelText(/^주관기관/) as HTMLSelectElement).value).toBe(organizer.agency.id));
    fireEvent.click(screen.getByRole("button", { name: "저장" }));

    const closes = screen.getByLabelText(/^접수 마감 \(KST\)/);
    await waitFor(() => expect(closes.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById("round-schedule-submissionClosesAt-error")?.textContent).toBe("접수 시작보다 늦어야 합니다.");
    const prize = screen.getAllByLabelText(/^1건당 포상금/)[0]!;
    expect(prize.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("round-awardTiers-0-prizeKrw-error")?.textContent).toBe("0 이상이어야 합니다.");
    await waitFor(() => expect(document.activeElement).toBe(closes));

    const post = net.requests.find((r) => r.method === "POST" && r.path === "/api/v1/rounds");
    const body = JSON.parse(post?.body ?? "{}");
    expect(body.schedule).toEqual({
      submissionOpensAt: "2027-01-04T09:00:00+09:00",
      submissionClosesAt: "2027-01-03T18:00:00+09:00",
      judgingClosesAt: "2027-03-12T18:00:00+09:00",
      resultsAnnouncedAt: "2027-03-26T10:00:00+09:00",
    });
    expect(body.categories).toHaveLength(10);
    expect(body.awardTiers).toEqual([
      { name: "대상", count: 1, prizeKrw: 3_000_000 },
      { name: "최우수", count: 2, prizeKrw: 2_000_000 },
      { name: "우수", count: 3, prizeKrw: 1_000_000 },
      { name: "장려", count: 5, prizeKrw: 500_000 },
    ]);
    expect(body.participatingAgencyIds).toEqual([organizer.agency.id]);
  });

  it("shows what it found itself together with every error the server found", async () => {
    const net = await renderForm(() =>
      problem(400, "validation_failed", "일부 항목이 올바르지 않습니다.", [
        { field: "title", code: "required", message: "필수 입력 항목입니다." },
        { field: "awardTiers[0].prizeKrw", code: "type", message: "숫자를 입력해 주세요." },
        { field: "categories[1]", code: "duplicate", message: "이미 있는 값입니다." },
      ]),
    );
    await screen.findByRole("heading", { level: 1, name: "새 경진대회" });
    fireEvent.change(screen.getAllByLabelText(/^1건당 포상금/)[0]!, { target: { value: "삼백만" } });
    fireEvent.change(screen.getByRole("textbox", { name: "분야 2" }), { target: { value: "복지" } });
    fireEvent.click(screen.getByRole("button", { name: "저장" }));

    const title = screen.getByLabelText(/^경진대회 제목/);
    await waitFor(() => expect(title.getAttribute("aria-invalid")).toBe("true"));
    // The form words what it knows better; the server's other errors stand beside them.
    expect(document.getElementById("round-awardTiers-0-prizeKrw-error")?.textContent).toBe("원 단위의 숫자만 입력하세요.");
    expect(document.getElementById("round-categories-1-error")?.textContent).toBe("이미 있는 분야입니다.");
    expect(document.getElementById("round-title-error")?.textContent).toBe("필수 입력 항목입니다.");
    const post = net.requests.find((r) => r.method === "POST" && r.path === "/api/v1/rounds");
    const body = JSON.parse(post?.body ?? "{}");
    expect(body.title).toBe("");
    expect(body.awardTiers[0].prizeKrw).toBe("삼백만");
  });
});

describe("round form after results are published", () => {
  it("fixes the title, award name, year, period and tiers and says why", async () => {
    const round = sampleRound({ canManage: true, status: "announced", resultsPublishedAt: "2026-09-01T10:00:00+09:00", hostAgency: organizer.agency });
    await renderApp(`/organizer/rounds/${ROUND_ID}/edit`, (_req, seen) => {
      if (seen.path === "/api/v1/agencies") return json(200, { items: AGENCIES });
      if (seen.path === `/api/v1/rounds/${ROUND_ID}`) return json(200, round);
      return null;
    }, organizer);
    await screen.findByText("결과가 발표되어 대회 이름, 포상명, 연도, 기간, 시상 등급은 바꿀 수 없습니다.");
    expect(screen.getByLabelText(/^경진대회 제목/).matches(":disabled")).toBe(true);
    expect(screen.getByLabelText(/^기간/).matches(":disabled")).toBe(true);
    expect(screen.getAllByLabelText(/^1건당 포상금/)[0]!.matches(":disabled")).toBe(true);
    expect(screen.getByLabelText(/^소개/).matches(":disabled")).toBe(false);
  });
});
