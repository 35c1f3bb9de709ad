package httpapi

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/url"
	"strconv"
	"strings"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"eutteum/api/apperr"
	"eutteum/api/cases"
	"eutteum/api/oapi"
	"eutteum/api/paging"
)

func (s *Server) CreateCase(ctx context.Context, req oapi.CreateCaseRequestObject) (oapi.CreateCaseResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.cases.Create(ctx, p, req.RoundId, cases.CreateInput{TeamID: req.Body.TeamId, Title: req.Body.Title})
	if err != nil {
		return nil, err
	}
	return oapi.CreateCase201JSONResponse{Body: toCase(c), Headers: oapi.CreateCase201ResponseHeaders{ETag: etag(c)}}, nil
}

func (s *Server) GetCase(ctx context.Context, req oapi.GetCaseRequestObject) (oapi.GetCaseResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.cases.Get(ctx, p, req.CaseId)
	if err != nil {
		return nil, err
	}
	return oapi.GetCase200JSONResponse{Body: toCase(c), Headers: oapi.GetCase200ResponseHeaders{ETag: etag(c)}}, nil
}

func (s *Server) UpdateCase(ctx context.Context, req oapi.UpdateCaseRequestObject) (oapi.UpdateCaseResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	revision, err := ifMatch(req.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	c, err := s.cases.Update(ctx, p, req.CaseId, &revision, caseContent(*req.Body))
	var stale *cases.StaleError
	if errors.As(err, &stale) {
		return oapi.UpdateCase412ApplicationProblemPlusJSONResponse{PreconditionFailedApplicationProblemPlusJSONResponse: s.staleProblem(ctx, stale)}, nil
	}
	if err != nil {
		return nil, err
	}
	return oapi.UpdateCase200JSONResponse{Body: toCase(c), Headers: oapi.UpdateCase200ResponseHeaders{ETag: etag(c)}}, nil
}

func (s *Server) SubmitCase(ctx context.Context, req oapi.SubmitCaseRequestObject) (oapi.SubmitCaseResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	revision, err := ifMatch(req.Params.IfMatch)
	if err != nil {
		return nil, err
	}
	c, err := s.cases.Submit(ctx, p, req.CaseId, &revision)
	var stale *cases.StaleError
	if errors.As(err, &stale) {
		return oapi.SubmitCase412ApplicationProblemPlusJSONResponse{PreconditionFailedApplicationProblemPlusJSONResponse: s.staleProblem(ctx, stale)}, nil
	}
	if err != nil {
		return nil, err
	}
	return oapi.SubmitCase200JSONResponse{Body: toCase(c), Headers: oapi.SubmitCase200ResponseHeaders{ETag: etag(c)}}, nil
}

func (s *Server) WithdrawCase(ctx context.Context, req oapi.WithdrawCaseRequestObject) (oapi.WithdrawCaseResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.cases.Withdraw(ctx, p, req.CaseId)
	if err != nil {
		return nil, err
	}
	return oapi.WithdrawCase200JSONResponse{Body: toCase(c), Headers: oapi.WithdrawCase200ResponseHeaders{ETag: etag(c)}}, nil
}

func (s *Server) DeleteCase(ctx context.Context, req oapi.DeleteCaseRequestObject) (oapi.DeleteCaseResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.cases.Delete(ctx, p, req.CaseId); err != nil {
		return nil, err
	}
	return oapi.DeleteCase204Response{}, nil
}

func (s *Server) ListMyCases(ctx context.Context, _ oapi.ListMyCasesRequestObject) (oapi.ListMyCasesResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.cases.ListMine(ctx, p)
	if err != nil {
		return nil, err
	}
	return oapi.ListMyCases200JSONResponse{Items: toCaseSummaries(list)}, nil
}

func (s *Server) ListRoundCases(ctx context.Context, req oapi.ListRoundCasesRequestObject) (oapi.ListRoundCasesResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	page, err := s.cases.ListOfRound(ctx, p, req.RoundId, paging.NewRequest(req.Params.Cursor, req.Params.Limit))
	if err != nil {
		return nil, err
	}
	return oapi.ListRoundCases200JSONResponse{Items: toCaseSummaries(page.Items), NextCursor: nonEmpty(page.Next)}, nil
}

func (s *Server) ListCaseVersions(ctx context.Context, req oapi.ListCaseVersionsRequestObject) (oapi.ListCaseVersionsResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	versions, err := s.cases.Versions(ctx, p, req.CaseId)
	if err != nil {
		return nil, err
	}
	items := make([]oapi.CaseVersionInfo, len(versions))
	for i, v := range versions {
		items[i] = toVersionInfo(v)
	}
	return oapi.ListCaseVersions200JSONResponse{Items: items}, nil
}

func (s *Server) GetCaseVersion(ctx context.Context, req oapi.GetCaseVersionRequestObject) (oapi.GetCaseVersionResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	v, err := s.cases.Version(ctx, p, req.CaseId, req.Version)
	if err != nil {
		return nil, err
	}
	info := toVersionInfo(v.VersionInfo)
	return oapi.GetCaseVersion200JSONResponse{
		Version: info.Version, SubmittedAt: info.SubmittedAt, SubmittedBy: info.SubmittedBy, Changes: info.Changes,
		Content: toCaseContent(v.Content), Attachments: toAttachments(v.Attachments),
	}, nil
}

func (s *Server) UploadAttachment(ctx context.Context, req oapi.UploadAttachmentRequestObject) (oapi.UploadAttachmentResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	public := false
	for {
		part, err := req.Body.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, apperr.Invalid(apperr.Field("file", "required"))
		}
		if err != nil {
			return nil, requestError(err)
		}
		switch part.FormName() {
		case "public":
			value, _ := io.ReadAll(io.LimitReader(part, 10))
			public = string(value) == "true"
		case "file":
			a, err := s.cases.Upload(ctx, p, req.CaseId, part.FileName(), public, part)
			if err != nil {
				return nil, err
			}
			c, err := s.cases.Get(ctx, p, req.CaseId)
			if err != nil {
				return nil, err
			}
			return oapi.UploadAttachment201JSONResponse{Body: toAttachment(a), Headers: oapi.UploadAttachment201ResponseHeaders{ETag: etag(c)}}, nil
		}
	}
}

