import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, etagRevision, type SaveOutcome } from "./autosave";

interface Doc {
  title: string;
  revision: number;
}

/**
 * A fake API with the server's optimistic concurrency: PUT with If-Match must name the
 * current revision, else 412 with the current document.
 */
function fakeApi() {
  let doc: Doc = { title: "처음", revision: 1 };
  const calls: { title: string; ifMatch: string }[] = [];
  let fail = false;
  const save = async (draft: { title: string }, etag: string): Promise<SaveOutcome<Doc>> => {
    calls.push({ title: draft.title, ifMatch: etag });
    await Promise.resolve();
    if (fail) return { kind: "failed" };
    if (etag !== `"${doc.revision}"`) return { kind: "conflict", current: doc, etag: `"${doc.revision}"` };
    doc = { title: draft.title, revision: doc.revision + 1 };
    return { kind: "saved", value: doc, etag: `"${doc.revision}"` };
  };
  return {
    save,
    calls,
    /** Someone else saves in between. */
    otherSave(title: string) {
      doc = { title, revision: doc.revision + 1 };
    },
    setFail(value: boolean) {
      fail = value;
    },
    get doc() {
      return doc;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("Autosave", () => {
  it("debounces: one save 1.5 s after the last change, with the latest draft", async () => {
    const api = fakeApi();
    const autosave = new Autosave({ save: api.save, etag: '"1"' });
    autosave.change({ title: "가" });
    await vi.advanceTimersByTimeAsync(1000);
    autosave.change({ title: "가나" });
    await vi.advanceTimersByTimeAsync(1000);
    autosave.change({ title: "가나다" });
    expect(autosave.getState().status).toBe("dirty");
    await vi.advanceTimersByTimeAsync(1499);
    expect(api.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.calls).toEqual([{ title: "가나다", ifMatch: '"1"' }]);
    expect(autosave.getState()).toMatchObject({ status: "saved", etag: '"2"' });
  });

  it("carries the ETag of each save into the next If-Match", async () => {
    const api = fakeApi();
    const saved: string[] = [];
    const autosave = new Autosave({ save: api.save, etag: '"1"', onSaved: (doc) => saved.push(doc.title) });
    for (const title of ["하나", "둘", "셋"]) {
      autosave.change({ title });
      await vi.advanceTimersByTimeAsync(1500);
    }
    expect(api.calls.map((c) => c.ifMatch)).toEqual(['"1"', '"2"', '"3"']);
    expect(saved).toEqual(["하나", "둘", "셋"]);
    expect(autosave.getState().etag).toBe('"4"');
    expect(autosave.getState().savedAt).toBeInstanceOf(Date);
  });

  it("stops on 412, exposes the current document, and never saves over it", async () => {
    const api = fakeApi();
    const autosave = new Autosave({ save: api.save, etag: '"1"' });
    api.otherSave("다른 팀원의 제목");
    autosave.change({ title: "내 제목" });
    await vi.advanceTimersByTimeAsync(1500);
    expect(autosave.getState()).toMatchObject({
      status: "conflict",
      current: { title: "다른 팀원의 제목", revision: 2 },
      currentEtag: '"2"',
    });
    expect(autosave.stopped).toBe(true);

    autosave.change({ title: "내 제목 2" });
    await vi.advanceTimersByTimeAsync(10_000);
    await autosave.flush();
    expect(api.calls).toHaveLength(1);
    expect(api.doc.title).toBe("다른 팀원의 제목");

    // Loading the latest version continues from its ETag.
    autosave.resume('"2"');
    autosave.change({ title: "다시 고침" });
    await vi.advanceTimersByTimeAsync(1500);
    expect(api.calls.at(-1)).toEqual({ title: "다시 고침", ifMatch: '"2"' });
    expect(autosave.getState().status).toBe("saved");
  });

  it("saves changes made during a save afterwards, one save at a time", async () => {
    let release: () => void = () => {};
    const seen: string[] = [];
    let revision = 1;
    const autosave = new Autosave<{ title: string }, number>({
      etag: '"1"',
      save: async (draft, etag) => {
        seen.push(`${draft.title}@${etag}`);
        await new Promise<void>((resolve) => (release = resolve));
        revision += 1;
        return { kind: "saved", value: revision, etag: `"${revision}"` };
      },
    });
    autosave.change({ title: "A" });
    await vi.advanceTimersByTimeAsync(1500);
    expect(autosave.getState().status).toBe("saving");
    autosave.change({ title: "B" });
    await vi.advanceTimersByTimeAsync(1500); // the second save waits for the first
    expect(seen).toEqual(['A@"1"']);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['A@"1"', 'B@"2"']);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.getState()).toMatchObject({ status: "saved", etag: '"3"' });
  });

  it("keeps the draft after a failed save and retries it on demand", async () => {
    const api = fakeApi();
    const autosave = new Autosave({ save: api.save, etag: '"1"' });
    api.setFail(true);
    autosave.change({ title: "네트워크 끊김" });
    await vi.advanceTimersByTimeAsync(1500);
    expect(autosave.getState().status).toBe("failed");
    api.setFail(false);
    autosave.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.getState()).toMatchObject({ status: "saved", etag: '"2"' });
    expect(api.doc.title).toBe("네트워크 끊김");
  });

  it("flush() saves at once and waits; exclusive() runs between saves and moves the ETag", async () => {
    const api = fakeApi();
    const autosave = new Autosave({ save: api.save, etag: '"1"' });
    autosave.change({ title: "제출 전" });
    const state = await autosave.flush();
    expect(state).toMatchObject({ status: "saved", etag: '"2"' });
    const seen = await autosave.exclusive(async (etag) => {
      api.otherSave("첨부파일 추가"); // an upload moves the revision on
      return { result: etag, etag: '"3"' };
    });
    expect(seen).toBe('"2"');
    autosave.change({ title: "업로드 후" });
    await vi.advanceTimersByTimeAsync(1500);
    expect(api.calls.at(-1)?.ifMatch).toBe('"3"');
    expect(autosave.getState().status).toBe("saved");
  });

  it("stops for good when the deadline passed (409)", async () => {
    const autosave = new Autosave<{ title: string }, null>({
      etag: '"1"',
      save: async () => ({ kind: "closed", problem: { status: 409, code: "submission_closed", title: "마감" } }),
    });
    autosave.change({ title: "늦은 수정" });
    await vi.advanceTimersByTimeAsync(1500);
    expect(autosave.getState().status).toBe("closed");
    autosave.change({ title: "또" });
    expect(autosave.getState().status).toBe("closed");
  });
});

describe("etagRevision", () => {
  it("reads the revision of strong and weak tags", () => {
    expect(etagRevision('"7"')).toBe(7);
    expect(etagRevision('W/"12"')).toBe(12);
    expect(etagRevision('"abc"')).toBeNull();
    expect(etagRevision(null)).toBeNull();
  });
});
