package httpapi

import (
	"context"

	"eutteum/api/judging"
	"eutteum/api/oapi"
)

func toStagePanel(p judging.Panel) (oapi.StagePanel, error) {
	criteria, err := convert[[]oapi.Criterion](p.Criteria)
	if err != nil {
		return oapi.StagePanel{}, err
	}
	out := oapi.StagePanel{StageId: p.StageID, Share: p.Share, Criteria: criteria, Members: make([]oapi.PanelMember, len(p.Members))}
	for i, m := range p.Members {
		out.Members[i] = toPanelMember(m)
	}
	return out, nil
}

func toPanelMember(m judging.PanelMember) oapi.PanelMember {
	out := oapi.PanelMember{Email: m.Email, DisplayName: m.DisplayName, Joined: m.Joined, Assigned: m.Assigned, Submitted: m.Submitted}
	if m.InviteToken != "" {
		out.InviteToken = &m.InviteToken
	}
	return out
}

func (s *Server) GetStagePanel(ctx context.Context, req oapi.GetStagePanelRequestObject) (oapi.GetStagePanelResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	panel, err := s.judging.Panel(ctx, p, req.StageId)
	if err != nil {
		return nil, err
	}
	out, err := toStagePanel(panel)
	return oapi.GetStagePanel200JSONResponse(out), err
}

func (s *Server) ConfigureStagePanel(ctx context.Context, req oapi.ConfigureStagePanelRequestObject) (oapi.ConfigureStagePanelResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	in := judging.PanelInput{Share: req.Body.Share}
	if req.Body.Criteria != nil {
		if in.Criteria, err = convert[[]judging.Criterion](*req.Body.Criteria); err != nil {
			return nil, err
		}
	}
	panel, err := s.judging.ConfigurePanel(ctx, p, req.StageId, in)
	if err != nil {
		return nil, err
	}
	out, err := toStagePanel(panel)
	return oapi.ConfigureStagePanel200JSONResponse(out), err
}

func (s *Server) InvitePanelMember(ctx context.Context, req oapi.InvitePanelMemberRequestObject) (oapi.InvitePanelMemberResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	m, err := s.judging.InvitePanelMember(ctx, p, req.StageId, string(req.Body.Email))
	if err != nil {
		return nil, err
	}
	return oapi.InvitePanelMember201JSONResponse(toPanelMember(m)), nil
}

func (s *Server) WithdrawPanelMember(ctx context.Context, req oapi.WithdrawPanelMemberRequestObject) (oapi.WithdrawPanelMemberResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	panel, err := s.judging.WithdrawPanelMember(ctx, p, req.StageId, string(req.Body.Email))
	if err != nil {
		return nil, err
	}
	out, err := toStagePanel(panel)
	return oapi.WithdrawPanelMember200JSONResponse(out), err
}
