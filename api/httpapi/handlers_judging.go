package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"eutteum/api/apperr"
	"eutteum/api/judging"
	"eutteum/api/notify"
	"eutteum/api/oapi"
	"eutteum/api/paging"
)

// convert maps between generated API types and domain types that share their JSON form
// (rubric criteria, tie-breaks): one definition of the shape, in openapi.yaml.
func convert[T any](src any) (T, error) {
	var dst T
	raw, err := json.Marshal(src)
	if err != nil {
		return dst, apperr.Internal(err)
	}
	if err := json.Unmarshal(raw, &dst); err != nil {
		return dst, apperr.Internal(fmt.Errorf("convert %T: %w", src, err))
	}
	return dst, nil
}

func (s *Server) ListRubricTemplates(ctx context.Context, _ oapi.ListRubricTemplatesRequestObject) (oapi.ListRubricTemplatesResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.judging.Templates(ctx, p)
	if err != nil {
		return nil, err
	}
	items := make([]oapi.RubricTemplate, len(list))
	for i, t := range list {
		if items[i], err = toTemplate(t); err != nil {
			return nil, err
		}
	}
	return oapi.ListRubricTemplates200JSONResponse{Items: items}, nil
}

func (s *Server) CreateRubricTemplate(ctx context.Context, req oapi.CreateRubricTemplateRequestObject) (oapi.CreateRubricTemplateResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	in, err := templateInput(*req.Body)
	if err != nil {
		return nil, err
	}
	t, err := s.judging.CreateTemplate(ctx, p, in)
	if err != nil {
		return nil, err
	}
	out, err := toTemplate(t)
	return oapi.CreateRubricTemplate201JSONResponse(out), err
}

func templateInput(b oapi.RubricTemplateInput) (judging.TemplateInput, error) {
	criteria, err := convert[[]judging.Criterion](b.Criteria)
	return judging.TemplateInput{Name: b.Name, AgencyID: b.AgencyId, Criteria: criteria}, err
}

func toTemplate(t judging.Template) (oapi.RubricTemplate, error) {
	criteria, err := convert[[]oapi.Criterion](t.Criteria)
	out := oapi.RubricTemplate{Id: t.ID, Name: t.Name, BuiltIn: t.BuiltIn, Criteria: criteria}
	if t.Agency != nil {
		out.Agency = &oapi.AgencyRef{Id: t.Agency.ID, Name: t.Agency.Name}
	}
	return out, err
}

func (s *Server) GetJudgingSettings(ctx context.Context, req oapi.GetJudgingSettingsRequestObject) (oapi.GetJudgingSettingsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	st, err := s.judging.Settings(ctx, p, req.RoundId)
	if err != nil {
		return nil, err
	}
	out, err := toSettings(st)
	return oapi.GetJudgingSettings200JSONResponse(out), err
}

func (s *Server) UpdateJudgingSettings(ctx context.Context, req oapi.UpdateJudgingSettingsRequestObject) (oapi.UpdateJudgingSettingsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	tieBreaks, err := convert[[]judging.TieBreak](req.Body.TieBreaks)
	if err != nil {
		return nil, err
	}
	st, err := s.judging.UpdateSettings(ctx, p, req.RoundId, judging.Settings{
		Method: string(req.Body.Method), TieBreaks: tieBreaks, ObjectionDays: req.Body.ObjectionDays,
	})
	if err != nil {
		return nil, err
	}
	out, err := toSettings(st)
	return oapi.UpdateJudgingSettings200JSONResponse(out), err
}

func toSettings(st judging.Settings) (oapi.JudgingSettings, error) {
	tieBreaks, err := convert[[]oapi.TieBreak](st.TieBreaks)
	return oapi.JudgingSettings{Method: oapi.AggregationMethod(st.Method), TieBreaks: tieBreaks, ObjectionDays: st.ObjectionDays, Frozen: st.Frozen, ResultsPublished: st.Published}, err
}

func (s *Server) ListStages(ctx context.Context, req oapi.ListStagesRequestObject) (oapi.ListStagesResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	stages, err := s.judging.Stages(ctx, p, req.RoundId)
	if err != nil {
		return nil, err
	}
	items := make([]oapi.Stage, len(stages))
	for i, st := range stages {
		if items[i], err = toStage(st); err != nil {
			return nil, err
		}
	}
	return oapi.ListStages200JSONResponse{Items: items}, nil
}

