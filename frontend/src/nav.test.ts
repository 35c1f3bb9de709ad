import { describe, expect, it } from "vitest";
import type { Role } from "./api/types";
import { ARCHIVE_IMPORT, canSee, NAV_ITEMS, navItemsFor, onlyScores, rolesOf } from "./nav";

const ids = (roles: Role[], signedIn?: boolean) => navItemsFor(roles, signedIn).map((item) => item.id);

describe("navItemsFor", () => {
  it("shows visitors only the public pages: the archive and the public vote", () => {
    expect(ids([])).toEqual(["archive", "votes"]);
    expect(ids([], false)).toEqual(["archive", "votes"]);
  });

  it("shows the contests to every signed-in user, even one without a role", () => {
    expect(ids([], true)).toEqual(["archive", "votes", "contests"]);
  });

  it("gives each kind of user their items", () => {
    expect(ids(["member"])).toEqual(["archive", "votes", "myTeam", "myCases", "contests"]);
    expect(ids(["judge"])).toEqual(["archive", "votes", "contests", "judging"]);
    expect(ids(["organizer"])).toEqual(["archive", "votes", "contests", "rounds", "invitations"]);
    expect(ids(["admin"])).toEqual(["archive", "votes", "contests", "invitations", "users", "audit", "agencies"]);
  });

  it("gives a citizen panel member (국민심사단) the judging page and no contest or organizer pages", () => {
    expect(ids(["citizen"])).toEqual(["archive", "votes", "judging"]);
    expect(onlyScores(["citizen"])).toBe(true);
    // Someone who is also an officer keeps their own pages.
    expect(ids(["citizen", "member"])).toEqual(["archive", "votes", "myTeam", "myCases", "contests", "judging"]);
    expect(onlyScores([])).toBe(false);
  });

  it("combines roles without duplicates, in menu order", () => {
    expect(ids(["admin", "organizer"])).toEqual(["archive", "votes", "contests", "rounds", "invitations", "users", "audit", "agencies"]);
    expect(ids(["judge", "member"])).toEqual(["archive", "votes", "myTeam", "myCases", "contests", "judging"]);
  });

  it("points members and organizers at the new pages", () => {
    const paths = Object.fromEntries(NAV_ITEMS.map((item) => [item.id, item.path]));
    expect(paths).toMatchObject({ votes: "/votes", myTeam: "/teams", myCases: "/cases", contests: "/rounds", rounds: "/organizer/rounds", audit: "/admin/audit" });
  });

  it("uses the header labels from the product brief", () => {
    const labels = Object.fromEntries(NAV_ITEMS.map((item) => [item.id, item.label]));
    expect(labels).toEqual({
      archive: "nav.archive",
      votes: "nav.votes",
      myTeam: "nav.myTeam",
      myCases: "nav.myCases",
      contests: "nav.contests",
      judging: "nav.judging",
      rounds: "nav.rounds",
      invitations: "nav.invitations",
      users: "nav.users",
      audit: "nav.audit",
      agencies: "nav.agencies",
    });
  });
});

describe("rolesOf / canSee", () => {
  it("reads distinct roles from User.roles[].role", () => {
    const user = {
      roles: [
        { role: "organizer" as const, agencyId: "a" },
        { role: "organizer" as const, agencyId: "b" },
        { role: "judge" as const },
      ],
    };
    expect(rolesOf(user)).toEqual(["organizer", "judge"]);
    expect(rolesOf(null)).toEqual([]);
  });

  it("lets everyone see public items and signed-in users the signed-in ones", () => {
    expect(canSee({ roles: "everyone" }, [])).toBe(true);
    expect(canSee({ roles: ["admin"] }, ["member"])).toBe(false);
    expect(canSee({ roles: "signedIn" }, [], false)).toBe(false);
    expect(canSee({ roles: "signedIn" }, [], true)).toBe(true);
  });
});

describe("archive import page", () => {
  it("is for organizers and admins, reached from the archive rather than the header", () => {
    expect(ARCHIVE_IMPORT.path).toBe("/organizer/archive/import");
    expect(canSee(ARCHIVE_IMPORT, ["organizer"])).toBe(true);
    expect(canSee(ARCHIVE_IMPORT, ["admin"])).toBe(true);
    expect(canSee(ARCHIVE_IMPORT, ["member", "judge"])).toBe(false);
    expect(NAV_ITEMS.some((item) => item.path === ARCHIVE_IMPORT.path)).toBe(false);
  });
});
