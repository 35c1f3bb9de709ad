package seed

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/app"
	"eutteum/api/judging"
	"eutteum/api/mail"
	"eutteum/api/vote"
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
	Vote          *demoVote          `json:"vote"`
}

// demoVote is a public vote on the stage, opened when judging starts, with ballots cast
// through the code flow voters use.
type demoVote struct {
	Share      float64 `json:"share"`
	MaxChoices int     `json:"maxChoices"`
	ShowCounts bool    `json:"showCounts"`
	Days       int     `json:"days"`
	Ballots    []struct {
		Choices []string `json:"choices"`
		Count   int      `json:"count"`
	} `json:"ballots"`
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
	defer a.Rounds.SetClock(nil)

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
	if j.Vote != nil {
		closes, err := demoVoteLoad(ctx, a, org, st.ID, board, judgingTime, *j.Vote)
		if err != nil {
			return fmt.Errorf("vote: %w", err)
		}
		// The stage closes after the vote does.
		a.Rounds.SetClock(func() time.Time { return closes.Add(time.Hour) })
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

// codeCatcher keeps the last code a demo voter was sent.
type codeCatcher struct{ last mail.Message }

func (c *codeCatcher) Send(_ context.Context, m mail.Message) error {
	c.last = m
	return nil
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// demoVoteLoad opens the vote at the judging time and casts its ballots half an hour apart,
// each voter from an address of its own; it returns when the vote closes.
func demoVoteLoad(ctx context.Context, a *app.App, org account.Principal, stageID uuid.UUID, board judging.Board, start time.Time, v demoVote) (time.Time, error) {
	closes := start.Add(time.Duration(v.Days) * 24 * time.Hour)
	if _, err := a.Votes.Configure(ctx, org, stageID, vote.Input{
		OpensAt: start, ClosesAt: closes, MaxChoices: v.MaxChoices, ShowCounts: v.ShowCounts, VoteShare: v.Share,
		Intro: "결선에 오른 사례 가운데 우리 동네에 꼭 필요하다고 생각하는 사례에 투표해 주세요.",
	}); err != nil {
		return closes, err
	}
	catcher := &codeCatcher{}
	votes := a.Votes.WithMailer(catcher)
	n := 0
	for _, group := range v.Ballots {
		var ids []uuid.UUID
		for _, title := range group.Choices {
			for _, c := range board.Cases {
				if c.Title == title {
					ids = append(ids, c.CaseID)
				}
			}
		}
		if len(ids) != len(group.Choices) {
			return closes, fmt.Errorf("ballot choices %v are not all in the stage", group.Choices)
		}
		for range group.Count {
			n++
			at := start.Add(time.Duration(n) * 30 * time.Minute)
			a.Rounds.SetClock(func() time.Time { return at })
			address := fmt.Sprintf("203.0.113.%d", n%250+1)
			sent, err := votes.RequestCode(ctx, stageID, fmt.Sprintf("citizen%03d@demo.test", n), address)
			if err != nil {
				return closes, err
			}
			code := sixDigits.FindString(catcher.last.Subject)
			if _, err := votes.Cast(ctx, stageID, vote.BallotInput{CaseIDs: ids, VerificationID: &sent.VerificationID, Code: code},
				vote.Voter{ClientIP: address, UserAgent: "demo"}); err != nil {
				return closes, err
			}
		}
	}
	a.Rounds.SetClock(func() time.Time { return start })
	return closes, nil
}