func (s *Server) CreateStage(ctx context.Context, req oapi.CreateStageRequestObject) (oapi.CreateStageResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	in, err := stageInput(*req.Body)
	if err != nil {
		return nil, err
	}
	st, err := s.judging.CreateStage(ctx, p, req.RoundId, in)
	if err != nil {
		return nil, err
	}
	out, err := toStage(st)
	return oapi.CreateStage201JSONResponse(out), err
}

func (s *Server) GetStage(ctx context.Context, req oapi.GetStageRequestObject) (oapi.GetStageResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	st, err := s.judging.GetStage(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	out, err := toStage(st)
	return oapi.GetStage200JSONResponse(out), err
}

func (s *Server) UpdateStage(ctx context.Context, req oapi.UpdateStageRequestObject) (oapi.UpdateStageResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	in, err := stageUpdate(*req.Body)
	if err != nil {
		return nil, err
	}
	st, err := s.judging.UpdateStage(ctx, p, req.StageId, in)
	if err != nil {
		return nil, err
	}
	out, err := toStage(st)
	return oapi.UpdateStage200JSONResponse(out), err
}

func (s *Server) OpenStage(ctx context.Context, req oapi.OpenStageRequestObject) (oapi.OpenStageResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	st, err := s.judging.OpenStage(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	out, err := toStage(st)
	return oapi.OpenStage200JSONResponse(out), err
}

func (s *Server) CloseStage(ctx context.Context, req oapi.CloseStageRequestObject) (oapi.CloseStageResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	st, err := s.judging.CloseStage(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	out, err := toStage(st)
	return oapi.CloseStage200JSONResponse(out), err
}

func stageInput(b oapi.StageInput) (judging.StageInput, error) {
	in := judging.StageInput{
		Name: b.Name, Kind: string(b.Kind), Blind: b.Blind, ScoringClosesAt: b.ScoringClosesAt,
		Cut: toCut(b.Cut), RubricTemplateID: b.RubricTemplateId,
	}
	if b.FinalShare != nil {
		in.FinalShare = *b.FinalShare
	}
	var err error
	if b.Criteria != nil {
		in.Criteria, err = convert[[]judging.Criterion](*b.Criteria)
	}
	return in, err
}

func stageUpdate(b oapi.StageUpdate) (judging.StageUpdate, error) {
	in := judging.StageUpdate{Name: b.Name, Blind: b.Blind, ScoringClosesAt: b.ScoringClosesAt, FinalShare: b.FinalShare}
	if b.Cut != nil {
		cut := toCut(*b.Cut)
		in.Cut = &cut
	}
	var err error
	if b.Criteria != nil {
		in.Criteria, err = convert[[]judging.Criterion](*b.Criteria)
	}
	return in, err
}

func toCut(c oapi.Cut) judging.Cut {
	cut := judging.Cut{Kind: string(c.Kind)}
	if c.Value != nil {
		cut.Value = *c.Value
	}
	return cut
}

func toScoreComponents(c *judging.ScoreComponents) *oapi.ScoreComponents {
	if c == nil {
		return nil
	}
	return &oapi.ScoreComponents{
		JudgeScore: c.JudgeScore, JudgeShare: c.JudgeShare, PanelScore: c.PanelScore, PanelShare: c.PanelShare,
		Votes: c.Votes, VoteScore: c.VoteScore, VoteShare: c.VoteShare,
	}
}

func toStage(st judging.Stage) (oapi.Stage, error) {
	criteria, err := convert[[]oapi.Criterion](st.Criteria)
	return oapi.Stage{
		Id: st.ID, RoundId: st.RoundID, Position: st.Position, Name: st.Name, Kind: oapi.StageKind(st.Kind), Blind: st.Blind,
		Status: oapi.StageStatus(st.Status), ScoringClosesAt: st.ScoringClosesAt, Criteria: criteria,
		Cut:       oapi.Cut{Kind: oapi.CutKind(st.Cut.Kind), Value: &st.Cut.Value},
		CaseCount: st.CaseCount, JudgeCount: st.JudgeCount, OpenedAt: st.OpenedAt, ClosedAt: st.ClosedAt, VoteShare: &st.VoteShare, PanelShare: &st.PanelShare,
		FinalShare: st.FinalShare,
	}, err
}

func (s *Server) ListStageJudges(ctx context.Context, req oapi.ListStageJudgesRequestObject) (oapi.ListStageJudgesResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	judges, err := s.judging.Judges(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	return oapi.ListStageJudges200JSONResponse{Items: toJudges(judges)}, nil
}

func (s *Server) AddStageJudge(ctx context.Context, req oapi.AddStageJudgeRequestObject) (oapi.AddStageJudgeResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	in := judging.JudgeInput{UserID: req.Body.UserId, MaxCases: req.Body.MaxCases}
	if req.Body.Kind != nil {
		in.Kind = string(*req.Body.Kind)
	}
	j, err := s.judging.AddJudge(ctx, p, req.StageId, in)
	if err != nil {
		return nil, err
	}
	return oapi.AddStageJudge201JSONResponse(toJudges([]judging.Judge{j})[0]), nil
}

func (s *Server) WithdrawStageJudge(ctx context.Context, req oapi.WithdrawStageJudgeRequestObject) (oapi.WithdrawStageJudgeResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	report, err := s.judging.WithdrawJudge(ctx, p, req.StageId, req.UserId)
	if err != nil {
		return nil, err
	}
	return oapi.WithdrawStageJudge200JSONResponse(toReport(report)), nil
}

func toJudges(judges []judging.Judge) []oapi.StageJudge {
	out := make([]oapi.StageJudge, len(judges))
	for i, j := range judges {
		out[i] = oapi.StageJudge{
			UserId: j.UserID, DisplayName: j.DisplayName, Agency: oapi.AgencyRef{Id: j.Agency.ID, Name: j.Agency.Name},
			Department: nonEmpty(j.Department), Kind: oapi.StageJudgeKind(j.Kind), MaxCases: j.MaxCases,
			Assigned: j.Assigned, Submitted: j.Submitted,
		}
	}
	return out
}

func toReport(r judging.AssignmentReport) oapi.AssignmentReport {
	out := oapi.AssignmentReport{Assigned: r.Assigned}
	for _, sf := range r.Shortfalls {
		out.Shortfalls = append(out.Shortfalls, struct {
			CaseId  oapi.CaseId `json:"caseId"`
			Missing int         `json:"missing"`
		}{sf.CaseID, sf.Missing})
	}
	if out.Shortfalls == nil {
		out.Shortfalls = make([]struct {
			CaseId  oapi.CaseId `json:"caseId"`
			Missing int         `json:"missing"`
		}, 0)
	}
	return out
}

func (s *Server) ListAssignments(ctx context.Context, req oapi.ListAssignmentsRequestObject) (oapi.ListAssignmentsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	b, err := s.judging.Board(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	return oapi.ListAssignments200JSONResponse(toBoard(b)), nil
}

func (s *Server) AutoAssign(ctx context.Context, req oapi.AutoAssignRequestObject) (oapi.AutoAssignResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	report, err := s.judging.AutoAssign(ctx, p, req.StageId, req.Body.JudgesPerCase)
	if err != nil {
		return nil, err
	}
	return oapi.AutoAssign200JSONResponse(toReport(report)), nil
}

func (s *Server) SetAssignment(ctx context.Context, req oapi.SetAssignmentRequestObject) (oapi.SetAssignmentResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	b, err := s.judging.SetAssignment(ctx, p, req.StageId, req.CaseId, req.Body.JudgeIds)
	if err != nil {
		return nil, err
	}
	return oapi.SetAssignment200JSONResponse(toBoard(b)), nil
}

func toBoard(b judging.Board) oapi.AssignmentBoard {
	out := oapi.AssignmentBoard{Cases: make([]oapi.AssignedCase, len(b.Cases)), Conflicts: make([]oapi.JudgeConflict, len(b.Conflicts))}
	for i, c := range b.Cases {
		ac := oapi.AssignedCase{CaseId: c.CaseID, Title: c.Title, Team: toTeamRef(c.Team), Judges: make([]oapi.AssignedJudge, len(c.Judges))}
		for k, j := range c.Judges {
			ac.Judges[k] = oapi.AssignedJudge{UserId: j.UserID, DisplayName: j.DisplayName, SheetStatus: oapi.AssignedJudgeSheetStatus(j.SheetStatus)}
		}
		out.Cases[i] = ac
	}
	for i, c := range b.Conflicts {
		out.Conflicts[i] = toConflict(c)
	}
	return out
}

func toConflict(c judging.Conflict) oapi.JudgeConflict {
	return oapi.JudgeConflict{
		CaseId: c.CaseID, JudgeId: c.JudgeID, JudgeName: c.JudgeName, Kind: oapi.ConflictKind(c.Kind), Reason: c.Reason,
		Automatic: c.Automatic, RecordedBy: nonEmpty(c.RecordedBy), RecordedAt: c.RecordedAt,
	}
}

func (s *Server) ChallengeJudge(ctx context.Context, req oapi.ChallengeJudgeRequestObject) (oapi.ChallengeJudgeResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.judging.Challenge(ctx, p, req.StageId, judging.ConflictInput{CaseID: req.Body.CaseId, JudgeID: req.Body.JudgeId, Reason: req.Body.Reason})
	if err != nil {
		return nil, err
	}
	return oapi.ChallengeJudge201JSONResponse(toConflict(c)), nil
}

func (s *Server) Recuse(ctx context.Context, req oapi.RecuseRequestObject) (oapi.RecuseResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.judging.Recuse(ctx, p, req.StageId, req.CaseId, req.Body.Reason)
	if err != nil {
		return nil, err
	}
	return oapi.Recuse201JSONResponse(toConflict(c)), nil
}

func (s *Server) ListMyAssignments(ctx context.Context, _ oapi.ListMyAssignmentsRequestObject) (oapi.ListMyAssignmentsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	stages, err := s.judging.Dashboard(ctx, p)
	if err != nil {
		return nil, err
	}
	out := oapi.ListMyAssignments200JSONResponse{Items: make([]oapi.JudgeStage, len(stages))}
	for i, ds := range stages {
		st, err := toStage(ds.Stage)
		if err != nil {
			return nil, err
		}
		js := oapi.JudgeStage{Stage: st, RoundTitle: ds.RoundTitle, Assigned: ds.Assigned, Submitted: ds.Submitted}
		js.Cases, err = convert[[]struct {
			CaseId      oapi.CaseId                     `json:"caseId"`
			SheetStatus oapi.JudgeStageCasesSheetStatus `json:"sheetStatus"`
			Title       string                          `json:"title"`
			Total       *float64                        `json:"total,omitempty"`
		}](dashboardCases(ds.Cases))
		if err != nil {
			return nil, err
		}
		out.Items[i] = js
	}
	return out, nil
}

func dashboardCases(list []judging.DashboardCase) []map[string]any {
	out := make([]map[string]any, len(list))
	for i, c := range list {
		out[i] = map[string]any{"caseId": c.CaseID, "sheetStatus": c.SheetStatus, "title": c.Title, "total": c.Total}
	}
	return out
}

func (s *Server) GetJudgingCase(ctx context.Context, req oapi.GetJudgingCaseRequestObject) (oapi.GetJudgingCaseResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	jc, err := s.judging.Case(ctx, p, req.StageId, req.CaseId)
	if err != nil {
		return nil, err
	}
	st, err := toStage(jc.Stage)
	if err != nil {
		return nil, err
	}
	sheet, err := toSheet(jc.Sheet)
	if err != nil {
		return nil, err
	}
	out := oapi.GetJudgingCase200JSONResponse{
		Stage: st, CaseId: jc.CaseID, Content: toCaseContent(jc.Content), Attachments: toAttachments(jc.Attachments),
		Blind: jc.Blind, IdentityWarnings: &jc.IdentityWarnings, Sheet: sheet, Editable: jc.Editable,
	}
	if jc.Team != nil {
		ref := toTeamRef(*jc.Team)
		out.Team = &ref
	}
	return out, nil
}

func (s *Server) SaveScoreSheet(ctx context.Context, req oapi.SaveScoreSheetRequestObject) (oapi.SaveScoreSheetResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	in, err := sheetInput(*req.Body)
	if err != nil {
		return nil, err
	}
	sh, err := s.judging.SaveSheet(ctx, p, req.StageId, req.CaseId, in)
	if err != nil {
		return nil, err
	}
	out, err := toSheet(sh)
	return oapi.SaveScoreSheet200JSONResponse(out), err
}

func sheetInput(b oapi.ScoreSheetInput) (judging.SheetInput, error) {
	items, err := convert[[]judging.Item](b.Items)
	return judging.SheetInput{Items: items, OverallComment: valueOr(b.OverallComment), Submit: b.Submit}, err
}

func toSheet(sh judging.Sheet) (oapi.ScoreSheet, error) {
	items, err := convert[[]oapi.ScoreItem](sh.Items)
	return oapi.ScoreSheet{
		Status: oapi.ScoreSheetStatus(sh.Status), Items: items, OverallComment: nonEmpty(sh.OverallComment),
		Total: sh.Total, UpdatedAt: sh.UpdatedAt, SubmittedAt: sh.SubmittedAt,
	}, err
}

func (s *Server) GetStageProgress(ctx context.Context, req oapi.GetStageProgressRequestObject) (oapi.GetStageProgressResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	pr, err := s.judging.Progress(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	return oapi.GetStageProgress200JSONResponse{StageId: pr.StageID, Judges: toJudges(pr.Judges), Cases: pr.Cases, Complete: pr.Complete}, nil
}

func (s *Server) RemindJudges(ctx context.Context, req oapi.RemindJudgesRequestObject) (oapi.RemindJudgesResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	n, err := s.judging.Remind(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	return oapi.RemindJudges200JSONResponse{Reminded: n}, nil
}

func (s *Server) GetStageResults(ctx context.Context, req oapi.GetStageResultsRequestObject) (oapi.GetStageResultsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.judging.Results(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	l := lang(ginContext(ctx).Request)
	out := oapi.GetStageResults200JSONResponse{StageId: res.StageID, Method: oapi.AggregationMethod(res.Method)}
	for _, j := range res.Judges {
		out.Judges = append(out.Judges, struct {
			DisplayName string      `json:"displayName"`
			UserId      oapi.UserId `json:"userId"`
		}{j.DisplayName, j.UserID})
	}
	if out.Judges == nil {
		out.Judges = make([]struct {
			DisplayName string      `json:"displayName"`
			UserId      oapi.UserId `json:"userId"`
		}, 0)
	}
	out.Matrix = make([]oapi.MatrixRow, len(res.Matrix))
	for i, m := range res.Matrix {
		row := oapi.MatrixRow{CaseId: m.CaseID, Title: m.Title, StdDev: m.StdDev, Range: m.Range, Outliers: m.Outliers}
		if row.Outliers == nil {
			row.Outliers = []oapi.UserId{}
		}
		for _, j := range res.Judges {
			if total, ok := m.Totals[j.UserID]; ok {
				row.Totals = append(row.Totals, struct {
					JudgeId oapi.UserId `json:"judgeId"`
					Total   float64     `json:"total"`
				}{j.UserID, total})
			}
		}
		if row.Totals == nil {
			row.Totals = make([]struct {
				JudgeId oapi.UserId `json:"judgeId"`
				Total   float64     `json:"total"`
			}, 0)
		}
		out.Matrix[i] = row
	}
	for _, r := range res.Rankings {
		mr := oapi.MethodRanking{Method: oapi.AggregationMethod(r.Method), Rows: make([]oapi.RankingRow, len(r.Rows))}
		if r.Err != nil {
			msg := methodErrorText(r.Err, l)
			mr.Error = &msg
		}
		for i, row := range r.Rows {
			rr := oapi.RankingRow{CaseId: row.CaseID, Title: row.Title, Rank: row.Rank, Score: row.Score, TieBrokenBy: nonEmpty(row.TieBrokenBy)}
			if len(row.Dropped) > 0 {
				dropped := row.Dropped
				rr.Dropped = &dropped
			}
			mr.Rows[i] = rr
		}
		out.Rankings = append(out.Rankings, mr)
	}
	return out, nil
}

// methodErrorText is the public explanation of why a method cannot rank.
func methodErrorText(err error, l apperr.Lang) string {
	e := apperr.As(err)
	if len(e.Fields) > 0 && e.Fields[0].Rule == "too_few_judges" {
		return apperr.FieldMessage(e.Fields[0], l)
	}
	return apperr.Detail(e.Code, l, nil)
}

func (s *Server) GetRoundResults(ctx context.Context, req oapi.GetRoundResultsRequestObject) (oapi.GetRoundResultsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.judging.RoundResults(ctx, p, req.RoundId)
	if err != nil {
		return nil, err
	}
	out, err := toRoundResults(res, paging.NewRequest(req.Params.Cursor, req.Params.Limit))
	return oapi.GetRoundResults200JSONResponse(out), err
}

func (s *Server) OverrideAward(ctx context.Context, req oapi.OverrideAwardRequestObject) (oapi.OverrideAwardResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.judging.Override(ctx, p, req.RoundId, req.CaseId, judging.OverrideInput{TierID: req.Body.TierId, Reason: req.Body.Reason})
	if err != nil {
		return nil, err
	}
	out, err := toRoundResults(res, paging.NewRequest(nil, nil))
	return oapi.OverrideAward200JSONResponse(out), err
}

func (s *Server) PublishResults(ctx context.Context, req oapi.PublishResultsRequestObject) (oapi.PublishResultsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.judging.Publish(ctx, p, req.RoundId)
	if err != nil {
		return nil, err
	}
	out, err := toRoundResults(res, paging.NewRequest(nil, nil))
	return oapi.PublishResults200JSONResponse(out), err
}

// toRoundResults answers a page of the ranking (the first one for an override or the
// publication, whose clients load the list again).
func toRoundResults(all judging.RoundResults, page paging.Request) (oapi.RoundResults, error) {
	r, err := all.Page(page)
	if err != nil {
		return oapi.RoundResults{}, err
	}
	out := oapi.RoundResults{
		RoundId: r.RoundID, Method: oapi.AggregationMethod(r.Method), Ready: r.Ready, Published: r.Published,
		PublishedAt: r.PublishedAt, ObjectionsCloseAt: r.ObjectionsCloseAt, Rows: make([]oapi.AwardRow, len(r.Rows)),
		Total: r.Total, AwardedCount: r.Awarded, PrizeTotalKrw: r.PrizeTotalKRW, NextCursor: nonEmpty(r.Next),
	}
	for i, row := range r.Rows {
		ar := oapi.AwardRow{
			CaseId: row.CaseID, Title: row.Title, Team: toTeamRef(row.Team), Rank: row.Rank, Score: row.Score,
			StageReached: nonEmpty(row.StageReached), Overridden: row.Overridden, OverrideReason: nonEmpty(row.OverrideReason),
		}
		if len(row.StageScores) > 0 {
			var scores []struct {
				Components *oapi.ScoreComponents `json:"components,omitempty"`
				Score      float64               `json:"score"`
				Stage      string                `json:"stage"`
			}
			for _, sc := range row.StageScores {
				scores = append(scores, struct {
					Components *oapi.ScoreComponents `json:"components,omitempty"`
					Score      float64               `json:"score"`
					Stage      string                `json:"stage"`
				}{toScoreComponents(sc.Components), sc.Score, sc.Stage})
			}
			ar.StageScores = &scores
		}
		if row.Tier != nil {
			ar.Tier = &oapi.AwardTier{Id: row.Tier.ID, Name: row.Tier.Name, Count: row.Tier.Count, PrizeKrw: int(row.Tier.PrizeKRW)}
		}
		out.Rows[i] = ar
	}
	return out, nil
}

func (s *Server) ExportResults(ctx context.Context, req oapi.ExportResultsRequestObject) (oapi.ExportResultsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	data, name, err := s.judging.ExportCSV(ctx, p, req.RoundId, string(req.Params.Table))
	if err != nil {
		return nil, err
	}
	return oapi.ExportResults200TextcsvResponse{
		Body: bytes.NewReader(data), ContentLength: int64(len(data)),
		Headers: oapi.ExportResults200ResponseHeaders{ContentDisposition: ptr(contentDisposition(name))},
	}, nil
}

func (s *Server) GetPublicResults(ctx context.Context, req oapi.GetPublicResultsRequestObject) (oapi.GetPublicResultsResponseObject, error) {
	t, err := s.judging.PublicResults(ctx, req.RoundId)
	if err != nil {
		return nil, err
	}
	out, err := convert[oapi.PublicResults](t)
	return oapi.GetPublicResults200JSONResponse(out), err
}

func (s *Server) FileObjection(ctx context.Context, req oapi.FileObjectionRequestObject) (oapi.FileObjectionResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	o, err := s.judging.FileObjection(ctx, p, req.CaseId, req.Body.Text)
	if err != nil {
		return nil, err
	}
	return oapi.FileObjection201JSONResponse(toObjection(o)), nil
}

func (s *Server) ListObjections(ctx context.Context, req oapi.ListObjectionsRequestObject) (oapi.ListObjectionsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.judging.Objections(ctx, p, req.RoundId)
	if err != nil {
		return nil, err
	}
	items := make([]oapi.Objection, len(list))
	for i, o := range list {
		items[i] = toObjection(o)
	}
	return oapi.ListObjections200JSONResponse{Items: items}, nil
}

func (s *Server) AnswerObjection(ctx context.Context, req oapi.AnswerObjectionRequestObject) (oapi.AnswerObjectionResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	o, err := s.judging.Answer(ctx, p, req.ObjectionId, judging.AnswerInput{Answer: req.Body.Answer, Upheld: req.Body.Upheld})
	if err != nil {
		return nil, err
	}
	return oapi.AnswerObjection200JSONResponse(toObjection(o)), nil
}

func toObjection(o judging.Objection) oapi.Objection {
	return oapi.Objection{
		Id: o.ID, CaseId: o.CaseID, CaseTitle: o.CaseTitle, Text: o.Text, FiledBy: o.FiledBy, FiledAt: o.FiledAt,
		Answer: nonEmpty(o.Answer), Upheld: o.Upheld, AnsweredBy: nonEmpty(o.AnsweredBy), AnsweredAt: o.AnsweredAt,
	}
}

func (s *Server) ListNotifications(ctx context.Context, req oapi.ListNotificationsRequestObject) (oapi.ListNotificationsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	page, unread, err := s.notifications.List(ctx, p, paging.NewRequest(req.Params.Cursor, req.Params.Limit))
	if err != nil {
		return nil, err
	}
	out := paging.Map(page, func(n notify.Notification) oapi.Notification {
		return oapi.Notification{Id: n.ID, Kind: n.Kind, Title: n.Title, Body: nonEmpty(n.Body), Link: nonEmpty(n.Link), CreatedAt: n.CreatedAt, Read: n.Read}
	})
	return oapi.ListNotifications200JSONResponse{Items: out.Items, Unread: unread, NextCursor: nonEmpty(out.Next)}, nil
}

func (s *Server) MarkNotificationRead(ctx context.Context, req oapi.MarkNotificationReadRequestObject) (oapi.MarkNotificationReadResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.notifications.MarkRead(ctx, p, req.NotificationId); err != nil {
		return nil, err
	}
	return oapi.MarkNotificationRead204Response{}, nil
}

func (s *Server) DownloadJudgingAttachment(ctx context.Context, req oapi.DownloadJudgingAttachmentRequestObject) (oapi.DownloadJudgingAttachmentResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	a, data, err := s.judging.File(ctx, p, req.StageId, req.CaseId, req.AttachmentId)
	if err != nil {
		return nil, err
	}
	return oapi.DownloadJudgingAttachment200AsteriskResponse{
		Body: bytes.NewReader(data), ContentType: a.ContentType, ContentLength: a.SizeBytes,
		Headers: oapi.DownloadJudgingAttachment200ResponseHeaders{ContentDisposition: ptr(contentDisposition(a.Filename))},
	}, nil
}
