package httpapi

import (
	"context"

	"eutteum/api/account"
	"eutteum/api/archive"
	"eutteum/api/oapi"
)

// viewer is who reacts: the signed-in caller, else the browser's id.
func viewer(ctx context.Context, clientID *oapi.ClientId) archive.Viewer {
	v := archive.Viewer{ClientID: valueOr(clientID)}
	if p, ok := principalFromContext(ctx); ok {
		v.Principal = &p
	}
	return v
}

func (s *Server) MarkArchiveHelpful(ctx context.Context, req oapi.MarkArchiveHelpfulRequestObject) (oapi.MarkArchiveHelpfulResponseObject, error) {
	h, err := s.archive.SetHelpful(ctx, req.EntryId, viewer(ctx, req.Params.XClientId), true)
	if err != nil {
		return nil, err
	}
	return oapi.MarkArchiveHelpful200JSONResponse{HelpfulCount: h.Count, HelpfulByMe: h.Marked}, nil
}

func (s *Server) UnmarkArchiveHelpful(ctx context.Context, req oapi.UnmarkArchiveHelpfulRequestObject) (oapi.UnmarkArchiveHelpfulResponseObject, error) {
	h, err := s.archive.SetHelpful(ctx, req.EntryId, viewer(ctx, req.Params.XClientId), false)
	if err != nil {
		return nil, err
	}
	return oapi.UnmarkArchiveHelpful200JSONResponse{HelpfulCount: h.Count, HelpfulByMe: h.Marked}, nil
}

func (s *Server) ListArchiveQuestions(ctx context.Context, req oapi.ListArchiveQuestionsRequestObject) (oapi.ListArchiveQuestionsResponseObject, error) {
	var p *account.Principal
	if me, ok := principalFromContext(ctx); ok {
		p = &me
	}
	list, err := s.archive.Questions(ctx, p, req.EntryId)
	if err != nil {
		return nil, err
	}
	out := oapi.ListArchiveQuestions200JSONResponse{
		Items: make([]oapi.ArchiveQuestion, len(list.Items)), CanAsk: list.CanAsk, CanAnswer: list.CanAnswer, CanModerate: list.CanModerate,
	}
	for i, q := range list.Items {
		out.Items[i] = toArchiveQuestion(q)
	}
	return out, nil
}

func (s *Server) AskArchiveQuestion(ctx context.Context, req oapi.AskArchiveQuestionRequestObject) (oapi.AskArchiveQuestionResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	q, err := s.archive.Ask(ctx, p, req.EntryId, archive.QuestionInput{Text: req.Body.Text})
	if err != nil {
		return nil, err
	}
	return oapi.AskArchiveQuestion201JSONResponse(toArchiveQuestion(q)), nil
}

func (s *Server) AnswerArchiveQuestion(ctx context.Context, req oapi.AnswerArchiveQuestionRequestObject) (oapi.AnswerArchiveQuestionResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	q, err := s.archive.Answer(ctx, p, req.QuestionId, archive.AnswerInput{Text: req.Body.Text})
	if err != nil {
		return nil, err
	}
	return oapi.AnswerArchiveQuestion200JSONResponse(toArchiveQuestion(q)), nil
}

func (s *Server) HideArchiveQuestion(ctx context.Context, req oapi.HideArchiveQuestionRequestObject) (oapi.HideArchiveQuestionResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	q, err := s.archive.HideQuestion(ctx, p, req.QuestionId, archive.HideInput{Reason: req.Body.Reason})
	if err != nil {
		return nil, err
	}
	return oapi.HideArchiveQuestion200JSONResponse(toArchiveQuestion(q)), nil
}

func (s *Server) HideArchiveAnswer(ctx context.Context, req oapi.HideArchiveAnswerRequestObject) (oapi.HideArchiveAnswerResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	q, err := s.archive.HideAnswer(ctx, p, req.QuestionId, archive.HideInput{Reason: req.Body.Reason})
	if err != nil {
		return nil, err
	}
	return oapi.HideArchiveAnswer200JSONResponse(toArchiveQuestion(q)), nil
}

func toArchiveQuestion(q archive.Question) oapi.ArchiveQuestion {
	out := oapi.ArchiveQuestion{
		Id: q.ID, EntryId: q.EntryID, Text: q.Text, AskerName: q.AskerName,
		AskerAgency: oapi.AgencyRef{Id: q.AskerAgency.ID, Name: q.AskerAgency.Name}, AskedAt: q.AskedAt, Mine: q.Mine,
		Hidden: toModeration(q.Hidden),
	}
	if a := q.Answer; a != nil {
		out.Answer = &oapi.ArchiveAnswer{Text: a.Text, AnsweredAs: a.As, AnsweredAt: a.AnsweredAt, UpdatedAt: a.UpdatedAt, Hidden: toModeration(a.Hidden)}
	}
	return out
}

func toModeration(m *archive.Moderation) *oapi.Moderation {
	if m == nil {
		return nil
	}
	return &oapi.Moderation{HiddenAt: m.At, HiddenBy: m.By, Reason: m.Reason}
}
