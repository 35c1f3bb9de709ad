package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"eutteum"
	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/audit"
	"eutteum/api/oapi"
	"eutteum/api/paging"
)

var _ oapi.StrictServerInterface = (*Server)(nil)

const refreshCookie = "eutteum_refresh"

// refreshCookiePath scopes the refresh cookie to the endpoints that read it.
const refreshCookiePath = "/api/v1/auth"

func (s *Server) GetHealth(context.Context, oapi.GetHealthRequestObject) (oapi.GetHealthResponseObject, error) {
	return oapi.GetHealth200JSONResponse{Status: oapi.Ok}, nil
}

func (s *Server) GetReady(ctx context.Context, _ oapi.GetReadyRequestObject) (oapi.GetReadyResponseObject, error) {
	if err := s.ready(ctx); err != nil {
		return nil, err
	}
	return oapi.GetReady200JSONResponse{Status: oapi.Ok}, nil
}

func (s *Server) GetMetrics(context.Context, oapi.GetMetricsRequestObject) (oapi.GetMetricsResponseObject, error) {
	text, err := s.metrics.text()
	if err != nil {
		return nil, apperr.Internal(err)
	}
	return oapi.GetMetrics200TextResponse(text), nil
}

func (s *Server) GetOpenAPISpec(ctx context.Context, _ oapi.GetOpenAPISpecRequestObject) (oapi.GetOpenAPISpecResponseObject, error) {
	ginContext(ctx).Header("Cache-Control", "no-cache")
	return oapi.GetOpenAPISpec200ApplicationyamlResponse{Body: bytes.NewReader(eutteum.OpenAPISpec), ContentLength: int64(len(eutteum.OpenAPISpec))}, nil
}

func (s *Server) GetPublicSettings(context.Context, oapi.GetPublicSettingsRequestObject) (oapi.GetPublicSettingsResponseObject, error) {
	return oapi.GetPublicSettings200JSONResponse{OpenSignup: s.accounts.OpenSignup()}, nil
}

func (s *Server) Login(ctx context.Context, req oapi.LoginRequestObject) (oapi.LoginResponseObject, error) {
	session, err := s.accounts.Login(ctx, account.LoginInput{
		Email: string(req.Body.Email), Password: req.Body.Password, ClientIP: ginContext(ctx).ClientIP(),
	})
	if err != nil {
		return nil, err
	}
	s.setRefreshCookie(ctx, session.RefreshToken, int(s.accounts.RefreshTTL()/time.Second))
	return oapi.Login200JSONResponse{SessionJSONResponse: oapi.SessionJSONResponse{Body: toSession(session)}}, nil
}

func (s *Server) RefreshSession(ctx context.Context, req oapi.RefreshSessionRequestObject) (oapi.RefreshSessionResponseObject, error) {
	session, err := s.accounts.Refresh(ctx, refreshTokenOf(ctx, req.Body))
	if err != nil {
		s.setRefreshCookie(ctx, "", -1)
		return nil, err
	}
	s.setRefreshCookie(ctx, session.RefreshToken, int(s.accounts.RefreshTTL()/time.Second))
	return oapi.RefreshSession200JSONResponse{SessionJSONResponse: oapi.SessionJSONResponse{Body: toSession(session)}}, nil
}

func (s *Server) Logout(ctx context.Context, req oapi.LogoutRequestObject) (oapi.LogoutResponseObject, error) {
	if err := s.accounts.Logout(ctx, refreshTokenOf(ctx, req.Body)); err != nil {
		return nil, err
	}
	s.setRefreshCookie(ctx, "", -1)
	return oapi.Logout204Response{}, nil
}

