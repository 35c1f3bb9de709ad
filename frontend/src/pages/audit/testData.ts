// Audit events as the API sends them, for the audit page tests.
import type { AuditEvent, User } from "../../api/types";
import { organizer } from "../../test/fakeServer";

export const admin: User = {
  ...organizer,
  id: "7f1c1a60-0000-4000-8000-0000000000ad",
  email: "admin@demo.test",
  displayName: "시스템 관리자",
  agency: { id: "7f1c1a60-0000-4000-8000-0000000000a0", name: "행정안전부" },
  department: "정부혁신조직실",
  roles: [{ role: "admin" }],
};

export const MEMBER_ID = "7f1c1a60-0000-4000-8000-000000000002";
export const STAGE_ID = "7f1c1a60-0000-4000-8000-000000000e01";
export const JUDGE_ID = "a3c9e2f1-0000-4000-8000-0000000000f9";

export function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 100,
    at: "2026-06-30T15:00:00Z",
    actor: "시스템 관리자",
    action: "login",
    subjectType: "user",
    subjectId: admin.id,
    details: { ip: "203.0.113.7" },
    ...overrides,
  };
}

/** `count` login events with ids from `from` downwards, as one page of the admin log. */
export function loginPage(from: number, count: number): AuditEvent[] {
  return Array.from({ length: count }, (_, i) => auditEvent({ id: from - i, details: { ip: `198.51.100.${i % 250}` } }));
}
