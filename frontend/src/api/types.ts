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

export const ROLES: readonly Role[] = ["admin", "organizer", "judge", "member"];
