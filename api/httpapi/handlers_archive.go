package httpapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"eutteum/api/apperr"
	"eutteum/api/archive"
	"eutteum/api/cases"
	"eutteum/api/oapi"
)

func (s *Server) SearchArchive(ctx context.Context, req oapi.SearchArchiveRequestObject) (oapi.SearchArchiveResponseObject, error) {
	p := req.Params
	q := archive.Query{
		Text: valueOr(p.Q), Year: p.Year, AgencyID: p.AgencyId, Region: valueOr(p.Region), Category: valueOr(p.Category),
		AwardTier: valueOr(p.AwardTier), EvidenceLevel: p.EvidenceLevel, HasMetrics: p.HasMetrics, Cursor: valueOr(p.Cursor),
	}
	if p.Period != nil {
		q.Period = string(*p.Period)
	}
	if p.TeamKind != nil {
		q.TeamKind = string(*p.TeamKind)
	}
	if p.Stage != nil {
		q.Stage = string(*p.Stage)
	}
	if p.Sort != nil {
		q.Sort = string(*p.Sort)
	}
	if p.Limit != nil {
		q.Limit = *p.Limit
	}
	res, err := s.archive.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	out := oapi.SearchArchive200JSONResponse{Total: res.Total, Items: make([]oapi.ArchiveSummary, len(res.Items)), NextCursor: nonEmpty(res.NextCursor)}
	if res.Approximate {
		out.Approximate = &res.Approximate
	}
	for i, it := range res.Items {
		out.Items[i] = toArchiveSummary(it)
	}
	facets := func(name string) []oapi.FacetValue {
		list := res.Facets[name]
		out := make([]oapi.FacetValue, len(list))
		for i, f := range list {
			out[i] = oapi.FacetValue{Value: f.Value, Label: f.Label, Count: f.Count}
		}
		return out
	}
	out.Facets = oapi.ArchiveFacets{
		Year: facets("year"), Period: facets("period"), Agency: facets("agency"), Region: facets("region"),
		Category: facets("category"), AwardTier: facets("awardTier"), TeamKind: facets("teamKind"), Stage: facets("stage"),
		EvidenceLevel: facets("evidenceLevel"), HasMetrics: facets("hasMetrics"),
	}
	return out, nil
}

func toArchiveSummary(it archive.Summary) oapi.ArchiveSummary {
	out := oapi.ArchiveSummary{
		Id: it.ID, Title: it.Title, Summary: it.Summary, Agency: oapi.AgencyRef{Id: it.Agency.ID, Name: it.Agency.Name},
		Region: it.Region, Year: it.Year, Period: it.Period, RoundTitle: nonEmpty(it.RoundTitle), AwardName: nonEmpty(it.AwardName),
		AwardTier: it.AwardTier, Category: it.Category, TeamName: nonEmpty(it.TeamName), TeamKind: nonEmpty(it.TeamKind),
		Stage: nonEmpty(it.Stage), HasMetrics: it.HasMetrics, AdoptionCount: it.AdoptionCount,
		PublishedOn: openapi_types.Date{Time: it.PublishedOn},
	}
	if it.EvidenceLevel != nil {
		out.EvidenceLevel = ptr(int(*it.EvidenceLevel))
	}
	if it.TitleHighlights != nil {
		hl := toHighlights(it.TitleHighlights)
		out.TitleHighlights = &hl
	}
	if it.Snippet != nil {
		out.Snippet = &oapi.Snippet{Field: oapi.SnippetField(it.Snippet.Field), Text: it.Snippet.Text, Highlights: toHighlights(it.Snippet.Highlights)}
	}
	return out
}

func toHighlights(list []archive.Highlight) []oapi.Highlight {
	out := make([]oapi.Highlight, len(list))
	for i, h := range list {
		out[i] = oapi.Highlight{Start: h.Start, Length: h.Length}
	}
	return out
}

