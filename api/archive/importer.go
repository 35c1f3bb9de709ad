package archive

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/encoding/korean"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/cases"
	"eutteum/api/dberr"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// MaxImportBytes is the largest file an import reads.
const MaxImportBytes = 50 << 20

// ImportRow is one past winner as agencies keep them (docs/import.md).
type ImportRow struct {
	ExternalID    string               `json:"external_id" validate:"required,max=100"`
	Title         string               `json:"title" validate:"required,max=100"`
	Summary       string               `json:"summary" validate:"max=300"`
	Problem       string               `json:"problem" validate:"max=20000"`
	Solution      string               `json:"solution" validate:"max=20000"`
	Outcomes      string               `json:"outcomes" validate:"max=20000"`
	Metrics       []cases.Metric       `json:"metrics" validate:"max=20,dive"`
	Collaborators []cases.Collaborator `json:"collaborators" validate:"max=30,dive"`
	Agency        string               `json:"agency" validate:"required,max=100"`
	Year          int                  `json:"year" validate:"min=2000,max=2100"`
	Period        string               `json:"period" validate:"required,oneof=H1 H2 Q1 Q2 Q3 Q4 annual custom"`
	Round         string               `json:"round" validate:"max=200"`
	AwardName     string               `json:"award_name" validate:"max=100"`
	AwardTier     string               `json:"award_tier" validate:"max=30"`
	Category      string               `json:"category" validate:"max=50"`
	Tags          []string             `json:"tags" validate:"max=20,dive,max=30"`
	TeamName      string               `json:"team_name" validate:"max=100"`
	PublishedOn   string               `json:"published_date" validate:"required"`
}

// Rejection says why one row was not imported.
type Rejection struct {
	Line   int
	Field  string
	Reason string
}

// ImportReport is what an import did.
type ImportReport struct {
	Rows        int
	Imported    int
	Updated     int
	Unchanged   int
	Rejected    []Rejection
	NewAgencies []string
}

// ImportOptions steer an import.
type ImportOptions struct {
	// Format is "csv" or "jsonl"; empty guesses from the content.
	Format string
	// CreateAgencies makes agencies the file names but the system lacks; otherwise such
	// rows are rejected.
	CreateAgencies bool
	// Progress, if set, is told how many rows are done.
	Progress func(done int)
}

// Import reads past winners from CSV (UTF-8, or CP949/EUC-KR as Korean Excel writes) or
// JSON Lines. Each row is checked and stored on its own, so a bad row is reported and
// never half-written; a row whose external id is already archived with the same content
// changes nothing. Organizers import for the agencies they organize for; admins for any.
func (s *Service) Import(ctx context.Context, p account.Principal, accounts *account.Service, r io.Reader, opts ImportOptions) (ImportReport, error) {
	if !p.IsAdmin() && len(p.OrganizerAgencies()) == 0 {
		return ImportReport{}, apperr.Forbidden()
	}
	raw, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return ImportReport{}, apperr.Wrap(apperr.KindInvalid, apperr.CodeMalformedJSON, err)
	}
	if len(raw) > MaxImportBytes {
		return ImportReport{}, apperr.New(apperr.KindTooLarge, apperr.CodeBodyTooLarge)
	}
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	if !utf8.Valid(raw) {
		if raw, err = korean.EUCKR.NewDecoder().Bytes(raw); err != nil {
			return ImportReport{}, apperr.Invalid(apperr.Field("file", "encoding"))
		}
	}
	format := opts.Format
	if format == "" {
		format = "csv"
		if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '{' {
			format = "jsonl"
		}
	}
	rows, rejected, err := parseRows(raw, format)
	if err != nil {
		return ImportReport{}, err
	}
	report := ImportReport{Rows: len(rows) + len(rejected), Rejected: rejected, NewAgencies: []string{}}
	agencies, err := s.agencyIndex(ctx)
	if err != nil {
		return ImportReport{}, err
	}
	for i, row := range rows {
		if opts.Progress != nil {
			opts.Progress(i + 1)
		}
		outcome, rej := s.importRow(ctx, p, accounts, row, agencies, opts.CreateAgencies, &report)
		if rej != nil {
			report.Rejected = append(report.Rejected, *rej)
			continue
		}
		switch outcome {
		case "imported":
			report.Imported++
		case "updated":
			report.Updated++
		default:
			report.Unchanged++
		}
	}
	slices.SortFunc(report.Rejected, func(a, b Rejection) int { return a.Line - b.Line })
	return report, nil
}

type parsedRow struct {
	line int
	row  ImportRow
}