func (s *Server) DownloadAttachment(ctx context.Context, req oapi.DownloadAttachmentRequestObject) (oapi.DownloadAttachmentResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	f, err := s.cases.Download(ctx, p, req.CaseId, req.AttachmentId)
	if err != nil {
		return nil, err
	}
	tag := `"` + f.SHA256 + `"`
	return oapi.DownloadAttachment200AsteriskResponse{
		Body: f.Content, ContentType: f.ContentType, ContentLength: f.SizeBytes,
		Headers: oapi.DownloadAttachment200ResponseHeaders{ContentDisposition: ptr(contentDisposition(f.Filename)), ETag: &tag},
	}, nil
}

func (s *Server) DeleteAttachment(ctx context.Context, req oapi.DeleteAttachmentRequestObject) (oapi.DeleteAttachmentResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.cases.RemoveAttachment(ctx, p, req.CaseId, req.AttachmentId); err != nil {
		return nil, err
	}
	c, err := s.cases.Get(ctx, p, req.CaseId)
	if err != nil {
		return nil, err
	}
	return oapi.DeleteAttachment204Response{Headers: oapi.DeleteAttachment204ResponseHeaders{ETag: etag(c)}}, nil
}

// contentDisposition names a download for every browser: an ASCII fallback, and the real
// (Korean) name in RFC 5987 form.
func contentDisposition(name string) string {
	fallback := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	encoded := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if strings.Contains(encoded, "filename*=") {
		return `attachment; filename="` + fallback + `"; filename*=UTF-8''` + url.PathEscape(name)
	}
	return encoded
}

// etag is the case's revision as an entity tag.
func etag(c cases.Case) *string { return ptr(`"` + strconv.Itoa(c.Revision) + `"`) }

