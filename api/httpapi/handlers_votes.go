package httpapi

import (
	"context"
	"time"

	"eutteum/api/oapi"
	"eutteum/api/vote"
)

func toStageVote(v vote.Settings) oapi.StageVote {
	return oapi.StageVote{
		StageId: v.StageID, Configured: v.Configured, Status: oapi.VoteStatus(v.Status), OpensAt: v.OpensAt, ClosesAt: v.ClosesAt,
		MaxChoices: v.MaxChoices, ShowCounts: v.ShowCounts, VoteShare: v.VoteShare, Intro: v.Intro, Ballots: v.Ballots,
	}
}

func (s *Server) GetStageVote(ctx context.Context, req oapi.GetStageVoteRequestObject) (oapi.GetStageVoteResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	v, err := s.votes.Get(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	return oapi.GetStageVote200JSONResponse(toStageVote(v)), nil
}

func (s *Server) ConfigureStageVote(ctx context.Context, req oapi.ConfigureStageVoteRequestObject) (oapi.ConfigureStageVoteResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	b := req.Body
	in := vote.Input{OpensAt: b.OpensAt, ClosesAt: b.ClosesAt, MaxChoices: b.MaxChoices, ShowCounts: b.ShowCounts, VoteShare: b.VoteShare}
	if b.Intro != nil {
		in.Intro = *b.Intro
	}
	v, err := s.votes.Configure(ctx, p, req.StageId, in)
	if err != nil {
		return nil, err
	}
	return oapi.ConfigureStageVote200JSONResponse(toStageVote(v)), nil
}

func (s *Server) OpenStageVote(ctx context.Context, req oapi.OpenStageVoteRequestObject) (oapi.OpenStageVoteResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	v, err := s.votes.Open(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	return oapi.OpenStageVote200JSONResponse(toStageVote(v)), nil
}

func (s *Server) CloseStageVote(ctx context.Context, req oapi.CloseStageVoteRequestObject) (oapi.CloseStageVoteResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	v, err := s.votes.Close(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	return oapi.CloseStageVote200JSONResponse(toStageVote(v)), nil
}

func (s *Server) GetVoteReport(ctx context.Context, req oapi.GetVoteReportRequestObject) (oapi.GetVoteReportResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	r, err := s.votes.Report(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	out := oapi.VoteReport{Vote: toStageVote(r.Vote), Counts: make([]oapi.VoteCount, len(r.Counts)), CodesRequested: r.CodesRequested}
	out.BallotsByMethod.EmailCode, out.BallotsByMethod.Account = r.EmailCodeBallots, r.AccountBallots
	for i, c := range r.Counts {
		out.Counts[i] = oapi.VoteCount{CaseId: c.CaseID, Title: c.Title, Votes: c.Votes, VoteScore: c.VoteScore}
	}
	out.Addresses = make([]struct {
		Address      string `json:"address"`
		Ballots      int    `json:"ballots"`
		CodeRequests int    `json:"codeRequests"`
	}, len(r.Addresses))
	for i, a := range r.Addresses {
		out.Addresses[i].Address, out.Addresses[i].Ballots, out.Addresses[i].CodeRequests = a.Address, a.Ballots, a.CodeRequests
	}
	out.Bursts = make([]struct {
		Ballots int       `json:"ballots"`
		Minute  time.Time `json:"minute"`
	}, len(r.Bursts))
	for i, b := range r.Bursts {
		out.Bursts[i].Ballots, out.Bursts[i].Minute = b.Ballots, b.Minute
	}
	return oapi.GetVoteReport200JSONResponse(out), nil
}

func toVoteSummary(v vote.Summary) oapi.PublicVoteSummary {
	return oapi.PublicVoteSummary{
		StageId: v.StageID, RoundId: v.RoundID, RoundTitle: v.RoundTitle, StageName: v.StageName, HostAgency: v.HostAgency,
		Status: oapi.VoteStatus(v.Status), OpensAt: v.OpensAt, ClosesAt: v.ClosesAt, Finalists: v.Finalists,
	}
}

func (s *Server) ListPublicVotes(ctx context.Context, _ oapi.ListPublicVotesRequestObject) (oapi.ListPublicVotesResponseObject, error) {
	list, err := s.votes.List(ctx)
	if err != nil {
		return nil, err
	}
	out := oapi.PublicVoteList{Items: make([]oapi.PublicVoteSummary, len(list))}
	for i, v := range list {
		out.Items[i] = toVoteSummary(v)
	}
	return oapi.ListPublicVotes200JSONResponse(out), nil
}

func (s *Server) GetPublicVote(ctx context.Context, req oapi.GetPublicVoteRequestObject) (oapi.GetPublicVoteResponseObject, error) {
	v, err := s.votes.PublicVote(ctx, req.StageId)
	if err != nil {
		return nil, err
	}
	sum := toVoteSummary(v.Summary)
	out := oapi.PublicVote{
		StageId: sum.StageId, RoundId: sum.RoundId, RoundTitle: sum.RoundTitle, StageName: sum.StageName, HostAgency: sum.HostAgency,
		Status: sum.Status, OpensAt: sum.OpensAt, ClosesAt: sum.ClosesAt, Finalists: sum.Finalists,
		MaxChoices: v.MaxChoices, ShowCounts: v.ShowCounts, Intro: v.Intro, VoteShare: v.VoteShare, TotalBallots: v.TotalBallots,
		Cases: make([]oapi.PublicFinalist, len(v.Cases)),
	}
	for i, c := range v.Cases {
		out.Cases[i] = oapi.PublicFinalist{CaseId: c.CaseID, Title: c.Title, Summary: c.Summary, Outcomes: c.Outcomes,
			TeamName: c.TeamName, AgencyName: c.AgencyName, Category: c.Category, Votes: c.Votes}
	}
	return oapi.GetPublicVote200JSONResponse(out), nil
}

func (s *Server) RequestVoteCode(ctx context.Context, req oapi.RequestVoteCodeRequestObject) (oapi.RequestVoteCodeResponseObject, error) {
	sent, err := s.votes.RequestCode(ctx, req.StageId, string(req.Body.Email), ginContext(ctx).ClientIP())
	if err != nil {
		return nil, err
	}
	return oapi.RequestVoteCode202JSONResponse{VerificationId: sent.VerificationID, ExpiresAt: sent.ExpiresAt}, nil
}

func (s *Server) CastBallot(ctx context.Context, req oapi.CastBallotRequestObject) (oapi.CastBallotResponseObject, error) {
	c := ginContext(ctx)
	voter := vote.Voter{ClientIP: c.ClientIP(), UserAgent: c.GetHeader("User-Agent")}
	if p, ok := principalFromContext(ctx); ok {
		me, err := s.accounts.Me(ctx, p)
		if err != nil {
			return nil, err
		}
		voter.Principal, voter.Email = &p, me.Email
	}
	in := vote.BallotInput{CaseIDs: req.Body.CaseIds, VerificationID: req.Body.VerificationId}
	if req.Body.Code != nil {
		in.Code = *req.Body.Code
	}
	b, err := s.votes.Cast(ctx, req.StageId, in, voter)
	if err != nil {
		return nil, err
	}
	return oapi.CastBallot201JSONResponse{Id: b.ID, StageId: b.StageID, CaseIds: b.CaseIDs, VerifiedBy: oapi.BallotVerifiedBy(b.VerifiedBy), CastAt: b.CastAt}, nil
}
