import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { User } from "../../api/types";
import { member } from "../../test/fixtures";
import { json, problem } from "../../test/fakeServer";
import { archiveCase, BUCHEON, ENTRY, FIRE, renderAt } from "./testKit";
import type { Adoption, ArchiveCase } from "./types";

const CASE = `/api/v1/archive/cases/${ENTRY}`;
const fireMember: User = { ...member, email: "member.fire@demo.test", agency: { id: FIRE, name: "인천광역시 소방본부" } };

function caseServer(initial: ArchiveCase, onAdoption?: (method: string, body: string) => Response | null) {
  let entry = initial;
  return {
    handler: (_request: Request, seen: { path: string; method: string; body: string }) => {
      if (seen.path === CASE && seen.method === "GET") return json(200, entry);
      if (seen.path === `${CASE}/questions`) return json(200, { items: [], canAsk: false, canAnswer: false, canModerate: false });
      if (seen.path === `${CASE}/similar`) {
        return json(200, {
          items: [
            {
              id: "3f466c28-6d45-4ae5-8342-12cfaa6034a6", title: "위반건축물 동별 맞춤 점검", agency: { id: BUCHEON, name: "부천시" },
              year: 2026, awardTier: "대상", score: 0.05, reasons: ["공통 키워드: 협업", "같은 분야: 안전"],
            },
          ],
        });
      }
      if (seen.path === `${CASE}/adoption` && onAdoption) {
        const answer = onAdoption(seen.method, seen.body);
        if (answer && answer.ok && seen.method === "PUT") {
          const body = JSON.parse(seen.body) as { status: "adopted" | "interested"; adoptedOn?: string; adaptation?: string };
          const adoption: Adoption = {
            agency: { id: BUCHEON, name: "부천시" }, status: body.status, order: body.status === "adopted" ? 1 : 0,
            adoptedOn: body.adoptedOn, adaptation: body.adaptation, updatedAt: "2026-03-03T00:00:00Z",
          };
          entry = { ...entry, adoptions: [adoption], adoptionCount: body.status === "adopted" ? 1 : 0 };
          return json(200, adoption);
        }
        if (answer && answer.status === 204) entry = { ...entry, adoptions: [], adoptionCount: 0 };
        return answer;
      }
      return null;
    },
  };
}

