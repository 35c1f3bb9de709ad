import { describe, expect, it } from "vitest";
import type { TieBreak } from "../../judging/types";
import {
  addableKinds,
  addTieBreak,
  checkTieBreaks,
  moveTieBreak,
  removeTieBreak,
  setCriterionName,
  toTieBreakInput,
} from "./tieBreaks";

const NAMES = ["창의성", "효과성(성과)"];

describe("tie-break list editing", () => {
  it("adds rules at the end, a criterion rule taking the first unused criterion", () => {
    let list: TieBreak[] = [];
    list = addTieBreak(list, "criterion", NAMES);
    list = addTieBreak(list, "earlier_submission", NAMES);
    list = addTieBreak(list, "criterion", NAMES);
    expect(list).toEqual([
      { kind: "criterion", criterionName: "창의성" },
      { kind: "earlier_submission" },
      { kind: "criterion", criterionName: "효과성(성과)" },
    ]);
    // Every criterion is used and earlier_submission is listed: only first_places is left.
    expect(addableKinds(list, NAMES)).toEqual(["first_places"]);
    expect(addTieBreak(list, "earlier_submission", NAMES)).toEqual(list);
    list = addTieBreak(list, "first_places", NAMES);
    expect(list).toHaveLength(4);
    expect(addableKinds(list, NAMES)).toEqual([]);
  });

  it("stops at five rules", () => {
    const five: TieBreak[] = [
      { kind: "criterion", criterionName: "a" },
      { kind: "criterion", criterionName: "b" },
      { kind: "criterion", criterionName: "c" },
      { kind: "first_places" },
      { kind: "earlier_submission" },
    ];
    expect(addableKinds(five, ["a", "b", "c", "d"])).toEqual([]);
    expect(addTieBreak(five, "criterion", ["a", "b", "c", "d"])).toHaveLength(5);
  });

  it("moves rules up and down, never past the ends, and removes them", () => {
    const list: TieBreak[] = [{ kind: "criterion", criterionName: "창의성" }, { kind: "first_places" }, { kind: "earlier_submission" }];
    expect(moveTieBreak(list, 2, -1).map((tb) => tb.kind)).toEqual(["criterion", "earlier_submission", "first_places"]);
    expect(moveTieBreak(list, 0, 1).map((tb) => tb.kind)).toEqual(["first_places", "criterion", "earlier_submission"]);
    expect(moveTieBreak(list, 0, -1)).toEqual(list);
    expect(moveTieBreak(list, 2, 1)).toEqual(list);
    expect(removeTieBreak(list, 1).map((tb) => tb.kind)).toEqual(["criterion", "earlier_submission"]);
    // The input list is never changed in place.
    expect(list.map((tb) => tb.kind)).toEqual(["criterion", "first_places", "earlier_submission"]);
  });

  it("renames a criterion rule and reports missing or repeated rules", () => {
    let list: TieBreak[] = [{ kind: "criterion", criterionName: "" }, { kind: "first_places" }, { kind: "first_places" }];
    expect(checkTieBreaks(list)).toEqual({ 0: "criterionRequired", 2: "duplicate" });
    list = setCriterionName(list, 0, "창의성");
    list = setCriterionName(list, 1, "무시됨");
    expect(list[0]).toEqual({ kind: "criterion", criterionName: "창의성" });
    expect(list[1]).toEqual({ kind: "first_places" });
    expect(checkTieBreaks(removeTieBreak(list, 2))).toEqual({});
    expect(checkTieBreaks([{ kind: "criterion", criterionName: "창의성" }, { kind: "criterion", criterionName: " 창의성 " }])).toEqual({ 1: "duplicate" });
  });

  it("sends criterionName only on criterion rules", () => {
    expect(toTieBreakInput([{ kind: "criterion", criterionName: " 창의성 " }, { kind: "earlier_submission", criterionName: "x" }])).toEqual([
      { kind: "criterion", criterionName: "창의성" },
      { kind: "earlier_submission" },
    ]);
  });
});
