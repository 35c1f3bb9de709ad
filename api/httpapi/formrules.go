package httpapi

import (
	"context"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/judging"
	"eutteum/api/oapi"
	"eutteum/api/validation"
)

// formRule runs an operation's business rules over a request body the schema refused,
// recording what they find into r. The answer then lists every error of the form at once,
// instead of the schema's now and the rules' after the next try. A rule that cannot tell
// (the caller may not see the object, an id does not parse) records nothing.
type formRule func(ctx context.Context, p account.Principal, c *gin.Context, body []byte, r *validation.Report) error

// formRules are the forms whose business rules are known before anything is written, by
// operation id.
func (s *Server) formRules() map[string]formRule {
	rounds := func(ctx context.Context, _ account.Principal, _ *gin.Context, body []byte, r *validation.Report) error {
		in := roundInput(lenient[oapi.RoundInput](body))
		return s.rounds.Check(ctx, &in, r)
	}
	return map[string]formRule{
		"createRound": rounds,
		"updateRound": rounds,
		"updateCase": func(ctx context.Context, p account.Principal, c *gin.Context, body []byte, r *validation.Report) error {
			id, err := uuid.Parse(c.Param("caseId"))
			if err != nil {
				return nil
			}
			return s.cases.CheckContent(ctx, p, id, caseContent(lenient[oapi.CaseInput](body)), r)
		},
		"createStage": func(ctx context.Context, _ account.Principal, _ *gin.Context, body []byte, r *validation.Report) error {
			in, err := stageInput(lenient[oapi.StageInput](body))
			if err != nil {
				return err
			}
			_, err = s.judging.CheckStage(ctx, &in, r)
			return err
		},
		"updateStage": func(_ context.Context, _ account.Principal, _ *gin.Context, body []byte, r *validation.Report) error {
			in, err := stageUpdate(lenient[oapi.StageUpdate](body))
			if err != nil {
				return err
			}
			return judging.CheckStageUpdate(&in, r)
		},
		"createRubricTemplate": func(_ context.Context, _ account.Principal, _ *gin.Context, body []byte, r *validation.Report) error {
			in, err := templateInput(lenient[oapi.RubricTemplateInput](body))
			if err != nil {
				return err
			}
			return judging.CheckTemplate(&in, r)
		},
		"updateMyJudgeProfile": func(_ context.Context, _ account.Principal, _ *gin.Context, body []byte, r *validation.Report) error {
			in := profileInput(lenient[oapi.JudgeProfileInput](body))
			return judging.CheckProfile(&in, r)
		},
		"saveScoreSheet": func(ctx context.Context, p account.Principal, c *gin.Context, body []byte, r *validation.Report) error {
			stageID, err1 := uuid.Parse(c.Param("stageId"))
			caseID, err2 := uuid.Parse(c.Param("caseId"))
			if err1 != nil || err2 != nil {
				return nil
			}
			in, err := sheetInput(lenient[oapi.ScoreSheetInput](body))
			if err != nil {
				return err
			}
			return s.judging.CheckSheet(ctx, p, stageID, caseID, in, r)
		},
	}
}

// lenient is as much of body as fits the request type B (see validation.DecodeLenient).
func lenient[B any](body []byte) B {
	var b B
	validation.DecodeLenient(body, &b)
	return b
}
