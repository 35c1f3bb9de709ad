import { describe, expect, it } from "vitest";
import { sampleRound } from "../../../test/fixtures";
import { judgesFromUsers, mergeCandidates, roundsToSearch } from "./judgeCandidates";

describe("judge candidates", () => {
  it("takes users holding the judge role, then judges of earlier stages, once each, by name", () => {
    const fromUsers = judgesFromUsers([
      { id: "u1", email: "a@x", displayName: "오세영", agency: { id: "g", name: "행정안전부" }, roles: [{ role: "judge" }], createdAt: "" },
      { id: "u2", email: "b@x", displayName: "최유나", agency: { id: "g", name: "부천시" }, roles: [{ role: "member" }], createdAt: "" },
    ]);
    expect(fromUsers.map((c) => c.userId)).toEqual(["u1"]);
    const merged = mergeCandidates([
      fromUsers,
      [
        { userId: "u1", displayName: "오세영", source: "stages" },
        { userId: "u3", displayName: "강민수", agency: "서울특별시 중구", source: "stages" },
      ],
    ]);
    expect(merged.map((c) => [c.displayName, c.source])).toEqual([
      ["강민수", "stages"],
      ["오세영", "users"],
    ]);
  });

  it("searches the managed rounds that were judged, the current one first, newest next", () => {
    const rounds = [
      sampleRound({ id: "old", canManage: true, status: "announced", createdAt: "2026-01-01T00:00:00Z" }),
      sampleRound({ id: "new", canManage: true, status: "judging", createdAt: "2026-06-01T00:00:00Z" }),
      sampleRound({ id: "open", canManage: true, status: "open", createdAt: "2026-07-01T00:00:00Z" }),
      sampleRound({ id: "other", canManage: false, status: "announced", createdAt: "2026-08-01T00:00:00Z" }),
      sampleRound({ id: "here", canManage: true, status: "upcoming", createdAt: "2025-01-01T00:00:00Z" }),
    ];
    expect(roundsToSearch(rounds, "here").map((r) => r.id)).toEqual(["here", "new", "old"]);
  });
});
