import AxeBuilder from "@axe-core/playwright";
import { request as apiRequest, type APIRequestContext, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, DEMO_PASSWORD, launchBrowser, MEMBER, MZ_TEAM, newContext, ORGANIZER, stamp } from "./env";

// One fresh round per run (hosted by 부천시, so the seeded rounds stay as they are): two cases
// submitted by the 부천 MZ혁신발굴단 just before the deadline, then judged through the UI.

const JUDGES = [
  { email: "judge@demo.test", name: "박성민", option: "박성민 · 경기도 · 자치행정과" },
  { email: "judge2@demo.test", name: "오세영", option: "오세영 · 행정안전부 · 혁신평가 자문단" },
  { email: "judge3@demo.test", name: "강민수", option: "강민수 · 서울특별시 중구 · 기획예산과 혁신평가팀" },
] as const;

let browser: Browser;
const contexts: BrowserContext[] = [];
const apis: APIRequestContext[] = [];

/** What the tests share: the round, its two cases and the stage once created. */
const run = {
  id: stamp(),
  roundId: "",
  roundTitle: "",
  strong: { id: "", title: "" },
  weak: { id: "", title: "" },
  stageId: "",
};

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close();
  for (const a of apis.splice(0)) await a.dispose();
  await browser?.close();
});

async function open(): Promise<Page> {
  const context = await newContext(browser);
  contexts.push(context);
  return context.newPage();
}

async function logIn(page: Page, email: string, name: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: `${name}님, 환영합니다` }).waitFor();
}

