import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { member } from "../../test/fixtures";
import { json, problem } from "../../test/fakeServer";
import { currentLocation, renderApp, type Handler } from "../../test/renderApp";
import { CASE_BILL, CASE_DELIB, publicVote, VERIFICATION, VOTE_STAGE, voteSummary } from "./testData";
import type { PublicVote } from "./types";

const PAGE = `/api/v1/public/stages/${VOTE_STAGE}/vote`;
const CODES = `/api/v1/public/stages/${VOTE_STAGE}/vote/codes`;
const BALLOTS = `/api/v1/public/stages/${VOTE_STAGE}/ballots`;
const CAST_AT = "2026-11-12T05:30:00Z";

async function renderVote(vote: PublicVote, handler: Handler = () => null, user?: typeof member) {
  const net = await renderApp(
    `/votes/${VOTE_STAGE}`,
    async (request, seen) => {
      const answer = await handler(request, seen);
      if (answer) return answer;
      if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
      if (seen.path === PAGE && seen.method === "GET") return json(200, vote);
      return null;
    },
    user,
  );
  await screen.findByRole("heading", { level: 1, name: "2026 하반기 행정대상" });
  return net;
}

const pick = (title: string) => screen.getByRole("checkbox", { name: `${title} 선택` }) as HTMLInputElement;

/** Answers a code request and a ballot as the server does, and lets a test refuse the ballot. */
function codeServer(refuseBallot?: () => Response): Handler {
  return (_request, seen) => {
    if (seen.path === CODES && seen.method === "POST") {
      return json(202, { verificationId: VERIFICATION, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() });
    }
    if (seen.path === BALLOTS && seen.method === "POST") {
      if (refuseBallot) return refuseBallot();
      const body = JSON.parse(seen.body) as { caseIds: string[] };
      return json(201, { id: "b1", stageId: VOTE_STAGE, caseIds: body.caseIds, verifiedBy: "email_code", castAt: CAST_AT });
    }
    return null;
  };
}

async function requestCode(email = "citizen@example.kr") {
  fireEvent.change(screen.getByLabelText(/^이메일 주소/), { target: { value: email } });
  fireEvent.click(screen.getByRole("button", { name: "인증번호 받기" }));
  return (await screen.findByLabelText("인증번호 6자리")) as HTMLInputElement;
}