func (s *Server) GetArchiveCase(ctx context.Context, req oapi.GetArchiveCaseRequestObject) (oapi.GetArchiveCaseResponseObject, error) {
	e, err := s.archive.Get(ctx, req.EntryId)
	if err != nil {
		return nil, err
	}
	var mine *bool
	// Only an identified caller has a mark to show; the count came with the entry.
	if v := viewer(ctx, req.Params.XClientId); v.Principal != nil || v.ClientID != "" {
		h, err := s.archive.HelpfulState(ctx, req.EntryId, v)
		if err != nil {
			return nil, err
		}
		mine = &h.Marked
	}
	sum := toArchiveSummary(e.Summary)
	content := toCaseContent(cases.Content{Metrics: e.Metrics, Collaborators: e.Collaborators})
	out := oapi.GetArchiveCase200JSONResponse{
		Id: sum.Id, Title: sum.Title, Summary: sum.Summary, Agency: sum.Agency, Region: sum.Region, Year: sum.Year,
		Period: sum.Period, RoundTitle: sum.RoundTitle, AwardName: sum.AwardName, AwardTier: sum.AwardTier,
		Category: sum.Category, TeamName: sum.TeamName, TeamKind: sum.TeamKind, Stage: sum.Stage, EvidenceLevel: sum.EvidenceLevel,
		HasMetrics: sum.HasMetrics, AdoptionCount: sum.AdoptionCount, PublishedOn: sum.PublishedOn,
		Problem: e.Problem, Solution: e.Solution, Outcomes: e.Outcomes, Metrics: content.Metrics, Collaborators: content.Collaborators,
		Tags: e.Tags, Licence: e.Licence, Attachments: toAttachments(e.Attachments), Adoptions: make([]oapi.Adoption, len(e.Adoptions)),
		HelpfulCount: e.HelpfulCount, HelpfulByMe: mine,
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	for i, a := range e.Adoptions {
		out.Adoptions[i] = toAdoption(a)
	}
	return out, nil
}

func toAdoption(a archive.Adoption) oapi.Adoption {
	out := oapi.Adoption{
		Agency: oapi.AgencyRef{Id: a.Agency.ID, Name: a.Agency.Name}, Status: oapi.AdoptionStatus(a.Status),
		Order: a.Order, Adaptation: nonEmpty(a.Adaptation), UpdatedAt: a.UpdatedAt,
	}
	if a.AdoptedOn != nil {
		out.AdoptedOn = &openapi_types.Date{Time: *a.AdoptedOn}
	}
	if len(a.Results) > 0 {
		results := toCaseContent(cases.Content{Metrics: a.Results}).Metrics
		out.Results = &results
	}
	return out
}

func (s *Server) GetSimilarCases(ctx context.Context, req oapi.GetSimilarCasesRequestObject) (oapi.GetSimilarCasesResponseObject, error) {
	list, err := s.archive.SimilarTo(ctx, req.EntryId)
	if err != nil {
		return nil, err
	}
	return oapi.GetSimilarCases200JSONResponse{Items: toSimilar(list)}, nil
}

func (s *Server) FindSimilarToDraft(ctx context.Context, req oapi.FindSimilarToDraftRequestObject) (oapi.FindSimilarToDraftResponseObject, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	b := req.Body
	list, err := s.archive.SimilarToDraft(ctx, archive.Draft{
		Title: b.Title, Summary: valueOr(b.Summary), Problem: valueOr(b.Problem), Solution: valueOr(b.Solution), Category: valueOr(b.Category),
	})
	if err != nil {
		return nil, err
	}
	return oapi.FindSimilarToDraft200JSONResponse{Items: toSimilar(list)}, nil
}

func toSimilar(list []archive.Similar) []oapi.SimilarCase {
	out := make([]oapi.SimilarCase, len(list))
	for i, s := range list {
		out[i] = oapi.SimilarCase{
			Id: s.ID, Title: s.Title, Agency: oapi.AgencyRef{Id: s.Agency.ID, Name: s.Agency.Name}, Year: s.Year,
			AwardTier: nonEmpty(s.AwardTier), Score: s.Score, Reasons: s.Reasons,
		}
	}
	return out
}

func (s *Server) RecordAdoption(ctx context.Context, req oapi.RecordAdoptionRequestObject) (oapi.RecordAdoptionResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	b := req.Body
	in := archive.AdoptionInput{Status: string(b.Status), Adaptation: valueOr(b.Adaptation)}
	if b.AdoptedOn != nil {
		t := b.AdoptedOn.Time
		in.AdoptedOn = &t
	}
	if b.Results != nil {
		for _, m := range *b.Results {
			in.Results = append(in.Results, cases.Metric{Name: m.Name, Unit: m.Unit, Before: m.Before, After: m.After, Direction: string(m.Direction), Period: valueOr(m.Period)})
		}
	}
	a, err := s.archive.Adopt(ctx, p, req.EntryId, in)
	if err != nil {
		return nil, err
	}
	return oapi.RecordAdoption200JSONResponse(toAdoption(a)), nil
}

func (s *Server) WithdrawAdoption(ctx context.Context, req oapi.WithdrawAdoptionRequestObject) (oapi.WithdrawAdoptionResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.archive.Withdraw(ctx, p, req.EntryId); err != nil {
		return nil, err
	}
	return oapi.WithdrawAdoption204Response{}, nil
}

func (s *Server) GetAgencySpread(ctx context.Context, req oapi.GetAgencySpreadRequestObject) (oapi.GetAgencySpreadResponseObject, error) {
	sp, err := s.archive.AgencySpread(ctx, req.AgencyId)
	if err != nil {
		return nil, err
	}
	out := oapi.GetAgencySpread200JSONResponse{
		Agency: oapi.AgencyRef{Id: sp.Agency.ID, Name: sp.Agency.Name}, Cases: sp.Cases, AdoptionsReceived: sp.AdoptionsReceived,
		AdoptingAgencies: make([]oapi.FacetValue, len(sp.AdoptingAgencies)),
	}
	for i, f := range sp.AdoptingAgencies {
		out.AdoptingAgencies[i] = oapi.FacetValue{Value: f.Value, Label: f.Label, Count: f.Count}
	}
	for _, m := range sp.AdoptionsMade {
		out.AdoptionsMade = append(out.AdoptionsMade, struct {
			AdoptedOn openapi_types.Date `json:"adoptedOn"`
			Agency    oapi.AgencyRef     `json:"agency"`
			EntryId   openapi_types.UUID `json:"entryId"`
			Title     string             `json:"title"`
		}{openapi_types.Date{Time: m.AdoptedOn}, oapi.AgencyRef{Id: m.Agency.ID, Name: m.Agency.Name}, m.EntryID, m.Title})
	}
	if out.AdoptionsMade == nil {
		out.AdoptionsMade = make([]struct {
			AdoptedOn openapi_types.Date `json:"adoptedOn"`
			Agency    oapi.AgencyRef     `json:"agency"`
			EntryId   openapi_types.UUID `json:"entryId"`
			Title     string             `json:"title"`
		}, 0)
	}
	top := make([]oapi.ArchiveSummary, len(sp.TopCases))
	for i, t := range sp.TopCases {
		top[i] = toArchiveSummary(t)
	}
	out.TopCases = &top
	return out, nil
}

func (s *Server) ImportArchive(ctx context.Context, req oapi.ImportArchiveRequestObject) (oapi.ImportArchiveResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	// The form's fields may come in any order, so the file is read first and imported after.
	create, format := false, ""
	var file []byte
	for {
		part, err := req.Body.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, requestError(err)
		}
		switch part.FormName() {
		case "createAgencies":
			value, _ := io.ReadAll(io.LimitReader(part, 10))
			create = string(value) == "true"
		case "file":
			if strings.HasSuffix(strings.ToLower(part.FileName()), ".jsonl") {
				format = "jsonl"
			}
			if file, err = io.ReadAll(io.LimitReader(part, archive.MaxImportBytes+1)); err != nil {
				return nil, requestError(err)
			}
			if len(file) > archive.MaxImportBytes {
				// Cut at the limit the file would import half a row; the command line takes any size.
				return nil, apperr.New(apperr.KindTooLarge, apperr.CodeBodyTooLarge)
			}
		}
	}
	if file == nil {
		return nil, apperr.Invalid(apperr.Field("file", "required"))
	}
	report, err := s.archive.Import(ctx, p, s.accounts, bytes.NewReader(file), archive.ImportOptions{Format: format, CreateAgencies: create})
	if err != nil {
		return nil, err
	}
	out := oapi.ImportArchive200JSONResponse{
		Rows: report.Rows, Imported: report.Imported, Updated: report.Updated, Unchanged: report.Unchanged,
		NewAgencies: report.NewAgencies,
	}
	out.Rejected = make([]struct {
		Field  string `json:"field"`
		Line   int    `json:"line"`
		Reason string `json:"reason"`
	}, len(report.Rejected))
	for i, r := range report.Rejected {
		out.Rejected[i].Field, out.Rejected[i].Line, out.Rejected[i].Reason = r.Field, r.Line, r.Reason
	}
	return out, nil
}

func (s *Server) DownloadArchiveAttachment(ctx context.Context, req oapi.DownloadArchiveAttachmentRequestObject) (oapi.DownloadArchiveAttachmentResponseObject, error) {
	f, err := s.archive.PublicFile(ctx, req.EntryId, req.AttachmentId)
	if err != nil {
		return nil, err
	}
	return oapi.DownloadArchiveAttachment200AsteriskResponse{
		Body: bytes.NewReader(f.Content), ContentType: f.ContentType, ContentLength: f.SizeBytes,
		Headers: oapi.DownloadArchiveAttachment200ResponseHeaders{ContentDisposition: ptr(contentDisposition(f.Filename))},
	}, nil
}
