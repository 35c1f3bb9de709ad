import { describe, expect, it } from "vitest";
import type { Agency } from "../api/types";
import { invitableAgencyRoots, invitableRoles } from "../pages/AdminInvitationsPage";
import { agencyTree } from "./agencyTree";

const agency = (id: string, name: string, parentId?: string): Agency => ({
  id,
  name,
  level: parentId ? "basic" : "metropolitan",
  region: "경기",
  ...(parentId ? { parentId } : {}),
});

const agencies = [
  agency("gg", "경기도"),
  agency("seoul", "서울특별시"),
  agency("bucheon", "부천시", "gg"),
  agency("junggu", "서울특별시 중구", "seoul"),
  agency("team", "부천시 혁신팀", "bucheon"),
  agency("orphan", "상위 기관 없음", "missing"),
];

describe("agencyTree", () => {
  it("lists each parent followed by its children, with depth", () => {
    expect(agencyTree(agencies).map((n) => `${n.depth}:${n.agency.id}`)).toEqual([
      "0:gg",
      "1:bucheon",
      "2:team",
      "0:seoul",
      "1:junggu",
      "0:orphan",
    ]);
  });

  it("keeps only the given subtrees", () => {
    expect(agencyTree(agencies, ["bucheon"]).map((n) => `${n.depth}:${n.agency.id}`)).toEqual(["0:bucheon", "1:team"]);
    expect(agencyTree(agencies, [])).toEqual([]);
  });
});

describe("invitation permissions", () => {
  it("lets admins invite any role into any agency", () => {
    const admin = { roles: [{ role: "admin" as const }] };
    expect(invitableRoles(admin)).toEqual(["admin", "organizer", "judge", "member"]);
    expect(invitableAgencyRoots(admin)).toBeUndefined();
  });

  it("lets organizers invite organizers, judges and members into their agencies", () => {
    const organizer = { roles: [{ role: "organizer" as const, agencyId: "bucheon" }] };
    expect(invitableRoles(organizer)).toEqual(["organizer", "judge", "member"]);
    expect(invitableAgencyRoots(organizer)).toEqual(["bucheon"]);
  });

  it("gives other roles nothing to hand out", () => {
    expect(invitableRoles({ roles: [{ role: "member" }] })).toEqual([]);
  });
});
