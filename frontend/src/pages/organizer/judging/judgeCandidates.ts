/**
 * Whom an organizer can put on a stage. GET /api/v1/users shows organizers only the users of
 * their own agencies, while judges are often outside experts from elsewhere; so the judges
 * who already sat on stages of the organizer's rounds are offered too.
 */
import type { ApiClient } from "../../../api/client";
import type { Round, User } from "../../../api/types";
import { fetchAllPages } from "../../../components/useCursorList";

export interface JudgeCandidate {
  userId: string;
  displayName: string;
  agency?: string | undefined;
  department?: string | undefined;
  email?: string | undefined;
  /** "users": holds the judge role in GET /users; "stages": judged an earlier stage. */
  source: "users" | "stages";
}

/** How many earlier rounds are searched for their judges (most recent first). */
const ROUND_LIMIT = 12;

export function judgesFromUsers(users: readonly User[]): JudgeCandidate[] {
  return users
    .filter((u) => u.roles.some((r) => r.role === "judge"))
    .map((u) => ({ userId: u.id, displayName: u.displayName, agency: u.agency.name, department: u.department, email: u.email, source: "users" as const }));
}

/** Rounds whose stages are worth reading for judges: managed, judged or announced, newest first. */
export function roundsToSearch(rounds: readonly Round[], currentRoundId: string | null): Round[] {
  return rounds
    .filter((r) => r.canManage && (r.id === currentRoundId || r.status === "judging" || r.status === "announced"))
    .sort((a, b) => (a.id === currentRoundId ? -1 : b.id === currentRoundId ? 1 : b.createdAt.localeCompare(a.createdAt)))
    .slice(0, ROUND_LIMIT);
}

/** Merges candidates by user id, keeping the first (users before stages) and sorting by name. */
export function mergeCandidates(lists: readonly (readonly JudgeCandidate[])[]): JudgeCandidate[] {
  const byId = new Map<string, JudgeCandidate>();
  for (const list of lists) for (const c of list) if (!byId.has(c.userId)) byId.set(c.userId, c);
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, "ko"));
}

export async function loadJudgeCandidates(api: ApiClient, currentRoundId: string | null): Promise<JudgeCandidate[]> {
  const [users, rounds] = await Promise.all([
    // Every page: a judge may be anywhere in the list.
    fetchAllPages((cursor) => api.GET("/api/v1/users", { params: { query: { cursor, limit: 50 } } }), (d) => d.items).catch(() => []),
    api.GET("/api/v1/rounds"),
  ]);
  const fromUsers = judgesFromUsers(users);
  const fromStages: JudgeCandidate[] = [];
  const searched = rounds.data ? roundsToSearch(rounds.data.items, currentRoundId) : [];
  const stageLists = await Promise.all(
    searched.map((r) => api.GET("/api/v1/rounds/{roundId}/stages", { params: { path: { roundId: r.id } } }).then(({ data }) => data?.items ?? [])),
  );
  const stageIds = stageLists.flat().map((s) => s.id);
  const judgeLists = await Promise.all(
    stageIds.map((stageId) => api.GET("/api/v1/stages/{stageId}/judges", { params: { path: { stageId } } }).then(({ data }) => data?.items ?? [])),
  );
  for (const list of judgeLists) {
    for (const j of list) {
      fromStages.push({ userId: j.userId, displayName: j.displayName, agency: j.agency.name, department: j.department, source: "stages" });
    }
  }
  return mergeCandidates([fromUsers, fromStages]);
}