/** An API client logged in as `email` (bearer token), for setting up and checking data. */
async function api(email: string): Promise<APIRequestContext> {
  const anon = await apiRequest.newContext({ baseURL: BASE_URL });
  apis.push(anon);
  const response = await anon.post("/api/v1/auth/login", { data: { email, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  const token = ((await response.json()) as { accessToken: string }).accessToken;
  const ctx = await apiRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  apis.push(ctx);
  return ctx;
}

async function json<T>(response: { status(): number; json(): Promise<unknown>; url(): string }, status = 200): Promise<T> {
  const body = await response.json();
  expect(response.status(), `${response.url()} → ${JSON.stringify(body)}`).toBe(status);
  return body as T;
}

type Named = { id: string; name?: string; title?: string };
type Criterion = { id: string; name: string; scale: { kind: "points" | "grades"; min?: number; max?: number } };

const h1 = (p: Page) => p.getByRole("heading", { level: 1 });

/** Korean wall-clock time (RFC 3339 with +09:00) of an instant. */
function seoul(date: Date): string {
  const shifted = new Date(date.getTime() + 9 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+09:00`;
}

/** Creates a case with content and submits it (If-Match with each answer's ETag). */
async function submitCase(member: APIRequestContext, roundId: string, teamId: string, categoryId: string, title: string): Promise<string> {
  const created = await json<{ id: string }>(await member.post(`/api/v1/rounds/${roundId}/cases`, { data: { teamId, title } }), 201);
  const current = await member.get(`/api/v1/cases/${created.id}`);
  const saved = await member.put(`/api/v1/cases/${created.id}`, {
    headers: { "If-Match": current.headers()["etag"] ?? "" },
    data: {
      title,
      summary: "민원 콜백 예약으로 전화 대기 없이 상담받습니다.",
      problem: "민원 전화가 몰리는 시간에 통화 연결이 어려웠습니다.",
      solution: "콜백 예약과 사전 서류 안내 문자를 도입했습니다.",
      outcomes: "통화 성공률이 오르고 처리 시간이 줄었습니다.",
      categoryId,
      tags: ["민원", "콜백"],
      metrics: [{ name: "통화 성공률", unit: "%", before: 74.7, after: 85.8, direction: "increase" }],
      collaborators: [],
    },
  });
  await json(saved);
  const submitted = await member.post(`/api/v1/cases/${created.id}/submit`, { headers: { "If-Match": saved.headers()["etag"] ?? "" } });
  await json(submitted);
  return created.id;
}

/** Submits a full sheet through the API: points on points scales, a grade on grade scales. */
async function scoreByApi(judge: APIRequestContext, caseId: string, points: number, grade: string): Promise<void> {
  const jc = await json<{ stage: { criteria: Criterion[] } }>(await judge.get(`/api/v1/stages/${run.stageId}/cases/${caseId}`));
  const items = jc.stage.criteria.map((c) => (c.scale.kind === "grades" ? { criterionId: c.id, grade } : { criterionId: c.id, points }));
  await json(await judge.put(`/api/v1/stages/${run.stageId}/cases/${caseId}/sheet`, { data: { items, submit: true } }));
}

describe("judging", () => {
  it(
    "lets the organizer add a stage, appoint three judges, start judging and auto-assign",
    async () => {
      // ----- set-up through the API: a round closing in a few seconds, two submitted cases -----
      const organizer = await api(ORGANIZER.email);
      const agencies = await json<{ items: Named[] }>(await organizer.get("/api/v1/agencies"));
      const bucheon = agencies.items.find((a) => a.name === "부천시");
      expect(bucheon).toBeTruthy();
      const now = Date.now();
      run.roundTitle = `E2E 심사 ${run.id} 으뜸상`;
      const round = await json<{ id: string; categories: Named[] }>(
        await organizer.post("/api/v1/rounds", {
          data: {
            title: run.roundTitle,
            awardName: "으뜸상",
            year: 2026,
            period: "custom",
            hostAgencyId: bucheon!.id,
            participatingAgencyIds: [bucheon!.id],
            includeSubAgencies: false,
            categories: ["복지"],
            eligibleTeamKinds: ["mz_discovery_group"],
            schedule: {
              submissionOpensAt: seoul(new Date(now - 3600_000)),
              submissionClosesAt: seoul(new Date(now + 9_000)),
              judgingClosesAt: seoul(new Date(now + 30 * 86400_000)),
              resultsAnnouncedAt: seoul(new Date(now + 31 * 86400_000)),
            },
            awardTiers: [{ name: "대상", count: 1, prizeKrw: 3_000_000 }],
          },
        }),
        201,
      );
      run.roundId = round.id;
      await json(await organizer.post(`/api/v1/rounds/${round.id}/publish`));
      const member = await api(MEMBER.email);
      const teams = await json<{ items: Named[] }>(await member.get("/api/v1/teams"));
      const team = teams.items.find((t) => t.name === MZ_TEAM);
      expect(team).toBeTruthy();
      run.strong = { id: "", title: `E2E 민원 콜백 예약 ${run.id}` };
      run.weak = { id: "", title: `E2E 서류 안내 문자 ${run.id}` };
      run.strong.id = await submitCase(member, round.id, team!.id, round.categories[0]!.id, run.strong.title);
      run.weak.id = await submitCase(member, round.id, team!.id, round.categories[0]!.id, run.weak.title);
      // Judging opens only after the submission deadline.
      const wait = now + 9_000 - Date.now() + 500;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

      // ----- the organizer, in the browser -----
      const page = await open();
      await logIn(page, ORGANIZER.email, ORGANIZER.name);
      await page.goto(`/organizer/rounds/${round.id}`);
      await h1(page).filter({ hasText: run.roundTitle }).waitFor();
      await page.getByRole("link", { name: "심사 관리" }).click();
      await page.getByRole("heading", { level: 1, name: "심사 관리" }).waitFor();
      expect(await page.getByRole("radio", { name: "최고·최저점 제외 평균" }).isChecked()).toBe(true);

      // 단계 추가 with the default rubric: the weights add up to 100.
      await page.getByRole("button", { name: "단계 추가" }).click();
      const form = page.getByRole("form", { name: "새 심사 단계" });
      await form.getByLabel(/^단계 이름/).fill("서면심사");
      // KRDS draws the box on the label; the input itself is visually hidden, so click the label.
      await form.locator("label[for=stage-blind]").click();
      expect(await form.locator("#stage-blind").isChecked()).toBe(true);
      expect(await form.locator("#weight-sum").textContent()).toBe("합계 100 / 100");
      await form.getByRole("spinbutton", { name: "창의성 가중치" }).fill("25");
      expect(await form.locator("#weight-sum").textContent()).toBe("합계 105 / 100 — 5 넘칩니다");
      await form.getByRole("spinbutton", { name: "창의성 가중치" }).fill("20");
      await form.getByRole("button", { name: "단계 추가" }).click();
      await page.getByText("‘서면심사’ 단계를 추가했습니다.").waitFor();
      const stageRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "서면심사" }) });
      expect(await stageRow.locator(".status-badge.stage-setup").textContent()).toBe("준비");
      await stageRow.getByRole("link", { name: "서면심사" }).click();
      await page.getByRole("heading", { level: 1, name: "서면심사" }).waitFor();
      run.stageId = new URL(page.url()).pathname.split("/")[3] ?? "";

      // 심사위원: appoint the three judges (found through the judges of earlier rounds).
      await page.getByRole("tab", { name: "심사위원", selected: true }).waitFor();
      const picker = page.locator("select#judge-user");
      for (const judge of JUDGES) {
        await expect.poll(() => picker.locator("option").allTextContents()).toContain(judge.option);
        await picker.selectOption({ label: judge.option });
        await page.locator("select#judge-kind").selectOption(judge.email === "judge@demo.test" ? "internal" : "external");
        await page.getByRole("button", { name: "위촉", exact: true }).click();
        await page.getByText(`${judge.name} 심사위원을 위촉했습니다.`).waitFor();
      }
      const judgesTable = page.getByRole("table", { name: /심사위원:/ });
      await expect.poll(() => judgesTable.locator("tbody th").count()).toBe(3);

      // 심사 시작 with its confirmation; the two submitted cases come in.
      await page.getByRole("button", { name: "심사 시작" }).click();
      await page.getByRole("dialog", { name: "심사를 시작할까요?" }).getByRole("button", { name: "심사 시작" }).click();
      await page.getByText("심사를 시작했습니다. 사례 2건이 심사 대상입니다.", { exact: false }).waitFor();
      await page.getByRole("tab", { name: "배정", selected: true }).waitFor();

      // 자동 배정: three judges per case.
      expect(await page.getByLabel("사례당 심사위원 수").inputValue()).toBe("3");
      await page.getByRole("button", { name: "자동 배정" }).click();
      await page.getByText("새로 6건을 배정했습니다.").waitFor();
      const board = page.getByRole("table", { name: /배정 현황/ });
      const strongRow = board.getByRole("row").filter({ hasText: run.strong.title });
      await expect.poll(() => strongRow.locator(".sheet-none").count()).toBe(3);
      await page.getByText("기록된 이해충돌이 없습니다.").waitFor();
    },
    90_000,
  );

  it("lets a judge score a case with the keyboard, submit it and see it counted", async () => {
    expect(run.stageId).not.toBe("");
    const page = await open();
    await logIn(page, JUDGES[0].email, JUDGES[0].name);
    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "심사", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "심사" }).waitFor();
    const card = page.getByRole("region", { name: `${run.roundTitle} · 서면심사` });
    expect(await card.getByRole("progressbar").getAttribute("aria-valuetext")).toBe("제출 0 / 2");
    await card.getByRole("link", { name: run.strong.title }).click();
    await page.getByRole("heading", { level: 1, name: run.strong.title }).waitFor();
    await page.getByText("블라인드 심사: 팀·기관 정보가 가려져 있습니다").waitFor();

    // 창의성: the first choice takes Tab; End goes to 10, ← to 9.
    const creativity = page.getByRole("radiogroup", { name: /^창의성/ });
    await creativity.getByRole("radio", { name: "1점" }).focus();
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    expect(await creativity.getByRole("radio", { name: "9점" }).isChecked()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe("9");
    // Its guidance band is marked.
    expect(await creativity.locator(".guidance-list li.is-active").textContent()).toContain("9–10");
    // Tab leaves the group for its comment, then reaches the next group.
    await page.keyboard.press("Tab");
    await page.keyboard.type("국내 첫 시도로 보입니다.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("End"); // 효과성 10
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft"); // 확산가능성 8
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp"); // 국민체감도 8
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // 협업 S
    await page.keyboard.press("ArrowDown"); // 협업 A
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // 난이도 S
    const checked = async (name: RegExp) =>
      page.getByRole("radiogroup", { name }).locator("input:checked").evaluate((el) => (el as HTMLInputElement).value);
    expect(await checked(/^효과성/)).toBe("10");
    expect(await checked(/^확산가능성/)).toBe("8");
    expect(await checked(/^국민체감도/)).toBe("8");
    expect(await checked(/^협업/)).toBe("A");
    expect(await checked(/^난이도/)).toBe("S");
    // 17.7778 + 25 + 15.5556 + 11.6667 + 7.5 + 10 = 87.5
    expect(await page.locator(".live-total-value").textContent()).toContain("87.5점");
    await page.getByText(/모두 저장됨/).waitFor({ timeout: 15_000 });

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);

    await page.getByRole("button", { name: "제출", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "채점표를 제출할까요?" });
    expect(await dialog.textContent()).toContain("87.5점");
    await dialog.getByRole("button", { name: "제출", exact: true }).click();
    await page.getByText("채점표를 제출했습니다. 총점 87.5점.").waitFor();

    await page.getByRole("link", { name: "← 내 심사로 돌아가기" }).click();
    await page.getByRole("heading", { level: 1, name: "심사" }).waitFor();
    const after = page.getByRole("region", { name: `${run.roundTitle} · 서면심사` });
    await expect.poll(() => after.getByRole("progressbar").getAttribute("aria-valuetext")).toBe("제출 1 / 2");
    const row = after.getByRole("row").filter({ has: page.getByRole("link", { name: run.strong.title }) });
    expect(await row.locator(".status-badge").textContent()).toBe("제출");
    expect(await row.locator("td.num").textContent()).toBe("87.5");
  });

  it(
    "lets the organizer close the stage and publish the results, shown on the public page",
    async () => {
      expect(run.stageId).not.toBe("");
      // The other sheets, through the API.
      const judges = await Promise.all(JUDGES.map((j) => api(j.email)));
      await scoreByApi(judges[0]!, run.weak.id, 6, "B");
      await scoreByApi(judges[1]!, run.strong.id, 9, "S");
      await scoreByApi(judges[1]!, run.weak.id, 5, "B");
      await scoreByApi(judges[2]!, run.strong.id, 8, "A");
      await scoreByApi(judges[2]!, run.weak.id, 6, "C");

      const page = await open();
      await logIn(page, ORGANIZER.email, ORGANIZER.name);
      await page.goto(`/organizer/stages/${run.stageId}?tab=progress`);
      await page.getByRole("heading", { level: 1, name: "서면심사" }).waitFor();
      await page.getByText("모든 채점표 제출 완료").waitFor();
      expect(await page.getByRole("progressbar", { name: "전체 채점 진행률" }).getAttribute("aria-valuetext")).toBe("제출 6 / 6");

      await page.getByRole("button", { name: "단계 마감" }).click();
      await page.getByRole("dialog", { name: "단계를 마감할까요?" }).getByRole("button", { name: "단계 마감" }).click();
      await page.getByText("단계를 마감했습니다.", { exact: false }).waitFor();
      await page.getByRole("tab", { name: "결과 미리보기", selected: true }).waitFor();
      const methods = page.getByRole("radiogroup", { name: "집계 방법" });
      expect(await methods.getByRole("radio", { name: "최고·최저점 제외 평균 (이 경진대회 방식)" }).isChecked()).toBe(true);
      const ranking = page.getByRole("table", { name: "최고·최저점 제외 평균 순위" });
      expect(await ranking.locator("tbody tr").first().locator("th").textContent()).toBe(run.strong.title);
      // The radio is drawn by its label (the input is visually hidden), so click the label.
      await methods.locator("label").filter({ hasText: /^평균$/ }).click();
      expect(await methods.getByRole("radio", { name: "평균", exact: true }).isChecked()).toBe(true);
      await page.getByRole("table", { name: "평균 순위" }).waitFor();

      await page.getByRole("link", { name: "결과·시상" }).first().click();
      await page.getByRole("heading", { level: 1, name: "결과·시상" }).waitFor();
      const awards = page.getByRole("table", { name: /최종 순위/ });
      const first = awards.getByRole("row").filter({ hasText: run.strong.title });
      expect(await first.locator("td").nth(3).textContent()).toBe("대상");
      expect(await awards.getByRole("row").filter({ hasText: run.weak.title }).locator("td").nth(3).textContent()).toBe("미수상");
      // An override keeps its recorded reason next to the tier.
      await first.getByRole("button", { name: `${run.strong.title} 시상 등급 조정` }).click();
      const override = page.getByRole("dialog", { name: `‘${run.strong.title}’ 시상 등급 조정` });
      await override.getByLabel("조정 사유").fill("심사위원회 의결로 대상을 확정했습니다.");
      await override.getByRole("button", { name: "저장" }).click();
      await first.getByText("기록된 사유: 심사위원회 의결로 대상을 확정했습니다.").waitFor();
      expect(await first.locator(".override-badge").textContent()).toBe("조정됨");
      // CSV downloads go through the API with the token and are saved from the blob.
      const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "결과 CSV 내려받기" }).click()]);
      expect(csv.suggestedFilename()).toBe("results.csv");

      await page.getByRole("button", { name: "결과 발표" }).click();
      const dialog = page.getByRole("dialog", { name: "결과를 발표할까요?" });
      expect(await dialog.textContent()).toContain("사례 2건 가운데 1건이 수상합니다.");
      await dialog.getByRole("button", { name: "발표", exact: true }).click();
      await page.getByText("결과를 발표했습니다. 참여팀에 알림을 보냈습니다.").waitFor();
      await page.locator(".status-badge", { hasText: "발표됨" }).waitFor();
      expect(await page.getByRole("button", { name: "결과 발표" }).count()).toBe(0);

      // The public page needs no login.
      const visitor = await open();
      await visitor.goto(`/results/${run.roundId}`);
      await visitor.getByRole("heading", { level: 1, name: run.roundTitle }).waitFor();
      const publicRanking = visitor.getByRole("table", { name: /^순위:/ });
      const top = publicRanking.getByRole("row").filter({ hasText: run.strong.title });
      expect(await top.locator("td").first().textContent()).toBe("1");
      expect(await top.locator("td").last().textContent()).toBe("대상");
      const scores = visitor.getByRole("table", { name: `1위 ${run.strong.title}` });
      expect(await scores.locator("tbody th").allTextContents()).toEqual(["J1", "J2", "J3"]);
      expect(await visitor.getByRole("button", { name: "인쇄" }).isVisible()).toBe(true);
      await visitor.emulateMedia({ media: "print" });
      expect(await visitor.locator(".site-header").isVisible()).toBe(false);
      expect(await visitor.getByRole("button", { name: "인쇄" }).isVisible()).toBe(false);
      await visitor.emulateMedia({ media: "screen" });
    },
    90_000,
  );

  it("shows the team its result and takes an objection that the organizer answers", async () => {
    expect(run.weak.id).not.toBe("");
    const page = await open();
    await logIn(page, MEMBER.email, MEMBER.name);
    await page.getByRole("link", { name: /^알림, 읽지 않은 알림 \d+건$/ }).waitFor();
    await page.goto(`/cases/${run.weak.id}`);
    const result = page.getByRole("region", { name: "심사 결과" });
    expect(await result.locator(".status-badge").first().textContent()).toBe("미수상");
    // The rank comes with the published results.
    await result.getByText(/^2위 · [\d.]+점$/).waitFor();
    await result.getByRole("button", { name: "이의신청하기" }).click();
    await result.getByLabel("이의신청 내용").fill("짧음");
    await result.getByRole("button", { name: "이의신청", exact: true }).click();
    await result.getByText("이의신청 내용을 10자 이상 입력하세요.").waitFor();
    await result.getByLabel("이의신청 내용").fill("협업 항목 점수가 제출한 증빙과 맞지 않아 다시 검토를 요청합니다.");
    await result.getByRole("button", { name: "이의신청", exact: true }).click();
    await result.getByText("이의신청을 접수했습니다.", { exact: false }).waitFor();
    await result.getByText("답변 대기").waitFor();

    const organizer = await open();
    await logIn(organizer, ORGANIZER.email, ORGANIZER.name);
    await organizer.goto(`/organizer/rounds/${run.roundId}/results`);
    const objection = organizer.getByRole("article", { name: new RegExp(run.weak.title) });
    await objection.getByLabel("답변").fill("증빙을 다시 확인했으나 점수 변경 사유가 없습니다.");
    await objection.getByText("기각", { exact: true }).click();
    await objection.getByRole("button", { name: "답변 등록" }).click();
    await objection.locator(".status-badge", { hasText: "기각" }).waitFor();

    await page.reload();
    await page.locator("section.case-result").getByText("증빙을 다시 확인했으나 점수 변경 사유가 없습니다.").waitFor();
  });

  it("lets a judge join the judge directory, where an organizer of another agency finds them", async () => {
    // 강민수 (서울특별시 중구) lists himself from his account page.
    const page = await open();
    await logIn(page, "judge3@demo.test", "강민수");
    await page.goto("/me");
    const profile = page.getByRole("region", { name: "심사위원 프로필" });
    await profile.getByText("서울특별시 중구 · 기획예산과 혁신평가팀").waitFor();
    // KRDS draws the box over the label, which takes the click as a person would. (Checked
    // only when not yet, so the test also passes on a database it ran on before.)
    const tick = async (name: string) => {
      const box = profile.getByRole("checkbox", { name });
      if (!(await box.isChecked())) await profile.getByText(name, { exact: true }).click();
      expect(await box.isChecked()).toBe(true);
    };
    await tick("행정혁신");
    await profile.getByLabel(/^표시 소속/).fill("지방재정 성과평가 자문위원");
    await profile.getByLabel(/^키워드/).fill("예산 성과평가, 지방재정");
    await tick("심사위원 인력풀에 공개");
    await profile.getByRole("button", { name: "프로필 저장" }).click();
    await profile.getByText("심사위원 프로필을 저장했습니다. 인력풀에 공개되어 있습니다.").waitFor();
    const profileAxe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(profileAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // 인천광역시's organizer searches the directory on the open stage of 2026 하반기 행정대상.
    const incheon = await api("organizer.incheon@demo.test");
    const rounds = await json<{ items: (Named & { canManage?: boolean })[] }>(await incheon.get("/api/v1/rounds"));
    const round = rounds.items.find((r) => r.title === "2026 하반기 행정대상");
    expect(round).toBeTruthy();
    const stages = await json<{ items: (Named & { status: string })[] }>(await incheon.get(`/api/v1/rounds/${round!.id}/stages`));
    const stage = stages.items.find((st) => st.status !== "closed");
    expect(stage).toBeTruthy();
    const organizer = await open();
    await logIn(organizer, "organizer.incheon@demo.test", "이준호");
    await organizer.goto(`/organizer/stages/${stage!.id}?tab=judges`);
    const directory = organizer.getByRole("region", { name: "심사위원 인력풀에서 찾기" });
    await directory.getByLabel("검색어").fill("지방재정");
    await directory.getByRole("button", { name: "검색" }).click();
    const card = directory.getByRole("listitem", { name: "강민수" });
    await card.getByText("지방재정 성과평가 자문위원", { exact: false }).waitFor();
    // He already sits on this stage, and shared no contact.
    await card.getByText("위촉됨").waitFor();
    expect(await card.getByText("연락처 비공개", { exact: false }).count()).toBe(1);
    // A field filter finds the demo's outside experts of other agencies, ready to appoint.
    await directory.getByLabel("검색어").fill("");
    await directory.getByRole("combobox", { name: "전문 분야" }).selectOption({ label: "디지털·데이터" });
    await directory.getByRole("button", { name: "검색" }).click();
    await directory.getByRole("button", { name: "한유진 위촉" }).waitFor();
    const directoryAxe = await new AxeBuilder({ page: organizer }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(directoryAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