// ifMatch reads the revision an edit is based on: `"7"` or W/"7".
func ifMatch(header *string) (int, error) {
	if header == nil || strings.TrimSpace(*header) == "" {
		return 0, apperr.New(apperr.KindPreconditionRequired, apperr.CodePreconditionRequired)
	}
	v := strings.TrimPrefix(strings.TrimSpace(*header), "W/")
	n, err := strconv.Atoi(strings.Trim(v, `"`))
	if err != nil {
		// A tag we never issued cannot match the current revision.
		return -1, nil
	}
	return n, nil
}

func (s *Server) staleProblem(ctx context.Context, stale *cases.StaleError) oapi.PreconditionFailedApplicationProblemPlusJSONResponse {
	c := ginContext(ctx)
	problem, _ := buildProblem(c, apperr.New(apperr.KindPreconditionFailed, apperr.CodePreconditionFailed))
	current := toCase(stale.Current)
	c.Header("ETag", *etag(stale.Current))
	return oapi.PreconditionFailedApplicationProblemPlusJSONResponse{
		Type: problem.Type, Title: problem.Title, Status: problem.Status, Detail: problem.Detail, Instance: problem.Instance,
		Code: oapi.ConflictProblemCode(problem.Code), RequestId: problem.RequestId, Current: &current,
	}
}

func caseContent(b oapi.CaseInput) cases.Content {
	c := cases.Content{
		Title: b.Title, Summary: valueOr(b.Summary), Problem: valueOr(b.Problem), Solution: valueOr(b.Solution),
		Outcomes: valueOr(b.Outcomes), CategoryID: b.CategoryId, Beneficiaries: valueOr(b.Beneficiaries),
		CostKRW: int64Ptr(b.CostKrw), SavingsKRW: int64Ptr(b.SavingsKrw),
	}
	if b.Tags != nil {
		c.Tags = *b.Tags
	}
	if b.StartedOn != nil {
		t := b.StartedOn.Time
		c.StartedOn = &t
	}
	if b.Stage != nil {
		c.Stage = string(*b.Stage)
	}
	if b.EvidenceLevel != nil {
		lvl := int16(*b.EvidenceLevel)
		c.EvidenceLevel = &lvl
	}
	if b.Licence != nil {
		c.Licence = string(*b.Licence)
	}
	if b.Metrics != nil {
		for _, m := range *b.Metrics {
			c.Metrics = append(c.Metrics, cases.Metric{Name: m.Name, Unit: m.Unit, Before: m.Before, After: m.After, Direction: string(m.Direction), Period: valueOr(m.Period)})
		}
	}
	if b.Collaborators != nil {
		for _, col := range *b.Collaborators {
			c.Collaborators = append(c.Collaborators, cases.Collaborator{Name: col.Name, Kind: string(col.Kind), Role: valueOr(col.Role)})
		}
	}
	return c
}

func toCaseContent(c cases.Content) oapi.CaseContent {
	out := oapi.CaseContent{
		Title: c.Title, Summary: c.Summary, Problem: c.Problem, Solution: c.Solution, Outcomes: c.Outcomes,
		Tags: c.Tags, Beneficiaries: nonEmpty(c.Beneficiaries), CostKrw: intPtr(c.CostKRW), SavingsKrw: intPtr(c.SavingsKRW),
		Metrics: make([]oapi.Metric, len(c.Metrics)), Collaborators: make([]oapi.CollaboratorInput, len(c.Collaborators)),
	}
	if c.CategoryID != nil {
		out.Category = &oapi.Category{Id: *c.CategoryID, Name: c.CategoryName}
	}
	if c.StartedOn != nil {
		out.StartedOn = &openapi_types.Date{Time: *c.StartedOn}
	}
	if c.Stage != "" {
		out.Stage = ptr(oapi.CaseStage(c.Stage))
	}
	if c.EvidenceLevel != nil {
		out.EvidenceLevel = ptr(int(*c.EvidenceLevel))
	}
	if c.Licence != "" {
		out.Licence = ptr(oapi.LicenceType(c.Licence))
	}
	for i, m := range c.Metrics {
		imp := m.Improvement()
		out.Metrics[i] = oapi.Metric{
			Name: m.Name, Unit: m.Unit, Before: m.Before, After: m.After, Direction: oapi.MetricDirection(m.Direction),
			Period: nonEmpty(m.Period), Improvement: oapi.Improvement{
				Improved: imp.Improved, Delta: imp.Delta, PercentagePoints: imp.PercentagePoints,
				PercentChange: imp.PercentChange, Factor: imp.Factor,
			},
		}
	}
	for i, col := range c.Collaborators {
		out.Collaborators[i] = oapi.CollaboratorInput{Name: col.Name, Kind: oapi.CollaboratorKind(col.Kind), Role: nonEmpty(col.Role)}
	}
	return out
}

