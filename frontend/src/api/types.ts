import type { components } from "./schema";

type Schemas = components["schemas"];

export type Problem = Schemas["Problem"];
export type FieldError = Schemas["FieldError"];
export type User = Schemas["User"];
export type Role = Schemas["Role"];
export type RoleGrant = Schemas["RoleGrant"];
export type Session = Schemas["Session"];
export type Agency = Schemas["Agency"];
export type AgencyLevel = Schemas["AgencyLevel"];
export type Invitation = Schemas["Invitation"];
export type CreatedInvitation = Schemas["CreatedInvitation"];
export type InvitationStatus = Schemas["InvitationStatus"];
export type PublicSettings = Schemas["PublicSettings"];
export type AuditEvent = Schemas["AuditEvent"];

export const ROLES: readonly Role[] = ["admin", "organizer", "judge", "member"];

export type Team = Schemas["Team"];
export type TeamKind = Schemas["TeamKind"];
export type TeamDetail = Schemas["TeamDetail"];
export type TeamMember = Schemas["TeamMember"];
export type TeamMemberRole = Schemas["TeamMemberRole"];
export type TeamInvitation = Schemas["TeamInvitation"];
export type Round = Schemas["Round"];
export type RoundInput = Schemas["RoundInput"];
export type RoundStatus = Schemas["RoundStatus"];
export type RoundOverview = Schemas["RoundOverview"];
export type CountByKey = Schemas["CountByKey"];
export type Period = Schemas["Period"];
export type Category = Schemas["Category"];
export type AwardTier = Schemas["AwardTier"];
export type Case = Schemas["Case"];
export type CaseInput = Schemas["CaseInput"];
export type CaseContent = Schemas["CaseContent"];
export type CaseStatus = Schemas["CaseStatus"];
export type CaseStage = Schemas["CaseStage"];
export type CaseSummary = Schemas["CaseSummary"];
export type CaseVersion = Schemas["CaseVersion"];
export type CaseVersionInfo = Schemas["CaseVersionInfo"];
export type FieldChange = Schemas["FieldChange"];
export type LicenceType = Schemas["LicenceType"];
export type Metric = Schemas["Metric"];
export type MetricDirection = Schemas["MetricDirection"];
export type CollaboratorInput = Schemas["CollaboratorInput"];
export type CollaboratorKind = Schemas["CollaboratorKind"];
export type Attachment = Schemas["Attachment"];
export type ConflictProblem = Schemas["ConflictProblem"];

export const TEAM_KINDS: readonly TeamKind[] = [
  "innovation_team",
  "mz_discovery_group",
  "policy_club",
  "department",
  "individual",
];
export const PERIODS: readonly Period[] = ["H1", "H2", "Q1", "Q2", "Q3", "Q4", "annual", "custom"];
export const CASE_STAGES: readonly CaseStage[] = ["idea", "pilot", "implemented", "spread"];
export const LICENCES: readonly LicenceType[] = ["kogl1", "kogl2", "kogl3", "kogl4", "none"];
export const CASE_STATUSES: readonly CaseStatus[] = ["draft", "submitted", "withdrawn", "judging", "awarded", "not_awarded"];
export const ROUND_STATUSES: readonly RoundStatus[] = ["upcoming", "open", "judging", "announced"];
