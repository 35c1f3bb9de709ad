package httpapi

import (
	"context"

	"eutteum/api/oapi"
	"eutteum/api/team"
)

func (s *Server) ListMyTeams(ctx context.Context, _ oapi.ListMyTeamsRequestObject) (oapi.ListMyTeamsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	teams, err := s.teams.ListMine(ctx, p)
	if err != nil {
		return nil, err
	}
	items := make([]oapi.Team, len(teams))
	for i, t := range teams {
		items[i] = toTeam(t)
	}
	return oapi.ListMyTeams200JSONResponse{Items: items}, nil
}

func (s *Server) CreateTeam(ctx context.Context, req oapi.CreateTeamRequestObject) (oapi.CreateTeamResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	t, err := s.teams.Create(ctx, p, team.Input{Name: req.Body.Name, Kind: string(req.Body.Kind), Description: valueOr(req.Body.Description)})
	if err != nil {
		return nil, err
	}
	return oapi.CreateTeam201JSONResponse(toTeam(t)), nil
}

func (s *Server) GetTeam(ctx context.Context, req oapi.GetTeamRequestObject) (oapi.GetTeamResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	d, err := s.teams.Get(ctx, p, req.TeamId)
	if err != nil {
		return nil, err
	}
	caseList, err := s.cases.ListOfTeam(ctx, req.TeamId)
	if err != nil {
		return nil, err
	}
	base := toTeam(d.Team)
	out := oapi.GetTeam200JSONResponse{
		Id: base.Id, Name: base.Name, Kind: base.Kind, Description: base.Description, Agency: base.Agency,
		MemberCount: base.MemberCount, MyRole: oapi.TeamDetailMyRole(base.MyRole), CreatedAt: base.CreatedAt,
		Members: make([]oapi.TeamMember, len(d.Members)), Invitations: make([]oapi.TeamInvitation, len(d.Invitations)),
		Cases: toCaseSummaries(caseList),
	}
	for i, m := range d.Members {
		out.Members[i] = toTeamMember(m)
	}
	for i, inv := range d.Invitations {
		out.Invitations[i] = toTeamInvitation(inv)
	}
	return out, nil
}

func (s *Server) UpdateTeam(ctx context.Context, req oapi.UpdateTeamRequestObject) (oapi.UpdateTeamResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	t, err := s.teams.Update(ctx, p, req.TeamId, team.UpdateInput{Name: req.Body.Name, Description: req.Body.Description})
	if err != nil {
		return nil, err
	}
	return oapi.UpdateTeam200JSONResponse(toTeam(t)), nil
}

func (s *Server) InviteTeamMember(ctx context.Context, req oapi.InviteTeamMemberRequestObject) (oapi.InviteTeamMemberResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	inv, err := s.teams.Invite(ctx, p, req.TeamId, team.InviteInput{Email: string(req.Body.Email)})
	if err != nil {
		return nil, err
	}
	return oapi.InviteTeamMember201JSONResponse(toTeamInvitation(inv)), nil
}

func (s *Server) CancelTeamInvitation(ctx context.Context, req oapi.CancelTeamInvitationRequestObject) (oapi.CancelTeamInvitationResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.teams.CancelInvitation(ctx, p, req.TeamId, req.InvitationId); err != nil {
		return nil, err
	}
	return oapi.CancelTeamInvitation204Response{}, nil
}

func (s *Server) SetTeamMemberRole(ctx context.Context, req oapi.SetTeamMemberRoleRequestObject) (oapi.SetTeamMemberRoleResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	m, err := s.teams.SetRole(ctx, p, req.TeamId, req.UserId, team.RoleInput{Role: string(req.Body.Role)})
	if err != nil {
		return nil, err
	}
	return oapi.SetTeamMemberRole200JSONResponse(toTeamMember(m)), nil
}

func (s *Server) RemoveTeamMember(ctx context.Context, req oapi.RemoveTeamMemberRequestObject) (oapi.RemoveTeamMemberResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.teams.Remove(ctx, p, req.TeamId, req.UserId); err != nil {
		return nil, err
	}
	return oapi.RemoveTeamMember204Response{}, nil
}

func (s *Server) ListMyTeamInvitations(ctx context.Context, _ oapi.ListMyTeamInvitationsRequestObject) (oapi.ListMyTeamInvitationsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	invs, err := s.teams.MyInvitations(ctx, p)
	if err != nil {
		return nil, err
	}
	items := make([]oapi.TeamInvitation, len(invs))
	for i, inv := range invs {
		items[i] = toTeamInvitation(inv)
	}
	return oapi.ListMyTeamInvitations200JSONResponse{Items: items}, nil
}

func (s *Server) AcceptTeamInvitation(ctx context.Context, req oapi.AcceptTeamInvitationRequestObject) (oapi.AcceptTeamInvitationResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	t, err := s.teams.Accept(ctx, p, req.InvitationId)
	if err != nil {
		return nil, err
	}
	return oapi.AcceptTeamInvitation200JSONResponse(toTeam(t)), nil
}

func (s *Server) DeclineTeamInvitation(ctx context.Context, req oapi.DeclineTeamInvitationRequestObject) (oapi.DeclineTeamInvitationResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.teams.Decline(ctx, p, req.InvitationId); err != nil {
		return nil, err
	}
	return oapi.DeclineTeamInvitation204Response{}, nil
}

func toTeam(t team.Team) oapi.Team {
	return oapi.Team{
		Id: t.ID, Name: t.Name, Kind: oapi.TeamKind(t.Kind), Description: nonEmpty(t.Description),
		Agency: oapi.AgencyRef{Id: t.Agency.ID, Name: t.Agency.Name}, MemberCount: t.MemberCount,
		MyRole: oapi.TeamMyRole(t.MyRole), CreatedAt: t.CreatedAt,
	}
}

func toTeamRef(r team.Ref) oapi.TeamRef {
	ref := oapi.TeamRef{Id: r.ID, Name: r.Name, Kind: oapi.TeamKind(r.Kind)}
	if r.Agency.Name != "" {
		ref.Agency = &oapi.AgencyRef{Id: r.Agency.ID, Name: r.Agency.Name}
	}
	return ref
}

func toTeamMember(m team.Member) oapi.TeamMember {
	return oapi.TeamMember{
		UserId: m.UserID, DisplayName: m.DisplayName, Email: nonEmpty(m.Email), Department: nonEmpty(m.Department),
		Role: oapi.TeamMemberRole(m.Role), JoinedAt: m.JoinedAt,
	}
}

func toTeamInvitation(inv team.Invitation) oapi.TeamInvitation {
	return oapi.TeamInvitation{Id: inv.ID, Team: toTeamRef(inv.Team), Email: inv.Email, InvitedBy: inv.InvitedBy, CreatedAt: inv.CreatedAt}
}
