import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { User } from "../../api/types";
import { json, organizer, problem } from "../../test/fakeServer";
import { member } from "../../test/fixtures";
import { CLIENT_ID_KEY } from "./clientId";
import { archiveCase, ENTRY, FIRE, renderAt } from "./testKit";
import type { ArchiveQuestion, ArchiveQuestionList } from "./types";

const CASE = `/api/v1/archive/cases/${ENTRY}`;
const Q1 = "5b0d6c2e-1f6a-4a53-9d55-0c7f0e3a9d01";
const Q2 = "5b0d6c2e-1f6a-4a53-9d55-0c7f0e3a9d02";
const fireMember: User = { ...member, email: "member.fire@demo.test", displayName: "정다은", agency: { id: FIRE, name: "인천광역시 소방본부" } };
const incheonOrganizer: User = { ...organizer, email: "organizer.incheon@demo.test", displayName: "이준호" };

function question(overrides: Partial<ArchiveQuestion> = {}): ArchiveQuestion {
  return {
    id: Q1,
    entryId: ENTRY,
    text: "도입 비용은 얼마나 들었나요?",
    askerName: "김*윤",
    askerAgency: { id: "7f1c1a60-0000-4000-8000-0000000000a1", name: "부천시" },
    askedAt: "2026-06-01T01:00:00Z",
    mine: false,
    ...overrides,
  };
}

const answered = question({
  id: Q2,
  text: "야간에도 운영하나요?",
  answer: { text: "네, 24시간 운영합니다.", answeredAs: "인천 소방 119 혁신팀", answeredAt: "2026-06-02T01:00:00Z", updatedAt: "2026-06-02T01:00:00Z" },
});

interface Seen {
  method: string;
  path: string;
  body: string;
  clientId: string | null;
}

/** The case page's API: the case, its questions, and the reaction calls, recorded. */
function reactionServer(list: ArchiveQuestionList, helpful = { count: 2, mine: false }) {
  const calls: Seen[] = [];
  let questions = list;
  let state = helpful;
  const handler = (request: Request, seen: { path: string; method: string; body: string }) => {
    const clientId = request.headers.get("X-Client-Id");
    if (seen.path === CASE && seen.method === "GET") {
      calls.push({ ...seen, clientId });
      return json(200, archiveCase({ helpfulCount: state.count, helpfulByMe: state.mine }));
    }
    if (seen.path === `${CASE}/similar`) return json(200, { items: [] });
    if (seen.path === `${CASE}/helpful`) {
      calls.push({ ...seen, clientId });
      const on = seen.method === "PUT";
      if (on !== state.mine) state = { count: state.count + (on ? 1 : -1), mine: on };
      return json(200, { helpfulCount: state.count, helpfulByMe: state.mine });
    }
    if (seen.path === `${CASE}/questions` && seen.method === "GET") return json(200, questions);
    if (seen.path.startsWith("/api/v1/archive/") && seen.method !== "GET") {
      calls.push({ ...seen, clientId });
      return null;
    }
    return null;
  };
  return {
    calls,
    set: (next: ArchiveQuestionList) => {
      questions = next;
    },
    handler,
  };
}

const publicList = (items: ArchiveQuestion[]): ArchiveQuestionList => ({ items, canAsk: false, canAnswer: false, canModerate: false });