func toCase(c cases.Case) oapi.Case {
	cc := toCaseContent(c.Content)
	return oapi.Case{
		Id: c.ID, View: oapi.CaseView(c.View), Round: toRoundRef(c.Round), Team: toTeamRef(c.Team), Status: oapi.CaseStatus(c.Status),
		Revision: c.Revision, SubmittedVersion: c.SubmittedVersion, HasUnsubmittedChanges: &c.HasUnsubmittedChanges,
		Editable: c.Editable, Attachments: toAttachments(c.Attachments), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		SubmittedAt: c.SubmittedAt,
		Title:       cc.Title, Summary: cc.Summary, Problem: cc.Problem, Solution: cc.Solution, Outcomes: cc.Outcomes,
		Category: cc.Category, Tags: cc.Tags, Beneficiaries: cc.Beneficiaries, CostKrw: cc.CostKrw, SavingsKrw: cc.SavingsKrw,
		StartedOn: cc.StartedOn, Stage: cc.Stage, EvidenceLevel: cc.EvidenceLevel, Licence: cc.Licence,
		Metrics: cc.Metrics, Collaborators: cc.Collaborators,
	}
}

func toRoundRef(r cases.RoundRef) oapi.RoundRef {
	return oapi.RoundRef{Id: r.ID, Title: r.Title, SubmissionClosesAt: r.SubmissionClosesAt}
}

func toCaseSummaries(list []cases.Summary) []oapi.CaseSummary {
	out := make([]oapi.CaseSummary, len(list))
	for i, c := range list {
		out[i] = oapi.CaseSummary{
			Id: c.ID, Title: c.Title, Summary: c.Summary, Round: toRoundRef(c.Round), Team: toTeamRef(c.Team),
			Status: oapi.CaseStatus(c.Status), SubmittedVersion: c.SubmittedVersion, UpdatedAt: c.UpdatedAt, SubmittedAt: c.SubmittedAt,
		}
		if c.Category != nil {
			out[i].Category = &oapi.Category{Id: c.Category.ID, Name: c.Category.Name}
		}
	}
	return out
}

func toAttachment(a cases.Attachment) oapi.Attachment {
	return oapi.Attachment{
		Id: a.ID, Filename: a.Filename, ContentType: a.ContentType, SizeBytes: int(a.SizeBytes), Sha256: a.SHA256,
		Public: a.Public, CreatedAt: a.CreatedAt,
	}
}

func toAttachments(list []cases.Attachment) []oapi.Attachment {
	out := make([]oapi.Attachment, len(list))
	for i, a := range list {
		out[i] = toAttachment(a)
	}
	return out
}

func toVersionInfo(v cases.VersionInfo) oapi.CaseVersionInfo {
	changes := make([]oapi.FieldChange, len(v.Changes))
	for i, c := range v.Changes {
		changes[i] = oapi.FieldChange{Field: c.Field, Before: c.Before, After: c.After}
	}
	return oapi.CaseVersionInfo{Version: v.Version, SubmittedAt: v.SubmittedAt, SubmittedBy: v.SubmittedBy, Changes: changes}
}

func int64Ptr(p *int) *int64 {
	if p == nil {
		return nil
	}
	v := int64(*p)
	return &v
}

func intPtr(p *int64) *int {
	if p == nil {
		return nil
	}
	v := int(*p)
	return &v
}
