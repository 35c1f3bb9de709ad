// How audit events read in the UI: Korean labels for the action codes and subject types the
// API records (api/account, api/judging), and the details object turned into label/value pairs.
import type { AuditEvent } from "../../api/types";
import type { MessageKey } from "../../i18n/messages";
import type { Translate } from "../../i18n/translate";

/** Action codes of the account services (logins, roles, invitations, passwords, tokens). */
export const ACCOUNT_ACTIONS = [
  "login",
  "login_failed",
  "refresh_token_reused",
  "password_changed",
  "roles_changed",
  "invitation_created",
  "invitation_accepted",
  "invitation_resent",
  "invitation_revoked",
  "judge_profile_updated",
] as const;

/** Action codes of the judging service; these are also what a round's audit log holds. */
export const JUDGING_ACTIONS = [
  "stage_opened",
  "stage_closed",
  "judge_added",
  "judge_withdrawn",
  "judges_assigned",
  "assignment_set",
  "conflict_declared",
  "conflict_challenged",
  "conflicted_access_refused",
  "award_overridden",
  "results_published",
  "vote_configured",
  "vote_opened",
  "vote_closed",
  "panel_configured",
  "panel_member_added",
  "panel_member_withdrawn",
  "panel_seat_freed",
  "objection_filed",
  "objection_answered",
] as const;

/** Action codes of the archive: moderation of questions and answers on archived cases. */
export const ARCHIVE_ACTIONS = ["question_hidden", "answer_hidden"] as const;

export type AuditAction = (typeof ACCOUNT_ACTIONS)[number] | (typeof JUDGING_ACTIONS)[number] | (typeof ARCHIVE_ACTIONS)[number];

export const ACTION_GROUPS: readonly { label: MessageKey; actions: readonly AuditAction[] }[] = [
  { label: "audit.group.account", actions: ACCOUNT_ACTIONS },
  { label: "audit.group.judging", actions: JUDGING_ACTIONS },
  { label: "audit.group.archive", actions: ARCHIVE_ACTIONS },
];

const ACTIONS: readonly string[] = [...ACCOUNT_ACTIONS, ...JUDGING_ACTIONS, ...ARCHIVE_ACTIONS];

export function isAuditAction(code: string): code is AuditAction {
  return ACTIONS.includes(code);
}

/** Events an admin or organizer should look at twice: possible attacks and refused access. */
const WARNINGS: readonly string[] = ["login_failed", "refresh_token_reused", "conflicted_access_refused"];

export function isWarning(code: string): boolean {
  return WARNINGS.includes(code);
}

/** The Korean (or English) label of an action; a code the UI does not know shows as it is. */
export function actionLabel(code: string, t: Translate): string {
  return isAuditAction(code) ? t(`audit.action.${code}`) : code;
}

const SUBJECTS = ["user", "invitation", "round", "stage", "case", "archive_question", "archive_answer"] as const;
type SubjectType = (typeof SUBJECTS)[number];

function isSubjectType(value: string): value is SubjectType {
  return (SUBJECTS as readonly string[]).includes(value);
}

export function subjectLabel(type: string, t: Translate): string {
  return isSubjectType(type) ? t(`audit.subject.${type}`) : type;
}

/** Where the subject can be opened, for the subject types that have a page. */
export function subjectPath(type: string, id: string | undefined): string | null {
  if (!id) return null;
  if (type === "case") return `/cases/${id}`;
  if (type === "stage") return `/organizer/stages/${id}`;
  if (type === "round") return `/organizer/rounds/${id}`;
  return null;
}

/** Names the page could look up (users, agencies, stages, cases, award tiers), by id. */
export type Names = ReadonlyMap<string, string>;