func parseRows(raw []byte, format string) ([]parsedRow, []Rejection, error) {
	var rows []parsedRow
	var rejected []Rejection
	switch format {
	case "jsonl":
		sc := bufio.NewScanner(bytes.NewReader(raw))
		sc.Buffer(make([]byte, 1<<20), 4<<20)
		for line := 1; sc.Scan(); line++ {
			text := strings.TrimSpace(sc.Text())
			if text == "" {
				continue
			}
			dec := json.NewDecoder(strings.NewReader(text))
			dec.DisallowUnknownFields()
			var r ImportRow
			if err := dec.Decode(&r); err != nil {
				rejected = append(rejected, Rejection{Line: line, Field: jsonField(err), Reason: "JSON 형식 오류: " + err.Error()})
				continue
			}
			rows = append(rows, parsedRow{line, r})
		}
		if err := sc.Err(); err != nil {
			return nil, nil, apperr.Invalid(apperr.Field("file", "invalid"))
		}
	case "csv":
		cr := csv.NewReader(bytes.NewReader(raw))
		cr.FieldsPerRecord = -1
		header, err := cr.Read()
		if err != nil {
			return nil, nil, apperr.Invalid(apperr.Field("file", "empty_file"))
		}
		cols := map[string]int{}
		for i, h := range header {
			cols[strings.TrimSpace(strings.ToLower(h))] = i
		}
		for _, required := range []string{"external_id", "title", "agency", "year", "period", "published_date"} {
			if _, ok := cols[required]; !ok {
				return nil, nil, apperr.Invalid(apperr.Field("file", "missing_column", "column", required))
			}
		}
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				// FieldPos is only defined for records that parsed; a parse error carries its line.
				line := 0
				var perr *csv.ParseError
				if errors.As(err, &perr) {
					line = perr.StartLine
				}
				rejected = append(rejected, Rejection{Line: line, Field: "", Reason: "CSV 형식 오류: " + err.Error()})
				if perr == nil {
					break
				}
				continue
			}
			line, _ := cr.FieldPos(0)
			r, rej := csvRow(rec, cols, line)
			if rej != nil {
				rejected = append(rejected, *rej)
				continue
			}
			rows = append(rows, parsedRow{line, r})
		}
	default:
		return nil, nil, apperr.Invalid(apperr.Field("format", "enum"))
	}
	return rows, rejected, nil
}