describe("public vote page", () => {
  it("shows the round, rules, finalists with counts and collapsible outcomes", async () => {
    await renderVote(publicVote());
    expect(screen.getByText("본선 온라인 국민투표 · 주관 행정안전부")).toBeTruthy();
    expect(screen.getByText("투표 중")).toBeTruthy();
    expect(screen.getByText(/^마감 D-/)).toBeTruthy();
    expect(screen.getByText("마음에 드는 사례를 최대 2개까지 고를 수 있습니다.")).toBeTruthy();
    expect(screen.getByText("고른 사례마다 한 표씩 들어갑니다 (1사례 1표).")).toBeTruthy();
    expect(screen.getByText("투표 결과는 이 심사 단계 점수의 20%로 반영됩니다.")).toBeTruthy();
    expect(screen.getByText("지금까지 5명 참여")).toBeTruthy();

    const card = screen.getByRole("article", { name: "숙의기반 갈등관리 시스템" });
    expect(within(card).getByText("인천 갈등관리 혁신팀")).toBeTruthy();
    expect(within(card).getByText("인천광역시")).toBeTruthy();
    expect(within(card).getByText("행정")).toBeTruthy();
    expect(within(card).getByText("득표 3표")).toBeTruthy();
    const outcomes = within(card).getByText("주요 성과 보기").closest("details")!;
    expect(outcomes.open).toBe(false);
    expect(within(outcomes).getByText("갈등 조정 기간이 18개월에서 7개월로 줄었습니다.")).toBeTruthy();
    // The leader's bar is full and the others are in proportion.
    const bill = screen.getByRole("article", { name: "세입 고지서 전자 발송" });
    expect(bill.querySelector<HTMLElement>(".bar-fill")!.style.width).toBe("100%");
    expect(card.querySelector<HTMLElement>(".bar-fill")!.style.width).toBe("60%");
    // A case without outcomes has nothing to expand.
    expect(within(screen.getByRole("article", { name: "공영주차장 공유 예약" })).queryByText("주요 성과 보기")).toBeNull();
  });

  it("hides the counts when the round does not show them", async () => {
    const vote = publicVote({ showCounts: false });
    delete vote.totalBallots;
    await renderVote({ ...vote, cases: vote.cases.map(({ votes: _votes, ...c }) => c) });
    expect(screen.queryByText(/^득표 \d+표$/)).toBeNull();
    expect(screen.queryByText(/명 참여$/)).toBeNull();
  });

  it("limits the choice to maxChoices and says so, then lets a choice be swapped", async () => {
    await renderVote(publicVote());
    fireEvent.click(pick("숙의기반 갈등관리 시스템"));
    fireEvent.click(pick("세입 고지서 전자 발송"));
    expect(screen.getAllByText("2/2개 선택").length).toBeGreaterThan(0);
    expect(screen.getByText("2개를 모두 골랐습니다.")).toBeTruthy();

    fireEvent.click(pick("공영주차장 공유 예약"));
    expect(pick("공영주차장 공유 예약").checked).toBe(false);
    const limit = screen.getByText("최대 2개까지 선택할 수 있습니다. 다른 사례를 고르려면 먼저 고른 사례 하나를 해제하세요.");
    expect(limit.closest('[role="status"]')).toBeTruthy();

    fireEvent.click(pick("숙의기반 갈등관리 시스템"));
    fireEvent.click(pick("공영주차장 공유 예약"));
    expect(pick("공영주차장 공유 예약").checked).toBe(true);
    expect(pick("숙의기반 갈등관리 시스템").checked).toBe(false);
    expect(screen.queryByText(/최대 2개까지 선택할 수 있습니다\./)).toBeNull();
    const chosen = screen.getByRole("list", { name: /^고른 사례/ });
    expect(within(chosen).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["세입 고지서 전자 발송", "공영주차장 공유 예약"]);
  });

  it("votes without signing in: asks for a code by e-mail, then sends the ballot with the code", async () => {
    const net = await renderVote(publicVote(), codeServer());
    fireEvent.click(pick("세입 고지서 전자 발송"));
    fireEvent.click(pick("숙의기반 갈등관리 시스템"));
    expect(screen.queryByRole("button", { name: "투표하기" })).toBeNull();

    const code = await requestCode();
    expect(code.getAttribute("inputmode")).toBe("numeric");
    expect(code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(screen.getByText("citizen@example.kr(으)로 인증번호를 보냈습니다. 메일함(스팸메일함 포함)을 확인하세요.")).toBeTruthy();
    expect(screen.getByText(/^메일로 받은 6자리 숫자를 입력하세요\. .+까지 유효합니다\.$/)).toBeTruthy();
    expect(screen.getByText(/^남은 시간 (10:00|9:\d\d)$/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(code));

    // Pasted with a space, kept as six digits.
    fireEvent.change(code, { target: { value: "123 456" } });
    expect(code.value).toBe("123456");
    fireEvent.click(screen.getByRole("button", { name: "투표하기" }));

    await screen.findByRole("heading", { level: 1, name: "투표해 주셔서 감사합니다" });
    const posts = net.requests.filter((r) => r.method === "POST" && r.path.startsWith("/api/v1/public/"));
    expect(posts.map((r) => r.path)).toEqual([CODES, BALLOTS]);
    expect(JSON.parse(posts[0]!.body)).toEqual({ email: "citizen@example.kr" });
    expect(JSON.parse(posts[1]!.body)).toEqual({ caseIds: [CASE_BILL, CASE_DELIB], verificationId: VERIFICATION, code: "123456" });
    expect(posts[1]!.authorization).toBeNull();

    expect(currentLocation()).toBe(`/votes/${VOTE_STAGE}/thanks`);
    const thanks = screen.getByRole("list", { name: "투표한 사례" });
    expect(within(thanks).getAllByRole("listitem").map((li) => li.querySelector("strong")?.textContent)).toEqual([
      "세입 고지서 전자 발송",
      "숙의기반 갈등관리 시스템",
    ]);
    expect(await within(thanks).findByText("현재 5표")).toBeTruthy();
    expect(screen.getByText(/^2026년 11월 12일/).closest("time")?.getAttribute("dateTime")).toBe(CAST_AT);
    expect(screen.getByText("이메일 인증")).toBeTruthy();
    expect(screen.getByRole("link", { name: "투표 페이지로 돌아가기" }).getAttribute("href")).toBe(`/votes/${VOTE_STAGE}`);
    expect(screen.getByRole("link", { name: "사례 아카이브 둘러보기" }).getAttribute("href")).toBe("/archive");
  });

  it("shows a wrong code in Korean next to the code field, keeps the choice and offers a new code", async () => {
    const net = await renderVote(
      publicVote(),
      codeServer(() =>
        problem(400, "validation_failed", "입력값을 확인해 주세요.", [
          { field: "code", code: "vote_code_wrong", message: "인증번호가 맞지 않습니다. 메일로 받은 6자리 숫자를 확인해 주세요." },
        ]),
      ),
    );
    fireEvent.click(pick("숙의기반 갈등관리 시스템"));
    const code = await requestCode();
    fireEvent.change(code, { target: { value: "000000" } });
    fireEvent.click(screen.getByRole("button", { name: "투표하기" }));

    expect(await screen.findByText("인증번호가 맞지 않습니다. 메일로 받은 6자리 숫자를 확인해 주세요.")).toBeTruthy();
    expect(code.getAttribute("aria-invalid")).toBe("true");
    expect(code.getAttribute("aria-describedby")).toContain("vote-code-error");
    await waitFor(() => expect(document.activeElement).toBe(code));
    expect(screen.getByRole("alert").textContent).toContain("입력값을 확인해 주세요.");
    // The choice is kept.
    expect(pick("숙의기반 갈등관리 시스템").checked).toBe(true);
    expect(screen.getAllByText("1/2개 선택").length).toBeGreaterThan(0);

    // A new code goes to the same address.
    fireEvent.click(screen.getByRole("button", { name: "인증번호 다시 받기" }));
    await waitFor(() => expect(net.requests.filter((r) => r.path === CODES)).toHaveLength(2));
    expect(JSON.parse(net.requests.filter((r) => r.path === CODES)[1]!.body)).toEqual({ email: "citizen@example.kr" });
    await waitFor(() => expect((screen.getByLabelText("인증번호 6자리") as HTMLInputElement).value).toBe(""));
  });

  it("checks locally before asking: a choice, an e-mail address and six digits", async () => {
    const net = await renderVote(publicVote(), codeServer());
    fireEvent.change(screen.getByLabelText(/^이메일 주소/), { target: { value: "not-an-address" } });
    fireEvent.click(screen.getByRole("button", { name: "인증번호 받기" }));
    expect(await screen.findByText("올바른 이메일 주소를 입력하세요.")).toBeTruthy();
    const code = await requestCode();
    fireEvent.change(code, { target: { value: "12" } });
    fireEvent.click(screen.getByRole("button", { name: "투표하기" }));
    const noChoice = await screen.findByText("투표할 사례를 1개 이상 선택하세요.");
    await waitFor(() => expect(document.activeElement).toBe(noChoice));
    expect(screen.getByText("메일로 받은 6자리 숫자를 입력하세요.")).toBeTruthy();
    expect(net.requests.some((r) => r.path === BALLOTS)).toBe(false);
  });

  it("says so when the address has already voted", async () => {
    await renderVote(
      publicVote(),
      codeServer(() => problem(409, "already_voted", "이 이메일 주소로 이미 투표했습니다. 한 사람은 한 번만 투표할 수 있습니다.")),
    );
    fireEvent.click(pick("세입 고지서 전자 발송"));
    const code = await requestCode();
    fireEvent.change(code, { target: { value: "654321" } });
    fireEvent.click(screen.getByRole("button", { name: "투표하기" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("이미 투표하셨습니다. 한 사람은 한 번만 투표할 수 있습니다.");
    expect(pick("세입 고지서 전자 발송").checked).toBe(true);
    expect(currentLocation()).toBe(`/votes/${VOTE_STAGE}`);
  });

  it("tells how long to wait when codes are rate limited", async () => {
    await renderVote(publicVote(), (_request, seen) =>
      seen.path === CODES
        ? new Response(JSON.stringify({ type: "/docs#problem-rate_limited", title: "요청이 너무 많습니다", status: 429, code: "rate_limited", retryAfterSeconds: 600 }), {
            status: 429,
            headers: { "Content-Type": "application/problem+json", "Retry-After": "600" },
          })
        : null,
    );
    fireEvent.change(screen.getByLabelText(/^이메일 주소/), { target: { value: "citizen@example.kr" } });
    fireEvent.click(screen.getByRole("button", { name: "인증번호 받기" }));
    expect((await screen.findByRole("alert")).textContent).toBe("요청이 너무 많습니다. 10분 뒤에 다시 시도해 주세요.");
  });

  it("lets a signed-in user vote directly as their account", async () => {
    const net = await renderVote(
      publicVote(),
      (_request, seen) =>
        seen.path === BALLOTS && seen.method === "POST"
          ? json(201, { id: "b2", stageId: VOTE_STAGE, caseIds: [CASE_DELIB], verifiedBy: "account", castAt: CAST_AT })
          : null,
      member,
    );
    expect(await screen.findByText("최유나님의 계정(member@demo.test)으로 투표합니다.")).toBeTruthy();
    expect(screen.queryByLabelText(/^이메일 주소/)).toBeNull();
    fireEvent.click(pick("숙의기반 갈등관리 시스템"));
    fireEvent.click(screen.getByRole("button", { name: "투표하기" }));
    await screen.findByRole("heading", { level: 1, name: "투표해 주셔서 감사합니다" });
    const post = net.requests.find((r) => r.path === BALLOTS)!;
    expect(JSON.parse(post.body)).toEqual({ caseIds: [CASE_DELIB] });
    expect(post.authorization).toBe("Bearer t1");
    expect(net.requests.some((r) => r.path === CODES)).toBe(false);
    expect(screen.getByText("로그인 계정")).toBeTruthy();
  });

  it("shows a closed vote without the ballot", async () => {
    await renderVote(publicVote({ status: "closed", opensAt: "2026-11-01T00:00:00Z", closesAt: "2026-11-10T09:00:00Z" }));
    expect(screen.getByText("투표 마감")).toBeTruthy();
    expect(screen.getByText(/^투표가 2026년 11월 10일 .+에 마감되었습니다\. 참여해 주셔서 감사합니다\.$/)).toBeTruthy();
    expect(screen.queryAllByRole("checkbox")).toHaveLength(0);
    expect(screen.queryByRole("heading", { name: "투표하기" })).toBeNull();
    expect(screen.queryByRole("button", { name: "인증번호 받기" })).toBeNull();
    // The finalists and counts stay readable.
    expect(screen.getByRole("article", { name: "세입 고지서 전자 발송" })).toBeTruthy();
    expect(screen.getByText("득표 5표")).toBeTruthy();
  });

  it("shows when a scheduled vote opens", async () => {
    await renderVote(publicVote({ status: "scheduled", opensAt: "2099-11-02T00:00:00Z", closesAt: "2099-11-20T09:00:00Z" }));
    expect(screen.getByText("투표 예정")).toBeTruthy();
    expect(screen.getByText(/^시작 D-\d+$/)).toBeTruthy();
    expect(screen.getByText(/^투표는 2099년 11월 2일 .+에 시작합니다\./)).toBeTruthy();
    expect(screen.queryAllByRole("checkbox")).toHaveLength(0);
  });

  it("re-reads the vote when the server says it is no longer open", async () => {
    let closed = false;
    await renderVote(publicVote(), (_request, seen) => {
      if (seen.path === CODES) {
        closed = true;
        return problem(409, "vote_not_open", "지금은 투표할 수 없습니다.");
      }
      if (seen.path === PAGE && closed) return json(200, publicVote({ status: "closed" }));
      return null;
    });
    fireEvent.change(screen.getByLabelText(/^이메일 주소/), { target: { value: "citizen@example.kr" } });
    fireEvent.click(screen.getByRole("button", { name: "인증번호 받기" }));
    expect(await screen.findByText(/^투표가 .+에 마감되었습니다\./)).toBeTruthy();
    expect(screen.queryAllByRole("checkbox")).toHaveLength(0);
  });
});

describe("public vote list", () => {
  it("groups open, scheduled and closed votes with badges and D-day, linking to each vote", async () => {
    await renderApp("/votes", (_request, seen) =>
      seen.path === "/api/v1/public/votes"
        ? json(200, {
            items: [
              voteSummary(),
              voteSummary({ stageId: "7f1c1a60-0000-4000-8000-000000000e02", roundTitle: "2027 상반기 으뜸상", status: "scheduled", opensAt: "2099-01-05T00:00:00Z", closesAt: "2099-01-20T00:00:00Z" }),
              voteSummary({ stageId: "7f1c1a60-0000-4000-8000-000000000e03", roundTitle: "2026 적극행정 우수사례", status: "closed", opensAt: "2026-05-01T00:00:00Z", closesAt: "2026-05-08T00:00:00Z" }),
            ],
          })
        : null,
    );
    await screen.findByRole("heading", { level: 1, name: "국민투표" });
    const open = screen.getByRole("region", { name: "투표 중" });
    const card = within(open).getByRole("listitem");
    expect(within(card).getByRole("link", { name: "2026 하반기 행정대상" }).getAttribute("href")).toBe(`/votes/${VOTE_STAGE}`);
    expect(within(card).getByText("투표 중")).toBeTruthy();
    expect(within(card).getByText(/^마감 D-\d+$/)).toBeTruthy();
    expect(within(card).getByText("본선 국민투표")).toBeTruthy();
    expect(within(card).getByText("3건")).toBeTruthy();
    const scheduled = screen.getByRole("region", { name: "투표 예정" });
    expect(within(scheduled).getByText(/^시작 D-\d+$/)).toBeTruthy();
    const closed = screen.getByRole("region", { name: "최근 마감된 투표" });
    expect(within(closed).getByText("마감됨")).toBeTruthy();
    expect(within(closed).getByRole("link", { name: "2026 적극행정 우수사례" })).toBeTruthy();
  });

  it("says when there is no vote, and visitors reach the list from the header", async () => {
    await renderApp("/votes", (_request, seen) => (seen.path === "/api/v1/public/votes" ? json(200, { items: [] }) : null));
    expect(await screen.findByText("지금 진행 중이거나 예정된 국민투표가 없습니다.")).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "주 메뉴" });
    expect(within(nav).getByRole("link", { name: "국민투표" }).getAttribute("href")).toBe("/votes");
  });
});
