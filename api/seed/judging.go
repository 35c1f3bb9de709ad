package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"eutteum/api/app"
	"eutteum/api/judging"
)

type demoJudging struct {
	Round         string             `json:"round"`
	Organizer     string             `json:"organizer"`
	Method        string             `json:"method"`
	Judges        []string           `json:"judges"`
	JudgesPerCase int                `json:"judgesPerCase"`
	Scores        map[string][][]any `json:"scores"`
	Close         bool               `json:"close"`
	Publish       bool               `json:"publish"`
}

// demoJudgingLoad judges a demo round as its organizer and judges would have, at the time
// it happened: the round's clock stands an hour after the submission deadline.
func demoJudgingLoad(ctx context.Context, a *app.App, j demoJudging, roundID uuid.UUID) error {
	org, err := a.Accounts.PrincipalFor(ctx, j.Organizer)
	if err != nil {
		return err
	}
	stages, err := a.Judging.Stages(ctx, org, roundID)
	if err != nil || len(stages) > 0 {
		return err
	}
	r, err := a.Rounds.Get(ctx, org, roundID)
	if err != nil {
		return err
	}
	judgingTime := r.Schedule.SubmissionClosesAt.Add(time.Hour)
	a.Rounds.SetClock(func() time.Time { return judgingTime })
	defer a.Rounds.SetClock(time.Now)

	if _, err := a.Judging.UpdateSettings(ctx, org, roundID, judging.Settings{
		Method: j.Method, ObjectionDays: 7,
		TieBreaks: []judging.TieBreak{{Kind: "criterion", CriterionName: "효과성(성과)"}, {Kind: "earlier_submission"}},
	}); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	templates, err := a.Judging.Templates(ctx, org)
	if err != nil {
		return err
	}
	var builtIn *uuid.UUID
	for _, t := range templates {
		if t.BuiltIn {
			id := t.ID
			builtIn = &id
		}
	}
	st, err := a.Judging.CreateStage(ctx, org, roundID, judging.StageInput{
		Name: "서면심사", Kind: "written", ScoringClosesAt: r.Schedule.JudgingClosesAt,
		Cut: judging.Cut{Kind: "none"}, RubricTemplateID: builtIn,
	})
	if err != nil {
		return fmt.Errorf("stage: %w", err)
	}
	judgeIDs := make([]uuid.UUID, len(j.Judges))
	for i, email := range j.Judges {
		p, err := a.Accounts.PrincipalFor(ctx, email)
		if err != nil {
			return err
		}
		judgeIDs[i] = p.UserID
		if _, err := a.Judging.AddJudge(ctx, org, st.ID, judging.JudgeInput{UserID: p.UserID, Kind: "external"}); err != nil {
			return fmt.Errorf("judge %s: %w", email, err)
		}
	}
	if st, err = a.Judging.OpenStage(ctx, org, st.ID); err != nil {
		return fmt.Errorf("open: %w", err)
	}
	if _, err := a.Judging.AutoAssign(ctx, org, st.ID, j.JudgesPerCase); err != nil {
		return fmt.Errorf("assign: %w", err)
	}
	board, err := a.Judging.Board(ctx, org, st.ID)
	if err != nil {
		return err
	}
	for title, sheets := range j.Scores {
		var caseID uuid.UUID
		for _, c := range board.Cases {
			if c.Title == title {
				caseID = c.CaseID
			}
		}
		if caseID == uuid.Nil {
			return fmt.Errorf("no case %q in the stage", title)
		}
		for k, values := range sheets {
			judge, err := a.Accounts.PrincipalFor(ctx, j.Judges[k])
			if err != nil {
				return err
			}
			in := judging.SheetInput{Submit: true, OverallComment: "서면 자료를 충실히 검토했습니다."}
			for i, c := range st.Criteria {
				item := judging.Item{CriterionID: c.ID}
				switch v := values[i].(type) {
				case string:
					item.Grade = v
				case float64:
					item.Points = &v
				}
				in.Items = append(in.Items, item)
			}
			if _, err := a.Judging.SaveSheet(ctx, judge, st.ID, caseID, in); err != nil {
				return fmt.Errorf("sheet %q by %s: %w", title, j.Judges[k], err)
			}
		}
	}
	if j.Close {
		if _, err := a.Judging.CloseStage(ctx, org, st.ID); err != nil {
			return fmt.Errorf("close: %w", err)
		}
	}
	if j.Publish {
		if _, err := a.Judging.Publish(ctx, org, roundID); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	return nil
}
