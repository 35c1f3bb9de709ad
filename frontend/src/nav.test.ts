import { describe, expect, it } from "vitest";
import type { Role } from "./api/types";
import { canSee, NAV_ITEMS, navItemsFor, rolesOf } from "./nav";

const ids = (roles: Role[]) => navItemsFor(roles).map((item) => item.id);

describe("navItemsFor", () => {
  it("shows visitors only the archive", () => {
    expect(ids([])).toEqual(["archive"]);
  });

  it("gives each kind of user their items", () => {
    expect(ids(["member"])).toEqual(["archive", "myTeam", "myCases"]);
    expect(ids(["judge"])).toEqual(["archive", "judging"]);
    expect(ids(["organizer"])).toEqual(["archive", "rounds", "invitations"]);
    expect(ids(["admin"])).toEqual(["archive", "invitations", "users", "agencies"]);
  });

  it("combines roles without duplicates, in menu order", () => {
    expect(ids(["admin", "organizer"])).toEqual(["archive", "rounds", "invitations", "users", "agencies"]);
    expect(ids(["judge", "member"])).toEqual(["archive", "myTeam", "myCases", "judging"]);
  });

  it("uses the header labels from the product brief", () => {
    const labels = Object.fromEntries(NAV_ITEMS.map((item) => [item.id, item.label]));
    expect(labels).toEqual({
      archive: "nav.archive",
      myTeam: "nav.myTeam",
      myCases: "nav.myCases",
      judging: "nav.judging",
      rounds: "nav.rounds",
      invitations: "nav.invitations",
      users: "nav.users",
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

  it("lets everyone see public items", () => {
    expect(canSee({ roles: "everyone" }, [])).toBe(true);
    expect(canSee({ roles: ["admin"] }, ["member"])).toBe(false);
  });
});