/** An id the page has no name for: its first block is enough to tell events apart. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

function nameOf(value: unknown, names: Names): string {
  if (typeof value !== "string") return plain(value);
  return names.get(value) ?? shortId(value);
}

function plain(value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const ROLE_NAMES = ["admin", "organizer", "judge", "member", "citizen"] as const;

function roleName(value: unknown, t: Translate, names: Names): string {
  if (typeof value !== "string") return plain(value);
  // An organizer grant is recorded as "organizer:<agency id>".
  const [role = "", agency] = value.split(":", 2);
  const label = (ROLE_NAMES as readonly string[]).includes(role) ? t(`role.${role as (typeof ROLE_NAMES)[number]}`) : role;
  return agency ? `${label} (${nameOf(agency, names)})` : label;
}

const METHODS = ["mean", "trimmed_mean", "median", "zscore"] as const;

function cutText(value: unknown, t: Translate): string {
  if (typeof value !== "object" || value === null) return plain(value);
  const cut = value as { kind?: unknown; value?: unknown };
  if (cut.kind === "none") return t("cut.none");
  if (cut.kind === "top_n") return t("cut.topNValue", { n: plain(cut.value) });
  if (cut.kind === "threshold") return t("cut.thresholdValue", { score: plain(cut.value) });
  return plain(value);
}

/** Details keys with a label, in the order they are shown; any other key follows with its own name. */
const DETAIL_KEYS = [
  "email",
  "ip",
  "role",
  "roles",
  "agency",
  "stage",
  "judge",
  "judges",
  "cases",
  "assigned",
  "shortfalls",
  "method",
  "cut",
  "tier",
  "objection",
  "upheld",
  "reason",
  "family",
] as const;
type DetailKey = (typeof DETAIL_KEYS)[number];

function isDetailKey(key: string): key is DetailKey {
  return (DETAIL_KEYS as readonly string[]).includes(key);
}

function detailValue(key: DetailKey, value: unknown, t: Translate, names: Names): string {
  switch (key) {
    case "role":
      return roleName(value, t, names);
    case "roles":
      if (!Array.isArray(value)) return plain(value);
      return value.length === 0 ? t("audit.value.noRoles") : value.map((v) => roleName(v, t, names)).join(", ");
    case "agency":
    case "stage":
    case "judge":
    case "objection":
    case "family":
      return nameOf(value, names);
    case "judges":
      if (!Array.isArray(value)) return plain(value);
      return value.every((v) => typeof v === "string" && names.has(v))
        ? value.map((v) => names.get(v as string)).join(", ")
        : t("audit.value.people", { count: value.length });
    case "cases":
    case "assigned":
    case "shortfalls":
      return typeof value === "number" ? t("audit.value.count", { count: value }) : plain(value);
    case "method":
      return typeof value === "string" && (METHODS as readonly string[]).includes(value)
        ? t(`method.${value as (typeof METHODS)[number]}`)
        : plain(value);
    case "cut":
      return cutText(value, t);
    case "tier":
      return value === null || value === undefined || value === "" ? t("audit.value.noAward") : nameOf(value, names);
    case "upheld":
      return value === true ? t("objections.upheld") : value === false ? t("objections.rejected") : plain(value);
    default:
      return plain(value);
  }
}

export interface DetailItem {
  key: string;
  label: string;
  value: string;
}

/**
 * The event's details as label/value pairs: known keys first, in a fixed order, with their
 * values in words; unknown keys after them as they came. `omit` leaves keys out (the IP
 * address when it has its own column).
 */
export function detailItems(details: AuditEvent["details"], t: Translate, names: Names, omit: readonly string[] = []): DetailItem[] {
  const keys = Object.keys(details ?? {}).filter((key) => !omit.includes(key));
  const known = DETAIL_KEYS.filter((key) => keys.includes(key));
  const other = keys.filter((key) => !isDetailKey(key)).sort();
  return [
    ...known.map((key) => ({ key, label: t(`audit.detail.${key}`), value: detailValue(key, details[key], t, names) })),
    ...other.map((key) => ({ key, label: key, value: plain(details[key]) })),
  ];
}

/** The IP address recorded with a login, if any. */
export function addressOf(event: AuditEvent): string {
  const ip = event.details?.ip;
  return typeof ip === "string" ? ip : "";
}
