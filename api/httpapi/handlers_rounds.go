package httpapi

import (
	"context"

	"eutteum/api/oapi"
	"eutteum/api/round"
)

func (s *Server) ListRounds(ctx context.Context, req oapi.ListRoundsRequestObject) (oapi.ListRoundsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	status := ""
	if req.Params.Status != nil {
		status = string(*req.Params.Status)
	}
	rounds, err := s.rounds.List(ctx, p, status)
	if err != nil {
		return nil, err
	}
	items := make([]oapi.Round, len(rounds))
	for i, r := range rounds {
		items[i] = toRound(r)
	}
	return oapi.ListRounds200JSONResponse{Items: items}, nil
}

func (s *Server) CreateRound(ctx context.Context, req oapi.CreateRoundRequestObject) (oapi.CreateRoundResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.rounds.Create(ctx, p, roundInput(*req.Body))
	if err != nil {
		return nil, err
	}
	return oapi.CreateRound201JSONResponse(toRound(r)), nil
}

func (s *Server) GetRound(ctx context.Context, req oapi.GetRoundRequestObject) (oapi.GetRoundResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.rounds.Get(ctx, p, req.RoundId)
	if err != nil {
		return nil, err
	}
	return oapi.GetRound200JSONResponse(toRound(r)), nil
}

func (s *Server) UpdateRound(ctx context.Context, req oapi.UpdateRoundRequestObject) (oapi.UpdateRoundResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.rounds.Update(ctx, p, req.RoundId, roundInput(*req.Body))
	if err != nil {
		return nil, err
	}
	return oapi.UpdateRound200JSONResponse(toRound(r)), nil
}

func (s *Server) PublishRound(ctx context.Context, req oapi.PublishRoundRequestObject) (oapi.PublishRoundResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.rounds.Publish(ctx, p, req.RoundId)
	if err != nil {
		return nil, err
	}
	return oapi.PublishRound200JSONResponse(toRound(r)), nil
}

func (s *Server) CopyRound(ctx context.Context, req oapi.CopyRoundRequestObject) (oapi.CopyRoundResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.rounds.Copy(ctx, p, req.RoundId)
	if err != nil {
		return nil, err
	}
	return oapi.CopyRound201JSONResponse(toRound(r)), nil
}

func (s *Server) GetRoundOverview(ctx context.Context, req oapi.GetRoundOverviewRequestObject) (oapi.GetRoundOverviewResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	o, err := s.rounds.Overview(ctx, p, req.RoundId)
	if err != nil {
		return nil, err
	}
	counts := func(in []round.CountByKey) []oapi.CountByKey {
		out := make([]oapi.CountByKey, len(in))
		for i, c := range in {
			out[i] = oapi.CountByKey{Key: c.Key, Label: c.Label, Count: c.Count}
		}
		return out
	}
	return oapi.GetRoundOverview200JSONResponse{
		RoundId: o.RoundID, Total: o.Total, ByStatus: counts(o.ByStatus), ByCategory: counts(o.ByCategory), ByTeamKind: counts(o.ByTeamKind),
	}, nil
}

func roundInput(b oapi.RoundInput) round.Input {
	in := round.Input{
		Title: b.Title, AwardName: b.AwardName, Year: b.Year, Period: string(b.Period), Description: valueOr(b.Description),
		HostAgencyID: b.HostAgencyId, ParticipatingAgencyIDs: b.ParticipatingAgencyIds, IncludeSubAgencies: b.IncludeSubAgencies,
		Categories: b.Categories,
		Schedule: round.Schedule{
			SubmissionOpensAt: b.Schedule.SubmissionOpensAt, SubmissionClosesAt: b.Schedule.SubmissionClosesAt,
			JudgingClosesAt: b.Schedule.JudgingClosesAt, ResultsAnnouncedAt: b.Schedule.ResultsAnnouncedAt,
		},
	}
	for _, k := range b.EligibleTeamKinds {
		in.EligibleTeamKinds = append(in.EligibleTeamKinds, string(k))
	}
	for _, t := range b.AwardTiers {
		in.AwardTiers = append(in.AwardTiers, round.AwardTierInput{Name: t.Name, Count: t.Count, PrizeKRW: int64(t.PrizeKrw)})
	}
	return in
}

func toRound(r round.Round) oapi.Round {
	out := oapi.Round{
		Id: r.ID, Title: r.Title, AwardName: r.AwardName, Year: r.Year, Period: oapi.Period(r.Period),
		Description: nonEmpty(r.Description), HostAgency: oapi.AgencyRef{Id: r.HostAgency.ID, Name: r.HostAgency.Name},
		IncludeSubAgencies: r.IncludeSubAgencies, Status: oapi.RoundStatus(r.Status),
		Published: r.PublishedAt != nil, PublishedAt: r.PublishedAt, ResultsPublishedAt: r.ResultsPublishedAt, CanManage: r.CanManage, CreatedAt: r.CreatedAt,
		Schedule: oapi.RoundSchedule{
			SubmissionOpensAt: r.Schedule.SubmissionOpensAt, SubmissionClosesAt: r.Schedule.SubmissionClosesAt,
			JudgingClosesAt: r.Schedule.JudgingClosesAt, ResultsAnnouncedAt: r.Schedule.ResultsAnnouncedAt,
		},
		ParticipatingAgencies: make([]oapi.AgencyRef, len(r.ParticipatingAgencies)),
		Categories:            make([]oapi.Category, len(r.Categories)),
		EligibleTeamKinds:     make([]oapi.TeamKind, len(r.EligibleTeamKinds)),
		AwardTiers:            make([]oapi.AwardTier, len(r.AwardTiers)),
	}
	for i, a := range r.ParticipatingAgencies {
		out.ParticipatingAgencies[i] = oapi.AgencyRef{Id: a.ID, Name: a.Name}
	}
	for i, c := range r.Categories {
		out.Categories[i] = oapi.Category{Id: c.ID, Name: c.Name}
	}
	for i, k := range r.EligibleTeamKinds {
		out.EligibleTeamKinds[i] = oapi.TeamKind(k)
	}
	for i, t := range r.AwardTiers {
		out.AwardTiers[i] = oapi.AwardTier{Id: t.ID, Name: t.Name, Count: t.Count, PrizeKrw: int(t.PrizeKRW)}
	}
	return out
}
