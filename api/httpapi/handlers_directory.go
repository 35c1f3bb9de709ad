package httpapi

import (
	"context"

	"eutteum/api/judging"
	"eutteum/api/oapi"
	"eutteum/api/paging"
)

func (s *Server) GetMyJudgeProfile(ctx context.Context, _ oapi.GetMyJudgeProfileRequestObject) (oapi.GetMyJudgeProfileResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	prof, err := s.judging.MyProfile(ctx, p)
	if err != nil {
		return nil, err
	}
	return oapi.GetMyJudgeProfile200JSONResponse(toJudgeProfile(prof)), nil
}

func (s *Server) UpdateMyJudgeProfile(ctx context.Context, req oapi.UpdateMyJudgeProfileRequestObject) (oapi.UpdateMyJudgeProfileResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	prof, err := s.judging.UpdateMyProfile(ctx, p, profileInput(*req.Body))
	if err != nil {
		return nil, err
	}
	return oapi.UpdateMyJudgeProfile200JSONResponse(toJudgeProfile(prof)), nil
}

func (s *Server) SearchJudgeDirectory(ctx context.Context, req oapi.SearchJudgeDirectoryRequestObject) (oapi.SearchJudgeDirectoryResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	q := judging.DirectoryQuery{Text: valueOr(req.Params.Q), Page: paging.NewRequest(req.Params.Cursor, req.Params.Limit)}
	if req.Params.Field != nil {
		q.Field = string(*req.Params.Field)
	}
	page, err := s.judging.Directory(ctx, p, q)
	if err != nil {
		return nil, err
	}
	out := paging.Map(page, func(e judging.DirectoryEntry) oapi.JudgeDirectoryEntry {
		return oapi.JudgeDirectoryEntry{
			UserId: e.UserID, DisplayName: e.DisplayName, Affiliation: toAffiliation(e.Affiliation),
			Fields: toJudgeFields(e.Fields), Keywords: e.Keywords, Bio: e.Bio, Email: nonEmpty(e.Email), StagesJudged: e.StagesJudged,
		}
	})
	return oapi.SearchJudgeDirectory200JSONResponse{Items: out.Items, NextCursor: nonEmpty(out.Next)}, nil
}

func profileInput(b oapi.JudgeProfileInput) judging.ProfileInput {
	in := judging.ProfileInput{
		AffiliationNote: valueOr(b.AffiliationNote), Bio: valueOr(b.Bio), Listed: b.Listed,
		ContactVisibility: string(b.ContactVisibility), Fields: make([]string, len(b.Fields)),
	}
	for i, f := range b.Fields {
		in.Fields[i] = string(f)
	}
	if b.Keywords != nil {
		in.Keywords = *b.Keywords
	}
	return in
}

func toJudgeProfile(p judging.Profile) oapi.JudgeProfile {
	return oapi.JudgeProfile{
		UserId: p.UserID, DisplayName: p.DisplayName, Email: p.Email, Affiliation: toAffiliation(p.Affiliation),
		Fields: toJudgeFields(p.Fields), Keywords: p.Keywords, Bio: p.Bio, Listed: p.Listed,
		ContactVisibility: oapi.ContactVisibility(p.ContactVisibility), StagesJudged: p.StagesJudged, UpdatedAt: p.UpdatedAt,
	}
}

func toAffiliation(a judging.Affiliation) oapi.JudgeAffiliation {
	return oapi.JudgeAffiliation{
		Agency: oapi.AgencyRef{Id: a.Agency.ID, Name: a.Agency.Name}, AgencyLevel: oapi.AgencyLevel(a.AgencyLevel),
		Department: nonEmpty(a.Department), Note: nonEmpty(a.Note),
	}
}

func toJudgeFields(fields []string) []oapi.JudgeField {
	out := make([]oapi.JudgeField, len(fields))
	for i, f := range fields {
		out[i] = oapi.JudgeField(f)
	}
	return out
}
