import { describe, expect, it } from "vitest";
import { createTranslator } from "../../i18n/translate";
import { ACCOUNT_ACTIONS, actionLabel, detailItems, JUDGING_ACTIONS, shortId, subjectLabel, subjectPath } from "./labels";

const ko = createTranslator("ko");
const en = createTranslator("en");
const ID = "9b2d4c6e-1111-4222-8333-444455556666";

describe("audit labels", () => {
  it("gives every recorded action a Korean and an English label, and shows unknown codes as they are", () => {
    for (const code of [...ACCOUNT_ACTIONS, ...JUDGING_ACTIONS]) {
      expect(actionLabel(code, ko)).toMatch(/[가-힣]/);
      expect(actionLabel(code, en)).not.toMatch(/[가-힣]/);
    }
    expect(actionLabel("login_failed", ko)).toBe("로그인 실패");
    expect(actionLabel("results_published", ko)).toBe("결과 발표");
    expect(actionLabel("something_new", ko)).toBe("something_new");
  });

  it("names subject types and links the ones with a page", () => {
    expect(subjectLabel("stage", ko)).toBe("심사 단계");
    expect(subjectLabel("system", ko)).toBe("system");
    expect(subjectPath("case", ID)).toBe(`/cases/${ID}`);
    expect(subjectPath("stage", ID)).toBe(`/organizer/stages/${ID}`);
    expect(subjectPath("round", ID)).toBe(`/organizer/rounds/${ID}`);
    expect(subjectPath("user", ID)).toBeNull();
    expect(subjectPath("case", undefined)).toBeNull();
  });

  it("puts details in words, known keys first, and leaves out what has its own column", () => {
    const names = new Map([[ID, "부천시"]]);
    const items = detailItems(
      { zeta: { a: 1 }, ip: "192.0.2.1", roles: [], email: "a@demo.test", upheld: false, tier: null, judges: ["x", "y"] },
      ko,
      names,
      ["ip"],
    );
    expect(items.map((i) => [i.label, i.value])).toEqual([
      ["이메일", "a@demo.test"],
      ["역할", "역할 없음"],
      ["심사위원", "2명"],
      ["시상 등급", "수상 없음"],
      ["결정", "기각"],
      ["zeta", '{"a":1}'],
    ]);
    expect(detailItems({ roles: [`organizer:${ID}`, "admin"], judges: [ID] }, ko, names).map((i) => i.value)).toEqual([
      "주관기관 담당자 (부천시), 관리자",
      "부천시",
    ]);
    expect(detailItems({ cut: { kind: "threshold", value: 70 }, upheld: true }, ko, names).map((i) => i.value)).toEqual(["70점 이상", "인용"]);
    expect(shortId(ID)).toBe("9b2d4c6e");
  });
});
