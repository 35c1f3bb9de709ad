import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type AggregationMethod = Schemas["AggregationMethod"];
export type TieBreak = Schemas["TieBreak"];
export type TieBreakKind = TieBreak["kind"];
export type JudgingSettings = Schemas["JudgingSettings"];
export type JudgingSettingsInput = Schemas["JudgingSettingsInput"];
export type Scale = Schemas["ScaleInput"];
export type Grade = Schemas["GradeInput"];
export type Guidance = Schemas["GuidanceInput"];
export type Criterion = Schemas["Criterion"];
export type CriterionInput = Schemas["CriterionInput"];
export type RubricTemplate = Schemas["RubricTemplate"];
export type StageKind = Schemas["StageKind"];
export type StageStatus = Schemas["StageStatus"];
export type Cut = Schemas["Cut"];
export type CutKind = Cut["kind"];
export type Stage = Schemas["Stage"];
export type StageInput = Schemas["StageInput"];
export type StageJudge = Schemas["StageJudge"];
export type JudgeKind = StageJudge["kind"];
/** What an organizer may choose when seating a judge; citizens join through the panel. */
export type SeatedJudgeKind = NonNullable<Schemas["StageJudgeInput"]["kind"]>;
export type StagePanel = Schemas["StagePanel"];
export type StagePanelInput = Schemas["StagePanelInput"];
export type PanelMember = Schemas["PanelMember"];
export type ConflictKind = Schemas["ConflictKind"];
export type JudgeConflict = Schemas["JudgeConflict"];
export type AssignedCase = Schemas["AssignedCase"];
export type AssignmentBoard = Schemas["AssignmentBoard"];
export type AssignmentReport = Schemas["AssignmentReport"];
export type ScoreItem = Schemas["ScoreItem"];
export type ScoreItemInput = Schemas["ScoreItemInput"];
export type ScoreSheet = Schemas["ScoreSheet"];
export type ScoreSheetInput = Schemas["ScoreSheetInput"];
export type SheetStatus = ScoreSheet["status"];
export type JudgingCase = Schemas["JudgingCase"];
export type JudgeStage = Schemas["JudgeStage"];
export type StageProgress = Schemas["StageProgress"];
export type StageResults = Schemas["StageResults"];
export type MatrixRow = Schemas["MatrixRow"];
export type MethodRanking = Schemas["MethodRanking"];
export type RankingRow = Schemas["RankingRow"];
export type AwardRow = Schemas["AwardRow"];
export type RoundResults = Schemas["RoundResults"];
export type PublicResults = Schemas["PublicResults"];
export type PublicResultCase = Schemas["PublicResultCase"];
export type Objection = Schemas["Objection"];
export type Notification = Schemas["Notification"];
export type NotificationList = Schemas["NotificationList"];

/** Every aggregation method, in the order the server's method switch uses. */
export const METHODS: readonly AggregationMethod[] = ["mean", "trimmed_mean", "median", "zscore"];
export const STAGE_KINDS: readonly StageKind[] = ["written", "presentation", "final"];
export const TIE_BREAK_KINDS: readonly TieBreakKind[] = ["criterion", "first_places", "earlier_submission"];
export const CUT_KINDS: readonly CutKind[] = ["none", "top_n", "threshold"];
export const CONFLICT_KINDS: readonly ConflictKind[] = ["team_member", "same_department", "same_agency", "declared", "challenged"];
