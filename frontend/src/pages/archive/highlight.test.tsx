import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { highlightSegments } from "./highlight";
import { Highlighted } from "./Highlighted";

const marked = (text: string, ranges: { start: number; length: number }[]) =>
  highlightSegments(text, ranges)
    .filter((s) => s.mark)
    .map((s) => s.text);

describe("highlightSegments (offsets in code points)", () => {
  it("marks Korean words at the API's offsets", () => {
    const text = "119 이음콜 출동정보 알리미";
    expect(highlightSegments(text, [{ start: 4, length: 3 }])).toEqual([
      { text: "119 ", mark: false },
      { text: "이음콜", mark: true },
      { text: " 출동정보 알리미", mark: false },
    ]);
  });

  it("counts code points, not UTF-16 units (emoji and rare Hanja before the match)", () => {
    expect(marked("😀 부천시가 𠀀 부천", [{ start: 2, length: 2 }, { start: 9, length: 2 }])).toEqual(["부천", "부천"]);
  });

  it("merges overlapping and adjacent ranges into one mark, in any order", () => {
    const text = "민원 대기시간 단축";
    expect(marked(text, [{ start: 5, length: 2 }, { start: 3, length: 3 }])).toEqual(["대기시간"]);
    expect(marked(text, [{ start: 3, length: 2 }, { start: 5, length: 2 }])).toEqual(["대기시간"]);
    expect(marked(text, [{ start: 0, length: 2 }, { start: 0, length: 2 }])).toEqual(["민원"]);
    expect(marked(text, [{ start: 0, length: 2 }, { start: 3, length: 2 }])).toEqual(["민원", "대기"]);
  });

  it("ignores ranges outside the text, empty or negative ones, and cuts one running past the end", () => {
    const text = "안전 점검";
    expect(marked(text, [{ start: 10, length: 2 }, { start: 5, length: 1 }, { start: -1, length: 2 }, { start: 1, length: 0 }])).toEqual([]);
    expect(marked(text, [{ start: 1.5, length: 2 }, { start: 0, length: Number.NaN }])).toEqual([]);
    expect(marked(text, [{ start: 3, length: 99 }])).toEqual(["점검"]);
  });

  it("always gives the whole text back", () => {
    for (const ranges of [[], [{ start: 0, length: 5 }], [{ start: 2, length: 1 }, { start: 4, length: 9 }]]) {
      expect(highlightSegments("도입 완료 기록", ranges).map((s) => s.text).join("")).toBe("도입 완료 기록");
    }
    expect(highlightSegments("", [{ start: 0, length: 1 }])).toEqual([{ text: "", mark: false }]);
    expect(highlightSegments("텍스트", undefined)).toEqual([{ text: "텍스트", mark: false }]);
  });
});

describe("<Highlighted>", () => {
  it("wraps matches in <mark> and renders markup in the text as text", () => {
    const text = '<img src=x onerror="alert(1)"> 이음콜 <b>굵게</b>';
    const { container } = render(
      <p>
        <Highlighted text={text} ranges={[{ start: 31, length: 3 }, { start: 5, length: 3 }]} />
      </p>,
    );
    const p = container.querySelector("p")!;
    expect(p.textContent).toBe(text);
    expect(p.querySelector("img")).toBeNull();
    expect(p.querySelector("b")).toBeNull();
    expect([...p.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["src", "이음콜"]);
  });
});