describe("archive case reactions", () => {
  it("lets an anonymous visitor mark the case helpful and take it back, with one browser id", async () => {
    const server = reactionServer(publicList([answered]));
    await renderAt(`/archive/${ENTRY}`, server.handler);
    const button = await screen.findByRole("button", { name: /^도움이 됐어요/ });
    expect(button.textContent).toBe("도움이 됐어요 2명");
    expect(button.getAttribute("aria-pressed")).toBe("false");

    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute("aria-pressed")).toBe("true"));
    expect(button.textContent).toBe("도움이 됐어요 3명");
    expect(screen.getByText("도움이 됐다고 표시했습니다. 다시 누르면 취소됩니다.")).toBeTruthy();

    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute("aria-pressed")).toBe("false"));
    expect(button.textContent).toBe("도움이 됐어요 2명");

    const id = localStorage.getItem(CLIENT_ID_KEY);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(server.calls.map((c) => [c.method, c.clientId])).toEqual([
      ["GET", id],
      ["PUT", id],
      ["DELETE", id],
    ]);
  });

  it("shows the browser's earlier mark as pressed", async () => {
    await renderAt(`/archive/${ENTRY}`, reactionServer(publicList([]), { count: 5, mine: true }).handler);
    const button = await screen.findByRole("button", { name: /^도움이 됐어요/ });
    expect(button.getAttribute("aria-pressed")).toBe("true");
    expect(button.textContent).toBe("도움이 됐어요 5명");
  });

  it("lists questions with answers publicly, and asks visitors to sign in before asking", async () => {
    await renderAt(`/archive/${ENTRY}`, reactionServer(publicList([question(), answered])).handler);
    const list = await screen.findByRole("list", { name: "질문 목록" });
    const [first, second] = within(list).getAllByRole("listitem");
    expect(first!.textContent).toContain("부천시 김*윤");
    expect(first!.textContent).toContain("아직 답변이 없습니다.");
    expect(second!.textContent).toContain("인천 소방 119 혁신팀의 답변");
    expect(second!.textContent).toContain("네, 24시간 운영합니다.");
    expect(screen.getByText("로그인하면 사례를 만든 팀에 질문할 수 있습니다.", { exact: false })).toBeTruthy();
    expect(screen.queryByRole("textbox", { name: /^질문/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "답변하기" })).toBeNull();
    expect(screen.queryByRole("button", { name: "질문 숨기기" })).toBeNull();
  });

  it("checks a question's length before sending, shows the server's field error, then posts it", async () => {
    const server = reactionServer({ ...publicList([]), canAsk: true });
    const posted: string[] = [];
    await renderAt(
      `/archive/${ENTRY}`,
      (request, seen) => {
        if (seen.path === `${CASE}/questions` && seen.method === "POST") {
          posted.push(seen.body);
          if (posted.length === 1) {
            return problem(400, "validation_failed", "일부 항목이 올바르지 않습니다.", [
              { field: "text", code: "max_length", message: "1000자 이하로 입력해 주세요." },
            ]);
          }
          const created = question({ id: Q2, text: "민원 응대 매뉴얼을 공유받을 수 있을까요?", askerName: "최*나", mine: true });
          server.set({ ...publicList([created]), canAsk: true });
          return json(201, created);
        }
        return server.handler(request, seen);
      },
      member,
    );
    const field = await screen.findByRole("textbox", { name: /^질문/ });
    fireEvent.change(field, { target: { value: "  비용?  " } });
    fireEvent.click(screen.getByRole("button", { name: "질문 남기기" }));
    await waitFor(() => expect(field.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("5자 이상 입력해 주세요.")).toBeTruthy();
    expect(posted).toEqual([]);

    fireEvent.change(field, { target: { value: "민원 응대 매뉴얼을 공유받을 수 있을까요?" } });
    fireEvent.click(screen.getByRole("button", { name: "질문 남기기" }));
    expect(await screen.findByText("1000자 이하로 입력해 주세요.")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "질문 남기기" }));
    expect(await screen.findByText("질문을 남겼습니다. 사례를 만든 팀에 알렸습니다.")).toBeTruthy();
    expect(JSON.parse(posted[1]!)).toEqual({ text: "민원 응대 매뉴얼을 공유받을 수 있을까요?" });
    const list = await screen.findByRole("list", { name: "질문 목록" });
    expect(within(list).getByText("민원 응대 매뉴얼을 공유받을 수 있을까요?")).toBeTruthy();
    expect((field as HTMLTextAreaElement).value).toBe("");
  });

  it("lets the team answer a question", async () => {
    const server = reactionServer({ ...publicList([question()]), canAsk: true, canAnswer: true });
    const answers: string[] = [];
    await renderAt(
      `/archive/${ENTRY}`,
      (request, seen) => {
        if (seen.path === `/api/v1/archive/questions/${Q1}/answer` && seen.method === "PUT") {
          answers.push(seen.body);
          const updated = question({
            answer: { text: "예산 없이 석 달 걸렸습니다.", answeredAs: "인천 소방 119 혁신팀", answeredAt: "2026-06-03T01:00:00Z", updatedAt: "2026-06-03T01:00:00Z" },
          });
          server.set({ ...publicList([updated]), canAsk: true, canAnswer: true });
          return json(200, updated);
        }
        return server.handler(request, seen);
      },
      fireMember,
    );
    fireEvent.click(await screen.findByRole("button", { name: "답변하기" }));
    fireEvent.click(screen.getByRole("button", { name: "답변 저장" }));
    expect(await screen.findByText("내용을 입력해 주세요.")).toBeTruthy();
    expect(answers).toEqual([]);

    fireEvent.change(screen.getByLabelText(/^답변/), { target: { value: "예산 없이 석 달 걸렸습니다." } });
    fireEvent.click(screen.getByRole("button", { name: "답변 저장" }));
    expect(await screen.findByText("답변을 등록했습니다. 질문한 분께 알렸습니다.")).toBeTruthy();
    expect(JSON.parse(answers[0]!)).toEqual({ text: "예산 없이 석 달 걸렸습니다." });
    expect(await screen.findByText("예산 없이 석 달 걸렸습니다.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "답변 고치기" })).toBeTruthy();
  });

  it("shows the organizer hidden posts marked, and hides a question with a reason", async () => {
    const hidden = question({
      id: Q2,
      text: "광고 문의는 010-0000-0000",
      hidden: { hiddenAt: "2026-06-04T01:00:00Z", hiddenBy: "이준호", reason: "광고성 글" },
    });
    const server = reactionServer({ items: [question(), hidden], canAsk: true, canAnswer: false, canModerate: true });
    const hides: string[] = [];
    await renderAt(
      `/archive/${ENTRY}`,
      (request, seen) => {
        if (seen.path === `/api/v1/archive/questions/${Q1}/hide` && seen.method === "POST") {
          hides.push(seen.body);
          const now = question({ hidden: { hiddenAt: "2026-06-05T01:00:00Z", hiddenBy: "이준호", reason: "욕설" } });
          server.set({ items: [now, hidden], canAsk: true, canAnswer: false, canModerate: true });
          return json(200, now);
        }
        return server.handler(request, seen);
      },
      incheonOrganizer,
    );
    const list = await screen.findByRole("list", { name: "질문 목록" });
    const [visible, marked] = within(list).getAllByRole("listitem");
    expect(within(marked!).getByText("숨김")).toBeTruthy();
    expect(marked!.textContent).toContain("사유: 광고성 글 (이준호,");
    expect(within(marked!).queryByRole("button", { name: "질문 숨기기" })).toBeNull();
    expect(within(visible!).queryByRole("button", { name: "답변하기" })).toBeNull();

    fireEvent.click(within(visible!).getByRole("button", { name: "질문 숨기기" }));
    const dialog = screen.getByRole("dialog", { name: "이 질문을 숨길까요?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "숨기기" }));
    expect(await within(dialog).findByText("내용을 입력해 주세요.")).toBeTruthy();
    expect(hides).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText(/^숨기는 사유/), { target: { value: "욕설" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "숨기기" }));
    expect(await screen.findByText("질문을 숨겼습니다.")).toBeTruthy();
    expect(JSON.parse(hides[0]!)).toEqual({ reason: "욕설" });
    await waitFor(() => expect(screen.getAllByText("숨김")).toHaveLength(2));
  });

  it("shows the server's refusal of an answer to a hidden post", async () => {
    const server = reactionServer({ ...publicList([question()]), canAsk: true, canAnswer: true });
    await renderAt(
      `/archive/${ENTRY}`,
      (request, seen) => {
        if (seen.path === `/api/v1/archive/questions/${Q1}/answer`) {
          return problem(409, "post_hidden", "운영 기준에 따라 숨겨진 질문이나 답변은 고치거나 다시 숨길 수 없습니다.");
        }
        return server.handler(request, seen);
      },
      fireMember,
    );
    fireEvent.click(await screen.findByRole("button", { name: "답변하기" }));
    fireEvent.change(screen.getByLabelText(/^답변/), { target: { value: "다시 답합니다." } });
    fireEvent.click(screen.getByRole("button", { name: "답변 저장" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("숨겨진 질문이나 답변은 고치거나 다시 숨길 수 없습니다.");
  });
});