func (s *Server) SignUp(ctx context.Context, req oapi.SignUpRequestObject) (oapi.SignUpResponseObject, error) {
	b := req.Body
	session, err := s.accounts.SignUp(ctx, account.SignUpInput{
		Email: string(b.Email), Password: b.Password, DisplayName: b.DisplayName,
		AgencyID: b.AgencyId, Department: valueOr(b.Department),
	})
	if err != nil {
		return nil, err
	}
	s.setRefreshCookie(ctx, session.RefreshToken, int(s.accounts.RefreshTTL()/time.Second))
	return oapi.SignUp201JSONResponse{SessionJSONResponse: oapi.SessionJSONResponse{Body: toSession(session)}}, nil
}

func (s *Server) GetMe(ctx context.Context, _ oapi.GetMeRequestObject) (oapi.GetMeResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	u, err := s.accounts.Me(ctx, p)
	if err != nil {
		return nil, err
	}
	return oapi.GetMe200JSONResponse(toUser(u)), nil
}

func (s *Server) UpdateMe(ctx context.Context, req oapi.UpdateMeRequestObject) (oapi.UpdateMeResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	u, err := s.accounts.UpdateMe(ctx, p, account.UpdateMeInput{DisplayName: req.Body.DisplayName, Department: req.Body.Department})
	if err != nil {
		return nil, err
	}
	return oapi.UpdateMe200JSONResponse(toUser(u)), nil
}

func (s *Server) ChangePassword(ctx context.Context, req oapi.ChangePasswordRequestObject) (oapi.ChangePasswordResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.accounts.ChangePassword(ctx, p, account.ChangePasswordInput{
		CurrentPassword: req.Body.CurrentPassword, NewPassword: req.Body.NewPassword,
	}); err != nil {
		return nil, err
	}
	s.setRefreshCookie(ctx, "", -1)
	return oapi.ChangePassword204Response{}, nil
}

func (s *Server) ListAgencies(ctx context.Context, _ oapi.ListAgenciesRequestObject) (oapi.ListAgenciesResponseObject, error) {
	agencies, err := s.accounts.ListAgencies(ctx)
	if err != nil {
		return nil, err
	}
	items := make([]oapi.Agency, len(agencies))
	for i, a := range agencies {
		items[i] = toAgency(a)
	}
	return oapi.ListAgencies200JSONResponse{Items: items}, nil
}

func (s *Server) GetAgency(ctx context.Context, req oapi.GetAgencyRequestObject) (oapi.GetAgencyResponseObject, error) {
	a, err := s.accounts.GetAgency(ctx, req.AgencyId)
	if err != nil {
		return nil, err
	}
	return oapi.GetAgency200JSONResponse(toAgency(a)), nil
}

func (s *Server) CreateAgency(ctx context.Context, req oapi.CreateAgencyRequestObject) (oapi.CreateAgencyResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	b := req.Body
	a, err := s.accounts.CreateAgency(ctx, p, account.CreateAgencyInput{
		Name: b.Name, Level: string(b.Level), Region: b.Region, ParentID: b.ParentId,
	})
	if err != nil {
		return nil, err
	}
	return oapi.CreateAgency201JSONResponse(toAgency(a)), nil
}

func (s *Server) ListUsers(ctx context.Context, req oapi.ListUsersRequestObject) (oapi.ListUsersResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	page, err := s.accounts.ListUsers(ctx, p, paging.NewRequest(req.Params.Cursor, req.Params.Limit))
	if err != nil {
		return nil, err
	}
	out := paging.Map(page, toUser)
	return oapi.ListUsers200JSONResponse{Items: out.Items, NextCursor: nonEmpty(out.Next)}, nil
}

func (s *Server) SetUserRoles(ctx context.Context, req oapi.SetUserRolesRequestObject) (oapi.SetUserRolesResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	grants := make([]account.RoleGrant, len(req.Body.Roles))
	for i, g := range req.Body.Roles {
		grants[i] = account.RoleGrant{Role: string(g.Role), AgencyID: g.AgencyId}
	}
	u, err := s.accounts.SetRoles(ctx, p, req.UserId, account.SetRolesInput{Roles: grants})
	if err != nil {
		return nil, err
	}
	return oapi.SetUserRoles200JSONResponse(toUser(u)), nil
}

