import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { User } from "../api/types";
import { I18nProvider } from "../i18n/I18nProvider";
import { LanguageStore } from "../i18n/store";
import { admin } from "../pages/audit/testData";
import { json, organizer } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";
import { LoadMore } from "./LoadMore";
import { fetchAllPages, useCursorList } from "./useCursorList";

type Page = { items: string[]; nextCursor?: string };
type Answer = { data?: Page; error?: unknown; response: Response };

const ok = (data: Page): Answer => ({ data, response: new Response(null, { status: 200 }) });
const fail = (status: number, error: unknown): Answer => ({ error, response: new Response(null, { status }) });

/** A list of letters read through the hook, with the shared 더 보기. */
function Letters({ fetchPage }: { fetchPage: (cursor: string | undefined) => Promise<Answer> }) {
  const list = useCursorList(fetchPage, (d) => d.items);
  return (
    <>
      {list.status === "loading" ? <p>loading</p> : null}
      {list.status === "error" ? <p>error {list.httpStatus}</p> : null}
      {list.status === "ok" ? (
        <>
          <ul aria-label="letters">
            {list.items.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
          <LoadMore list={list} />
        </>
      ) : null}
    </>
  );
}

function renderLetters(fetchPage: (cursor: string | undefined) => Promise<Answer>) {
  return render(
    <I18nProvider store={new LanguageStore(null)}>
      <Letters fetchPage={fetchPage} />
    </I18nProvider>,
  );
}

const letters = () => within(screen.getByRole("list", { name: "letters" })).getAllByRole("listitem").map((li) => li.textContent);

/** Pages of two letters over a..e; the cursor is the last letter shown. */
function alphabet(cursors: (string | undefined)[]) {
  const all = ["a", "b", "c", "d", "e"];
  return async (cursor: string | undefined) => {
    cursors.push(cursor);
    const start = cursor ? all.indexOf(cursor) + 1 : 0;
    const items = all.slice(start, start + 2);
    const last = items.at(-1);
    return ok({ items, ...(start + 2 < all.length && last ? { nextCursor: last } : {}) });
  };
}

describe("useCursorList and LoadMore", () => {
  it("shows the first page, appends a page per 더 보기 with the previous nextCursor, and stops at the last", async () => {
    const cursors: (string | undefined)[] = [];
    renderLetters(alphabet(cursors));
    await waitFor(() => expect(letters()).toEqual(["a", "b"]));
    fireEvent.click(screen.getByRole("button", { name: "더 보기" }));
    await waitFor(() => expect(letters()).toEqual(["a", "b", "c", "d"]));
    expect(screen.getByRole("status").textContent).toBe("2건을 더 불러왔습니다. 지금 4건을 표시합니다.");
    fireEvent.click(screen.getByRole("button", { name: "더 보기" }));
    await waitFor(() => expect(letters()).toEqual(["a", "b", "c", "d", "e"]));
    expect(screen.queryByRole("button", { name: "더 보기" })).toBeNull();
    expect(cursors).toEqual([undefined, "b", "d"]);
  });

  it("asks once however often the button is pressed while a page is on its way", async () => {
    const cursors: (string | undefined)[] = [];
    const next = alphabet(cursors);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    renderLetters(async (cursor) => {
      if (cursor) await held;
      return next(cursor);
    });
    await waitFor(() => expect(letters()).toEqual(["a", "b"]));
    const button = screen.getByRole("button", { name: "더 보기" });
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole("button", { name: "불러오는 중…" }).hasAttribute("disabled")).toBe(true));
    await act(async () => release());
    await waitFor(() => expect(letters()).toEqual(["a", "b", "c", "d"]));
    expect(cursors).toEqual([undefined, "b"]);
  });

  it("keeps the items when a page fails, and retries that page", async () => {
    let failNext = true;
    const next = alphabet([]);
    renderLetters(async (cursor) => {
      if (cursor && failNext) {
        failNext = false;
        return fail(503, { code: "database_unavailable", title: "잠시 후 다시", status: 503, detail: "데이터베이스에 연결할 수 없습니다.", type: "x" });
      }
      return next(cursor);
    });
    await waitFor(() => expect(letters()).toEqual(["a", "b"]));
    fireEvent.click(screen.getByRole("button", { name: "더 보기" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("데이터베이스에 연결할 수 없습니다.")).toBeTruthy();
    expect(letters()).toEqual(["a", "b"]);
    fireEvent.click(within(alert).getByRole("button", { name: "다시 시도" }));
    await waitFor(() => expect(letters()).toEqual(["a", "b", "c", "d"]));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("loads the list again from the start when the server refuses the cursor", async () => {
    const cursors: (string | undefined)[] = [];
    const next = alphabet(cursors);
    let refuse = true;
    renderLetters(async (cursor) => {
      if (cursor && refuse) {
        refuse = false;
        cursors.push(cursor);
        return fail(400, { code: "invalid_cursor", title: "페이지 정보가 올바르지 않습니다", status: 400, detail: "다음 페이지 정보(cursor)가 잘못되었습니다.", type: "x", errors: [{ field: "cursor", code: "invalid_cursor", message: "x" }] });
      }
      return next(cursor);
    });
    await waitFor(() => expect(letters()).toEqual(["a", "b"]));
    fireEvent.click(screen.getByRole("button", { name: "더 보기" }));
    const alert = await screen.findByRole("alert");
    // Trying the same cursor again cannot help: the button is gone, the retry starts over.
    expect(screen.queryByRole("button", { name: "더 보기" })).toBeNull();
    fireEvent.click(within(alert).getByRole("button", { name: "다시 시도" }));
    await waitFor(() => expect(cursors).toEqual([undefined, "b", undefined]));
    await waitFor(() => expect(screen.getByRole("button", { name: "더 보기" })).toBeTruthy());
    expect(letters()).toEqual(["a", "b"]);
  });

  it("drops a late answer to an earlier list", async () => {
    let releaseOld: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (releaseOld = resolve));
    const oldList = async () => {
      await slow;
      return ok({ items: ["old"] });
    };
    const newList = async () => ok({ items: ["new"] });
    const Switch = ({ which }: { which: "old" | "new" }) => <Letters fetchPage={which === "old" ? oldList : newList} />;
    const store = new LanguageStore(null);
    const view = render(
      <I18nProvider store={store}>
        <Switch which="old" />
      </I18nProvider>,
    );
    view.rerender(
      <I18nProvider store={store}>
        <Switch which="new" />
      </I18nProvider>,
    );
    await waitFor(() => expect(letters()).toEqual(["new"]));
    await act(async () => releaseOld());
    expect(letters()).toEqual(["new"]);
  });

  it("fetchAllPages follows the cursors, at most maxPages pages", async () => {
    const cursors: (string | undefined)[] = [];
    expect(await fetchAllPages(alphabet(cursors), (d) => d.items)).toEqual(["a", "b", "c", "d", "e"]);
    expect(cursors).toEqual([undefined, "b", "d"]);
    expect(await fetchAllPages(alphabet([]), (d) => d.items, 2)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("a paged page", () => {
  it("lists users a page at a time with 더 보기 (사용자)", async () => {
    const users: User[] = Array.from({ length: 25 }, (_, i) => ({
      ...organizer,
      id: `7f1c1a60-0000-4000-8000-${String(i).padStart(12, "0")}`,
      email: `u${i}@demo.test`,
      displayName: `사용자 ${i + 1}`,
    }));
    const seen: URLSearchParams[] = [];
    await renderApp(
      "/admin/users",
      (request, s) => {
        if (s.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
        if (s.path !== "/api/v1/users") return null;
        const params = new URL(request.url).searchParams;
        seen.push(params);
        const start = params.get("cursor") ? Number(params.get("cursor")) : 0;
        const items = users.slice(start, start + 20);
        return json(200, { items, ...(start + 20 < users.length ? { nextCursor: String(start + 20) } : {}) });
      },
      admin,
    );
    const table = await screen.findByRole("table");
    expect(within(table).getAllByRole("row")).toHaveLength(21);
    expect(screen.getByText("20명 표시 중 · 더 있음")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "더 보기" }));
    await waitFor(() => expect(within(screen.getByRole("table")).getAllByRole("row")).toHaveLength(26));
    expect(seen.at(-1)?.get("cursor")).toBe("20");
    expect(screen.getByText("모두 25명")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "더 보기" })).toBeNull();
  });
});
