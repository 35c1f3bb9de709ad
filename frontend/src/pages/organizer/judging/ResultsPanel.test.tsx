import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "../../../i18n/I18nProvider";
import { LanguageStore } from "../../../i18n/store";
import { ResultsView } from "./ResultsPanel";
import { RESULTS } from "./testData";

const J1 = RESULTS.judges[0]!.userId;
const J2 = RESULTS.judges[1]!.userId;
const J3 = "7f1c1a60-0000-4000-8000-0000000000j3";

function renderResults() {
  const results = {
    ...RESULTS,
    judges: [...RESULTS.judges, { userId: J3, displayName: "강민수" }],
    matrix: [
      {
        caseId: "7f1c1a60-0000-4000-8000-00000000aaa1",
        title: "숙의기반 갈등관리 시스템",
        totals: [
          { judgeId: J1, total: 75.2778 },
          { judgeId: J2, total: 72.2222 },
          { judgeId: J3, total: 40 },
        ],
        stdDev: 16.0,
        range: 35.2778,
        outliers: [J3],
      },
    ],
  };
  render(
    <I18nProvider store={new LanguageStore(null)}>
      <ResultsView results={results} />
    </I18nProvider>,
  );
}

describe("results preview", () => {
  it("shows the score matrix with the outlier marked", () => {
    renderResults();
    const table = screen.getByRole("table", { name: /점수표/ });
    const row = within(table).getByRole("row", { name: /숙의기반/ });
    const cells = within(row).getAllByRole("cell");
    expect(cells.map((c) => c.textContent)).toEqual(["75.28", "72.22", "40 ▲(강민수 점수 이상치)", "16", "35.28"]);
    expect(cells[2]!.className).toContain("is-outlier");
    expect(cells[0]!.className).not.toContain("is-outlier");
  });

  it("opens on the round's method with its error, and switches to another method's ranking", () => {
    renderResults();
    const methods = screen.getByRole("radiogroup", { name: "집계 방법" });
    const options = within(methods).getAllByRole("radio");
    expect(options.map((o) => o.closest(".choice")?.textContent)).toEqual([
      "최고·최저점 제외 평균 (이 경진대회 방식)",
      "평균",
      "중앙값",
      "표준화(z-score)",
    ]);
    expect((options[0] as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText("최고·최저점 제외 평균(으)로는 순위를 낼 수 없습니다.")).toBeTruthy();
    expect(screen.getByText(/부족한 사례 2건/)).toBeTruthy();
    expect(screen.queryByRole("table", { name: /순위/ })).toBeNull();

    fireEvent.click(within(methods).getByRole("radio", { name: "평균" }));
    const ranking = screen.getByRole("table", { name: "평균 순위" });
    expect(within(ranking).getAllByRole("row").slice(1).map((r) => r.textContent)).toEqual([
      "1숙의기반 갈등관리 시스템73.75–",
      "2세입 고지서 전자 발송70.4167–",
    ]);
    expect(screen.queryByText(/순위를 낼 수 없습니다/)).toBeNull();

    // Keyboard: the arrow key moves on to the next method.
    fireEvent.keyDown(within(methods).getByRole("radio", { name: "평균" }), { key: "ArrowRight" });
    expect(screen.getByText("아직 제출된 채점표가 없습니다.", { selector: "p.empty" })).toBeTruthy();
    fireEvent.keyDown(within(methods).getByRole("radio", { name: "중앙값" }), { key: "ArrowRight" });
    const z = screen.getByRole("table", { name: "표준화(z-score) 순위" });
    expect(within(z).getByText("심사기준 평균")).toBeTruthy();
  });
});