func (s *Server) ListInvitations(ctx context.Context, req oapi.ListInvitationsRequestObject) (oapi.ListInvitationsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	page, err := s.accounts.ListInvitations(ctx, p, paging.NewRequest(req.Params.Cursor, req.Params.Limit))
	if err != nil {
		return nil, err
	}
	out := paging.Map(page, toInvitation)
	return oapi.ListInvitations200JSONResponse{Items: out.Items, NextCursor: nonEmpty(out.Next)}, nil
}

func (s *Server) CreateInvitation(ctx context.Context, req oapi.CreateInvitationRequestObject) (oapi.CreateInvitationResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	b := req.Body
	inv, err := s.accounts.CreateInvitation(ctx, p, account.CreateInvitationInput{
		Email: string(b.Email), Role: string(b.Role), AgencyID: b.AgencyId, Department: valueOr(b.Department),
	})
	if err != nil {
		return nil, err
	}
	return oapi.CreateInvitation201JSONResponse(toCreatedInvitation(inv)), nil
}

func (s *Server) RevokeInvitation(ctx context.Context, req oapi.RevokeInvitationRequestObject) (oapi.RevokeInvitationResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.accounts.RevokeInvitation(ctx, p, req.InvitationId); err != nil {
		return nil, err
	}
	return oapi.RevokeInvitation204Response{}, nil
}

func (s *Server) ResendInvitation(ctx context.Context, req oapi.ResendInvitationRequestObject) (oapi.ResendInvitationResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	inv, err := s.accounts.ResendInvitation(ctx, p, req.InvitationId)
	if err != nil {
		return nil, err
	}
	return oapi.ResendInvitation200JSONResponse(toCreatedInvitation(inv)), nil
}

func (s *Server) GetInvitation(ctx context.Context, req oapi.GetInvitationRequestObject) (oapi.GetInvitationResponseObject, error) {
	inv, err := s.accounts.GetInvitation(ctx, req.Token)
	if err != nil {
		return nil, err
	}
	return oapi.GetInvitation200JSONResponse(toInvitation(inv)), nil
}

func (s *Server) AcceptInvitation(ctx context.Context, req oapi.AcceptInvitationRequestObject) (oapi.AcceptInvitationResponseObject, error) {
	b := req.Body
	session, err := s.accounts.AcceptInvitation(ctx, req.Token, account.AcceptInvitationInput{
		DisplayName: b.DisplayName, Password: b.Password, Department: b.Department,
	})
	if err != nil {
		return nil, err
	}
	s.setRefreshCookie(ctx, session.RefreshToken, int(s.accounts.RefreshTTL()/time.Second))
	return oapi.AcceptInvitation201JSONResponse{SessionJSONResponse: oapi.SessionJSONResponse{Body: toSession(session)}}, nil
}

// ginContext recovers the Gin context the strict handler passes as context.Context.
func ginContext(ctx context.Context) *gin.Context {
	if c, ok := ctx.(*gin.Context); ok {
		return c
	}
	panic("httpapi: handler context is not a *gin.Context")
}

// refreshTokenOf prefers a token in the body (API clients) over the cookie (browsers).
func refreshTokenOf(ctx context.Context, body *oapi.RefreshRequest) string {
	if body != nil && body.RefreshToken != nil && *body.RefreshToken != "" {
		return *body.RefreshToken
	}
	token, _ := ginContext(ctx).Cookie(refreshCookie)
	return token
}

// setRefreshCookie stores the refresh token where scripts cannot read it; maxAge < 0 clears it.
func (s *Server) setRefreshCookie(ctx context.Context, token string, maxAge int) {
	http.SetCookie(ginContext(ctx).Writer, &http.Cookie{
		Name: refreshCookie, Value: token, Path: refreshCookiePath, MaxAge: maxAge,
		HttpOnly: true, Secure: s.opts.SecureCookies, SameSite: http.SameSiteStrictMode,
	})
}

