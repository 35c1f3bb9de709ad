import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, problem } from "../../test/fakeServer";
import { member } from "../../test/fixtures";
import { renderApp, type Handler } from "../../test/renderApp";
import { parseKeywords, profileProblems } from "./judgeProfile";
import { judge } from "./testData";
import type { JudgeProfile, JudgeProfileInput } from "./types";

const PROFILE = "/api/v1/me/judge-profile";

const defaults = (overrides: Partial<JudgeProfile> = {}): JudgeProfile => ({
  userId: judge.id,
  displayName: judge.displayName,
  email: judge.email,
  affiliation: { agency: judge.agency, agencyLevel: "metropolitan", department: "자치행정과" },
  fields: [],
  keywords: [],
  bio: "",
  listed: false,
  contactVisibility: "none",
  stagesJudged: 3,
  ...overrides,
});

async function renderMe(handler: Handler, user = judge) {
  const net = await renderApp("/me", async (request, seen) => {
    const answer = await handler(request, seen);
    if (answer) return answer;
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    return null;
  }, user);
  await screen.findByRole("heading", { level: 1, name: "내 정보" });
  return net;
}

describe("judge profile helpers", () => {
  it("splits keywords on commas, trims them and drops repeats", () => {
    expect(parseKeywords(" AI 챗봇,공공데이터 ,, ai  챗봇、디지털 포용")).toEqual(["AI 챗봇", "공공데이터", "디지털 포용"]);
    expect(parseKeywords("   ")).toEqual([]);
  });

  it("refuses a listed profile without a field, and too many or too long keywords", () => {
    expect(profileProblems({ listed: true, fields: [], keywords: [] })).toEqual({ fields: "judgeProfile.error.needField" });
    expect(profileProblems({ listed: false, fields: [], keywords: [] })).toEqual({});
    expect(profileProblems({ listed: false, fields: ["digital"], keywords: Array.from({ length: 11 }, (_, i) => `k${i}`) })).toEqual({ keywords: "judgeProfile.error.tooManyKeywords" });
    expect(profileProblems({ listed: false, fields: ["digital"], keywords: ["가".repeat(31)] })).toEqual({ keywords: "judgeProfile.error.keywordTooLong" });
  });
});

describe("account page: judge profile", () => {
  it("shows the real affiliation, checks the form, puts the server's field errors by their fields and saves", async () => {
    let puts = 0;
    const net = await renderMe((_request, seen) => {
      if (seen.path !== PROFILE) return null;
      if (seen.method === "GET") return json(200, defaults());
      puts++;
      if (puts === 1) {
        return problem(400, "validation_failed", "입력값을 확인해 주세요.", [
          { field: "bio", code: "max_length", message: "500자 이하로 입력해 주세요." },
        ]);
      }
      const body = JSON.parse(seen.body) as JudgeProfileInput;
      return json(200, defaults({
        fields: body.fields, keywords: body.keywords ?? [], bio: body.bio ?? "", listed: body.listed, contactVisibility: body.contactVisibility,
        affiliation: { agency: judge.agency, agencyLevel: "metropolitan", department: "자치행정과", note: body.affiliationNote || undefined },
        updatedAt: "2026-12-04T03:00:00Z",
      }));
    });
    const section = await screen.findByRole("region", { name: "심사위원 프로필" });
    expect(await within(section).findByText("경기도 · 자치행정과")).toBeTruthy();
    expect(within(section).getByText(/이해충돌\(제척\)은 계정의 소속 기관과 부서로 판단합니다/)).toBeTruthy();
    expect(within(section).getByText("심사 참여 3회")).toBeTruthy();
    // The agency is not an input: only the display note is.
    expect(within(section).queryByRole("textbox", { name: /소속 기관/ })).toBeNull();

    fireEvent.click(within(section).getByRole("checkbox", { name: "심사위원 인력풀에 공개" }));
    fireEvent.click(within(section).getByRole("button", { name: "프로필 저장" }));
    expect(await within(section).findByText("인력풀에 공개하려면 전문 분야를 하나 이상 고르세요.")).toBeTruthy();
    expect(net.requests.some((r) => r.method === "PUT")).toBe(false);

    fireEvent.click(within(section).getByRole("checkbox", { name: "주민참여·협치" }));
    fireEvent.click(within(section).getByRole("checkbox", { name: "행정혁신" }));
    fireEvent.change(within(section).getByLabelText(/^표시 소속/), { target: { value: " 경기도 주민자치 자문위원 " } });
    fireEvent.change(within(section).getByLabelText(/^키워드/), { target: { value: "주민참여예산, 자치행정, 주민참여예산" } });
    fireEvent.change(within(section).getByLabelText(/^소개/), { target: { value: "주민참여 제도를 담당했습니다." } });
    fireEvent.click(within(section).getByRole("radio", { name: "이메일 주소 공개 (judge@demo.test)" }));
    fireEvent.click(within(section).getByRole("button", { name: "프로필 저장" }));
    const bio = within(section).getByLabelText(/^소개/);
    expect(await within(section).findByText("500자 이하로 입력해 주세요.")).toBeTruthy();
    expect(bio.getAttribute("aria-invalid")).toBe("true");

    fireEvent.click(within(section).getByRole("button", { name: "프로필 저장" }));
    await within(section).findByText("심사위원 프로필을 저장했습니다. 인력풀에 공개되어 있습니다.");
    expect(JSON.parse(net.requests.filter((r) => r.method === "PUT").at(-1)!.body)).toEqual({
      affiliationNote: "경기도 주민자치 자문위원",
      fields: ["administration", "citizen_participation"],
      keywords: ["주민참여예산", "자치행정"],
      bio: "주민참여 제도를 담당했습니다.",
      listed: true,
      contactVisibility: "email",
    });
    expect((within(section).getByLabelText(/^키워드/) as HTMLInputElement).value).toBe("주민참여예산, 자치행정");
  });

  it("is not offered to users without the judge role", async () => {
    const net = await renderMe(() => null, member);
    expect(screen.queryByRole("region", { name: "심사위원 프로필" })).toBeNull();
    expect(net.requests.some((r) => r.path === PROFILE)).toBe(false);
  });
});