func jsonField(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return typeErr.Field
	}
	if msg := err.Error(); strings.Contains(msg, "unknown field") {
		return strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`)
	}
	return ""
}

// csvRow reads one CSV record. Lists are separated by ";"; a metric is
// "name|unit|before|after|increase or decrease", a collaborator "name|department or external|role".
func csvRow(rec []string, cols map[string]int, line int) (ImportRow, *Rejection) {
	get := func(name string) string {
		if i, ok := cols[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	r := ImportRow{
		ExternalID: get("external_id"), Title: get("title"), Summary: get("summary"), Problem: get("problem"),
		Solution: get("solution"), Outcomes: get("outcomes"), Agency: get("agency"), Period: get("period"),
		Round: get("round"), AwardName: get("award_name"), AwardTier: get("award_tier"), Category: get("category"),
		TeamName: get("team_name"), PublishedOn: get("published_date"),
	}
	year, err := strconv.Atoi(get("year"))
	if err != nil {
		return r, &Rejection{Line: line, Field: "year", Reason: "연도는 숫자여야 합니다"}
	}
	r.Year = year
	for _, t := range splitList(get("tags")) {
		r.Tags = append(r.Tags, t)
	}
	for i, m := range splitList(get("metrics")) {
		parts := strings.Split(m, "|")
		if len(parts) != 5 {
			return r, &Rejection{Line: line, Field: fmt.Sprintf("metrics[%d]", i), Reason: "성과지표는 이름|단위|이전|이후|increase 또는 decrease 형식이어야 합니다"}
		}
		before, err1 := strconv.ParseFloat(strings.TrimSpace(parts[2]), 64)
		after, err2 := strconv.ParseFloat(strings.TrimSpace(parts[3]), 64)
		if err1 != nil || err2 != nil {
			return r, &Rejection{Line: line, Field: fmt.Sprintf("metrics[%d]", i), Reason: "성과지표의 이전·이후 값은 숫자여야 합니다"}
		}
		r.Metrics = append(r.Metrics, cases.Metric{Name: strings.TrimSpace(parts[0]), Unit: strings.TrimSpace(parts[1]), Before: before, After: after, Direction: strings.TrimSpace(parts[4])})
	}
	for i, c := range splitList(get("collaborators")) {
		parts := strings.Split(c, "|")
		if len(parts) < 2 {
			return r, &Rejection{Line: line, Field: fmt.Sprintf("collaborators[%d]", i), Reason: "협업은 이름|department 또는 external|역할 형식이어야 합니다"}
		}
		col := cases.Collaborator{Name: strings.TrimSpace(parts[0]), Kind: strings.TrimSpace(parts[1])}
		if len(parts) > 2 {
			col.Role = strings.TrimSpace(parts[2])
		}
		r.Collaborators = append(r.Collaborators, col)
	}
	return r, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (s *Service) agencyIndex(ctx context.Context) (map[string]uuid.UUID, error) {
	rows, err := s.q.ListAgencies(ctx)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	m := make(map[string]uuid.UUID, len(rows))
	for _, a := range rows {
		m[a.Name] = a.ID
	}
	return m, nil
}

func (s *Service) importRow(ctx context.Context, p account.Principal, accounts *account.Service, pr parsedRow, agencies map[string]uuid.UUID, create bool, report *ImportReport) (string, *Rejection) {
	r := pr.row
	reject := func(field, reason string) (string, *Rejection) {
		return "", &Rejection{Line: pr.line, Field: field, Reason: reason}
	}
	if err := validation.Struct(r); err != nil {
		fe := apperr.As(err).Fields[0]
		return reject(fe.Field, apperr.FieldMessage(fe, apperr.Korean))
	}
	published, err := time.Parse(time.DateOnly, r.PublishedOn)
	if err != nil {
		return reject("published_date", "게시일은 2024-06-30 형식이어야 합니다")
	}
	agencyID, ok := agencies[r.Agency]
	if !ok {
		if !create || !p.IsAdmin() {
			return reject("agency", "등록되지 않은 기관입니다: "+r.Agency)
		}
		a, err := accounts.EnsureAgency(ctx, account.CreateAgencyInput{Name: r.Agency, Level: "basic", Region: regionOf(r.Agency)})
		if err != nil {
			return reject("agency", "기관을 만들지 못했습니다: "+r.Agency)
		}
		agencyID, agencies[r.Agency] = a.ID, a.ID
		report.NewAgencies = append(report.NewAgencies, r.Agency)
	}
	if ok, err := accounts.InScope(ctx, p, agencyID); err != nil || !ok {
		return reject("agency", "이 기관의 사례를 가져올 권한이 없습니다: "+r.Agency)
	}
	if r.Tags == nil {
		r.Tags = []string{}
	}
	if r.Metrics == nil {
		r.Metrics = []cases.Metric{}
	}
	if r.Collaborators == nil {
		r.Collaborators = []cases.Collaborator{}
	}
	metrics, _ := json.Marshal(r.Metrics)
	collaborators, _ := json.Marshal(r.Collaborators)
	existing, err := s.q.GetArchiveEntryByExternalID(ctx, &r.ExternalID)
	switch {
	case store.IsNoRows(err):
		if _, err := s.q.InsertImportedEntry(ctx, store.InsertImportedEntryParams{
			ExternalID: &r.ExternalID, AgencyID: agencyID, Title: r.Title, Summary: r.Summary, Problem: r.Problem,
			Solution: r.Solution, Outcomes: r.Outcomes, Metrics: metrics, Collaborators: collaborators, Tags: r.Tags,
			Category: r.Category, TeamName: r.TeamName, Year: int32(r.Year), Period: r.Period, RoundTitle: r.Round,
			AwardName: r.AwardName, AwardTier: r.AwardTier, PublishedOn: published,
		}); err != nil {
			return reject("", "저장하지 못했습니다")
		}
		return "imported", nil
	case err != nil:
		return reject("", "저장하지 못했습니다")
	}
	same := existing.AgencyID == agencyID && existing.Title == r.Title && existing.Summary == r.Summary &&
		existing.Problem == r.Problem && existing.Solution == r.Solution && existing.Outcomes == r.Outcomes &&
		jsonEqual(existing.Metrics, metrics) && jsonEqual(existing.Collaborators, collaborators) &&
		slices.Equal(existing.Tags, r.Tags) && existing.Category == r.Category && int(existing.Year) == r.Year &&
		existing.Period == r.Period && existing.RoundTitle == r.Round && existing.AwardName == r.AwardName &&
		existing.AwardTier == r.AwardTier && existing.PublishedOn.Equal(published)
	if same {
		return "unchanged", nil
	}
	if err := s.q.UpdateImportedEntry(ctx, store.UpdateImportedEntryParams{
		ExternalID: &r.ExternalID, AgencyID: agencyID, Title: r.Title, Summary: r.Summary, Problem: r.Problem,
		Solution: r.Solution, Outcomes: r.Outcomes, Metrics: metrics, Collaborators: collaborators, Tags: r.Tags,
		Category: r.Category, TeamName: r.TeamName, Year: int32(r.Year), Period: r.Period, RoundTitle: r.Round,
		AwardName: r.AwardName, AwardTier: r.AwardTier, PublishedOn: published,
	}); err != nil {
		return reject("", "저장하지 못했습니다")
	}
	return "updated", nil
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// regionOf guesses the 시·도 of a new agency from its name's first word.
func regionOf(name string) string {
	first := strings.Fields(name)[0]
	for _, pair := range [][2]string{{"서울", "서울"}, {"부산", "부산"}, {"대구", "대구"}, {"인천", "인천"}, {"광주", "광주"}, {"대전", "대전"}, {"울산", "울산"}, {"세종", "세종"}, {"경기", "경기"}, {"강원", "강원"}, {"충청북", "충북"}, {"충북", "충북"}, {"충청남", "충남"}, {"충남", "충남"}, {"전라북", "전북"}, {"전북", "전북"}, {"전라남", "전남"}, {"전남", "전남"}, {"경상북", "경북"}, {"경북", "경북"}, {"경상남", "경남"}, {"경남", "경남"}, {"제주", "제주"}} {
		if strings.HasPrefix(first, pair[0]) {
			return pair[1]
		}
	}
	return "기타"
}