func toSession(s account.Session) oapi.Session {
	return oapi.Session{
		AccessToken: s.AccessToken, TokenType: oapi.Bearer, ExpiresIn: int(s.ExpiresIn / time.Second),
		RefreshToken: s.RefreshToken, User: toUser(s.User),
	}
}

func toUser(u account.User) oapi.User {
	roles := make([]oapi.RoleGrant, len(u.Roles))
	for i, g := range u.Roles {
		roles[i] = oapi.RoleGrant{Role: oapi.Role(g.Role), AgencyId: g.AgencyID}
	}
	return oapi.User{
		Id: u.ID, Email: u.Email, DisplayName: u.DisplayName, Department: nonEmpty(u.Department),
		Agency: oapi.AgencyRef{Id: u.Agency.ID, Name: u.Agency.Name}, Roles: roles, CreatedAt: u.CreatedAt,
	}
}

func toAgency(a account.Agency) oapi.Agency {
	return oapi.Agency{Id: a.ID, Name: a.Name, Level: oapi.AgencyLevel(a.Level), Region: a.Region, ParentId: a.ParentID}
}

func toInvitation(inv account.Invitation) oapi.Invitation {
	return oapi.Invitation{
		Id: inv.ID, Email: inv.Email, Role: oapi.Role(inv.Role),
		Agency:     oapi.AgencyRef{Id: inv.Agency.ID, Name: inv.Agency.Name},
		Department: nonEmpty(inv.Department), Status: oapi.InvitationStatus(inv.Status),
		InvitedBy: nonEmpty(inv.InvitedBy), ExpiresAt: inv.ExpiresAt, CreatedAt: inv.CreatedAt,
	}
}

func toCreatedInvitation(inv account.Invitation) oapi.CreatedInvitation {
	out := toInvitation(inv)
	return oapi.CreatedInvitation{
		Agency: out.Agency, CreatedAt: out.CreatedAt, Department: out.Department, Email: out.Email,
		ExpiresAt: out.ExpiresAt, Id: out.Id, InvitedBy: out.InvitedBy, Role: out.Role, Status: out.Status,
		Token: inv.Token, Path: account.InvitationPath(inv.Token),
	}
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func valueOr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func (s *Server) ListAuditEvents(ctx context.Context, req oapi.ListAuditEventsRequestObject) (oapi.ListAuditEventsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	page, err := s.accounts.AuditEvents(ctx, p, valueOr(req.Params.Action), paging.NewRequest(req.Params.Cursor, req.Params.Limit))
	if err != nil {
		return nil, err
	}
	return oapi.ListAuditEvents200JSONResponse{Items: toAuditEvents(page.Items), NextCursor: nonEmpty(page.Next)}, nil
}

func (s *Server) ListRoundAuditEvents(ctx context.Context, req oapi.ListRoundAuditEventsRequestObject) (oapi.ListRoundAuditEventsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	page, err := s.judging.Audit(ctx, p, req.RoundId, paging.NewRequest(req.Params.Cursor, req.Params.Limit))
	if err != nil {
		return nil, err
	}
	return oapi.ListRoundAuditEvents200JSONResponse{Items: toAuditEvents(page.Items), NextCursor: nonEmpty(page.Next)}, nil
}

func toAuditEvents(events []audit.Event) []oapi.AuditEvent {
	out := make([]oapi.AuditEvent, len(events))
	for i, e := range events {
		details := map[string]any{}
		if err := json.Unmarshal(e.Details, &details); err != nil || details == nil {
			details = map[string]any{}
		}
		out[i] = oapi.AuditEvent{Id: e.ID, At: e.At, Actor: e.Actor, Action: e.Action, SubjectType: e.SubjectType, SubjectId: e.SubjectID, Details: details}
	}
	return out
}