describe("archive case page", () => {
  it("shows the case publicly: licence, before/after chart, collaborators and similar cases with reasons", async () => {
    await renderAt(`/archive/${ENTRY}`, caseServer(archiveCase()).handler);
    expect(await screen.findByRole("heading", { level: 1, name: "119 이음콜 출동정보 알리미" })).toBeTruthy();
    expect(screen.getAllByText("공공누리 제1유형: 출처표시").length).toBeGreaterThan(0);
    expect(screen.getByRole("link", { name: "인천광역시 소방본부" }).getAttribute("href")).toBe(`/archive/agencies/${FIRE}`);
    expect(screen.getByText("2026 적극행정 우수사례 · 적극행정 우수사례 최우수")).toBeTruthy();

    const chart = screen.getByRole("list", { name: "도입 전후 성과" });
    const [rate, time] = within(chart).getAllByRole("listitem");
    expect(rate!.textContent).toContain("74.7%");
    expect(rate!.textContent).toContain("85.8%");
    expect(rate!.textContent).toContain("+11.1%p");
    expect(time!.textContent).toContain("60배 개선");
    expect(time!.textContent).toContain("낮을수록 좋음");
    const bars = [...rate!.querySelectorAll<HTMLElement>(".bar-fill")].map((b) => b.style.width);
    expect(bars).toEqual(["87.06%", "100%"]);
    expect([...time!.querySelectorAll<HTMLElement>(".bar-fill")].map((b) => b.style.width)).toEqual(["100%", "1.67%"]);
    expect(rate!.querySelector(".bar-track")?.getAttribute("aria-hidden")).toBe("true");

    expect(screen.getByText("이동통신사")).toBeTruthy();
    expect(screen.getByText("로그인하면 우리 기관의 벤치마킹 관심이나 도입을 기록할 수 있습니다.", { exact: false })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "우리 기관도 도입했어요" })).toBeNull();
    expect(await screen.findByRole("link", { name: "위반건축물 동별 맞춤 점검" })).toBeTruthy();
    expect(screen.getByText("공통 키워드: 협업")).toBeTruthy();
  });

  it("records 도입 완료 for another agency: the date is required, then PUT and the list shows 1번째 도입", async () => {
    const bodies: string[] = [];
    const server = caseServer(archiveCase(), (method, body) => {
      if (method !== "PUT") return null;
      bodies.push(body);
      return json(200, {});
    });
    await renderAt(`/archive/${ENTRY}`, server.handler, member);
    fireEvent.click(await screen.findByRole("button", { name: "우리 기관도 도입했어요" }));
    const dialog = screen.getByRole("dialog", { name: "우리 기관도 도입했어요" });
    expect((within(dialog).getByLabelText(/도입 완료/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole("button", { name: "기록하기" }));
    const date = within(dialog).getByLabelText(/^도입일/);
    await waitFor(() => expect(date.getAttribute("aria-invalid")).toBe("true"));
    expect(within(dialog).getByText("도입 완료에는 도입일을 입력해야 합니다.")).toBeTruthy();
    expect(bodies).toEqual([]);

    fireEvent.change(date, { target: { value: "2026-03-02" } });
    fireEvent.change(within(dialog).getByLabelText(/^바꾸어 적용한 점/), { target: { value: "부천소방서와 협업" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "성과 추가" }));
    const row = within(dialog).getByRole("group", { name: "성과 1" });
    fireEvent.change(within(row).getByLabelText(/^지표명/), { target: { value: "통화 성공률" } });
    fireEvent.change(within(row).getByLabelText(/^단위/), { target: { value: "%" } });
    fireEvent.change(within(row).getByLabelText(/^도입 전/), { target: { value: "70" } });
    fireEvent.change(within(row).getByLabelText(/^도입 후/), { target: { value: "81.5" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "기록하기" }));

    expect(await screen.findByText("도입 완료로 기록했습니다. 처음 만든 팀에 알렸습니다.")).toBeTruthy();
    expect(JSON.parse(bodies[0]!)).toEqual({
      status: "adopted",
      adoptedOn: "2026-03-02",
      adaptation: "부천소방서와 협업",
      results: [{ name: "통화 성공률", unit: "%", before: 70, after: 81.5, direction: "increase" }],
    });
    const list = await screen.findByRole("list", { name: "도입하거나 관심을 보인 기관" });
    await waitFor(() => expect(within(list).getByText("1번째 도입")).toBeTruthy());
    expect(within(list).getByRole("link", { name: "부천시" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "기록 철회" })).toBeTruthy();
  });

  it("shows 403 own_agency_case in Korean", async () => {
    const server = caseServer(archiveCase(), (method) =>
      method === "PUT" ? problem(403, "own_agency_case", "자기 기관의 사례는 벤치마킹(도입)으로 기록할 수 없습니다.") : null,
    );
    await renderAt(`/archive/${ENTRY}`, server.handler, member);
    fireEvent.click(await screen.findByRole("button", { name: "우리 기관도 도입했어요" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByLabelText(/벤치마킹 관심/));
    fireEvent.click(within(dialog).getByRole("button", { name: "기록하기" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toBe("우리 기관의 사례는 도입으로 기록할 수 없습니다.");
  });

  it("offers no adoption to the case's own agency", async () => {
    await renderAt(`/archive/${ENTRY}`, caseServer(archiveCase()).handler, fireMember);
    expect(await screen.findByText("우리 기관의 사례는 도입으로 기록할 수 없습니다.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "우리 기관도 도입했어요" })).toBeNull();
  });

  it("withdraws the agency's record after confirming", async () => {
    const methods: string[] = [];
    const existing: Adoption = {
      agency: { id: BUCHEON, name: "부천시" }, status: "interested", order: 0, updatedAt: "2026-03-03T00:00:00Z",
    };
    const server = caseServer(archiveCase({ adoptions: [existing] }), (method) => {
      methods.push(method);
      return method === "DELETE" ? new Response(null, { status: 204 }) : null;
    });
    await renderAt(`/archive/${ENTRY}`, server.handler, member);
    expect(await screen.findByText("부천시의 기록:", { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "기록 철회" }));
    fireEvent.click(within(screen.getByRole("dialog", { name: "기록을 철회할까요?" })).getByRole("button", { name: "철회" }));
    expect(await screen.findByText("기록을 철회했습니다.")).toBeTruthy();
    expect(methods).toEqual(["DELETE"]);
    await waitFor(() => expect(screen.getByText("아직 이 사례를 도입하거나 관심을 보인 기관이 없습니다.")).toBeTruthy());
  });

  it("says when the case does not exist", async () => {
    await renderAt(`/archive/${ENTRY}`, () => null);
    expect(await screen.findByText("찾을 수 없거나 볼 수 없는 항목입니다.")).toBeTruthy();
  });
});
