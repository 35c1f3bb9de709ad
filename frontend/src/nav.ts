import type { Role, User } from "./api/types";
import type { MessageKey } from "./i18n/messages";

export type NavId =
  | "archive"
  | "votes"
  | "myTeam"
  | "myCases"
  | "contests"
  | "judging"
  | "rounds"
  | "invitations"
  | "users"
  | "audit"
  | "agencies";

export interface NavItem {
  id: NavId;
  path: string;
  label: MessageKey;
  description: MessageKey;
  /**
   * Who sees the item: users with one of the roles, "signedIn" for every signed-in user,
   * or "everyone" (visitors who are not signed in too).
   */
  roles: readonly Role[] | "everyone" | "signedIn";
}

/** Header navigation, in display order. Routes are guarded with the same role lists. */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: "archive", path: "/archive", label: "nav.archive", description: "nav.desc.archive", roles: "everyone" },
  { id: "votes", path: "/votes", label: "nav.votes", description: "nav.desc.votes", roles: "everyone" },
  { id: "myTeam", path: "/teams", label: "nav.myTeam", description: "nav.desc.myTeam", roles: ["member"] },
  { id: "myCases", path: "/cases", label: "nav.myCases", description: "nav.desc.myCases", roles: ["member"] },
  { id: "contests", path: "/rounds", label: "nav.contests", description: "nav.desc.contests", roles: "signedIn" },
  // Citizen panel members (국민심사단) score through the judges' screens.
  { id: "judging", path: "/judging", label: "nav.judging", description: "nav.desc.judging", roles: ["judge", "citizen"] },
  { id: "rounds", path: "/organizer/rounds", label: "nav.rounds", description: "nav.desc.rounds", roles: ["organizer"] },
  // Admins invite too: they are the only ones who may invite organizers and admins.
  {
    id: "invitations",
    path: "/admin/invitations",
    label: "nav.invitations",
    description: "nav.desc.invitations",
    roles: ["organizer", "admin"],
  },
  { id: "users", path: "/admin/users", label: "nav.users", description: "nav.desc.users", roles: ["admin"] },
  { id: "audit", path: "/admin/audit", label: "nav.audit", description: "nav.desc.audit", roles: ["admin"] },
  { id: "agencies", path: "/admin/agencies", label: "nav.agencies", description: "nav.desc.agencies", roles: ["admin"] },
];

/**
 * 지난 수상 사례 가져오기: an organizer page without a header item, linked from the archive;
 * its route is guarded with these roles.
 */
export const ARCHIVE_IMPORT = {
  path: "/organizer/archive/import",
  label: "archive.import.title",
  roles: ["organizer", "admin"],
} as const satisfies Pick<NavItem, "path" | "label" | "roles">;

/** The distinct roles of a user (a role can be granted for several agencies). */
export function rolesOf(user: Pick<User, "roles"> | null | undefined): Role[] {
  const seen: Role[] = [];
  for (const grant of user?.roles ?? []) if (!seen.includes(grant.role)) seen.push(grant.role);
  return seen;
}

/**
 * Whether every role only scores: a citizen panel member's account exists for the panel,
 * so the pages for officers (contests to submit to) are not theirs.
 */
export function onlyScores(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((role) => role === "citizen");
}

/**
 * Whether a user with these roles sees the item. `signedIn` tells a signed-in user without
 * roles from a visitor; it defaults to "has a role".
 */
export function canSee(item: Pick<NavItem, "roles">, roles: readonly Role[], signedIn = roles.length > 0): boolean {
  if (item.roles === "everyone") return true;
  if (item.roles === "signedIn") return signedIn && !onlyScores(roles);
  return item.roles.some((role) => roles.includes(role));
}

/** Header items for a user with these roles (pass [] and signedIn=false for a visitor). */
export function navItemsFor(roles: readonly Role[], signedIn = roles.length > 0): NavItem[] {
  return NAV_ITEMS.filter((item) => canSee(item, roles, signedIn));
}

export function navItem(id: NavId): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`unknown nav item ${id}`);
  return item;
}
