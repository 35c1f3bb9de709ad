package archive

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"golang.org/x/sync/errgroup"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/transform"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/cases"
	"eutteum/api/dberr"
	"eutteum/api/store"
	"eutteum/api/textsearch"
	"eutteum/api/validation"
)

// MaxImportBytes is the largest file an import over HTTP takes; the command line streams
// files of any size.
const MaxImportBytes = 50 << 20

// importBatch is how many rows are checked against the archive and written together: one
// round trip to look them up, one statement to insert the new ones, one transaction.
const importBatch = 500

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
	// Progress, if set, is told after each batch how many rows are done and how many bytes
	// of the input they used, so a caller that knows the file's size can show true progress.
	Progress func(rows int, bytes int64)
}

// Import reads past winners from CSV (UTF-8, or CP949/EUC-KR as Korean Excel writes) or
// JSON Lines, streaming: memory stays bounded by one batch whatever the file's size. Each
// row is checked on its own, so a bad row is reported and never half-written; a row whose
// external id is already archived with the same content changes nothing. Rows are written
// in batches, each in one transaction, and the search index is kept up to date as they
// go. Organizers import for the agencies they organize for; admins for any.
func (s *Service) Import(ctx context.Context, p account.Principal, accounts *account.Service, r io.Reader, opts ImportOptions) (ImportReport, error) {
	if !p.IsAdmin() && len(p.OrganizerAgencies()) == 0 {
		return ImportReport{}, apperr.Forbidden()
	}
	counted := &countingReader{r: r}
	in, format, err := decodeInput(counted, opts.Format)
	if err != nil {
		return ImportReport{}, err
	}
	rows, err := newRowReader(in, format)
	if err != nil {
		return ImportReport{}, err
	}
	report := ImportReport{Rejected: []Rejection{}, NewAgencies: []string{}}
	agencies, err := s.agencyIndex(ctx)
	if err != nil {
		return ImportReport{}, err
	}
	im := &importer{s: s, p: p, accounts: accounts, agencies: agencies, inScope: map[uuid.UUID]bool{}, create: opts.CreateAgencies, report: &report}

	// One goroutine reads rows; importWorkers check, tokenize and write batches, so that
	// one batch's tokenizing overlaps another's writing on the server.
	type job struct {
		rows  []parsedRow
		bytes int64 // how much of the input the rows up to this batch's last used
	}
	jobs := make(chan job, importWorkers)
	g, gctx := errgroup.WithContext(ctx)
	var progress sync.Mutex
	doneRows, doneBytes := 0, int64(0)
	for range importWorkers {
		g.Go(func() error {
			for j := range jobs {
				if err := im.store(gctx, j.rows); err != nil {
					return err
				}
				if opts.Progress != nil {
					progress.Lock()
					doneRows += len(j.rows)
					doneBytes = max(doneBytes, j.bytes)
					opts.Progress(doneRows, doneBytes)
					progress.Unlock()
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		defer close(jobs)
		// The lines seen so far by external id's hash: a file naming a case twice gets its
		// second row refused, whichever batches the two rows fall in. Eight bytes a row
		// keeps memory bounded for any file.
		seen := map[uint64]int{}
		batch := make([]parsedRow, 0, importBatch)
		send := func() error {
			select {
			case jobs <- job{batch, counted.n}:
				batch = make([]parsedRow, 0, importBatch)
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		for {
			row, rej, err := rows.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			im.mu.Lock()
			im.report.Rows++
			if rej == nil {
				key := idHash(row.row.ExternalID)
				if first, dup := seen[key]; dup {
					rej = &Rejection{Line: row.line, Field: "external_id", Reason: fmt.Sprintf("%d행과 같은 external_id입니다", first)}
				} else {
					seen[key] = row.line
				}
			}
			if rej != nil {
				im.report.Rejected = append(im.report.Rejected, *rej)
			}
			im.mu.Unlock()
			if rej != nil {
				continue
			}
			batch = append(batch, row)
			if len(batch) == importBatch {
				if err := send(); err != nil {
					return err
				}
			}
		}
		return send()
	})
	if err := g.Wait(); err != nil {
		return ImportReport{}, err
	}
	slices.SortFunc(report.Rejected, func(a, b Rejection) int { return a.Line - b.Line })
	return report, nil
}

// importWorkers is how many batches are checked and written at once.
const importWorkers = 2

func idHash(id string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(id))
	return h.Sum64()
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// sniffBytes is how much of the input decides its encoding and format.
const sniffBytes = 64 << 10

// decodeInput drops a byte order mark, reads CP949 as UTF-8 when the start of the input is
// not UTF-8 (Korean Excel's CSV), and guesses the format when none is given.
func decodeInput(r io.Reader, format string) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	head, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, "", apperr.Wrap(apperr.KindInvalid, apperr.CodeMalformedJSON, err)
	}
	if bytes.HasPrefix(head, []byte("\ufeff")) {
		_, _ = br.Discard(3)
		head = head[3:]
	}
	var in io.Reader = br
	if !validUTF8Prefix(head, len(head) == sniffBytes) {
		in = transform.NewReader(br, korean.EUCKR.NewDecoder())
	}
	if format == "" {
		format = "csv"
		if t := bytes.TrimSpace(head); len(t) > 0 && t[0] == '{' {
			format = "jsonl"
		}
	}
	return in, format, nil
}

// validUTF8Prefix reports whether b is UTF-8, allowing a rune cut off at its end when more
// input follows.
func validUTF8Prefix(b []byte, more bool) bool {
	if utf8.Valid(b) {
		return true
	}
	for cut := 1; more && cut < utf8.UTFMax && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return true
		}
	}
	return false
}

type parsedRow struct {
	line int
	row  ImportRow
}

// rowReader yields one row of the input at a time, or why it was refused.
type rowReader struct {
	next func() (parsedRow, *Rejection, error)
}

func newRowReader(r io.Reader, format string) (rowReader, error) {
	switch format {
	case "jsonl":
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 4<<20)
		line := 0
		return rowReader{next: func() (parsedRow, *Rejection, error) {
			for sc.Scan() {
				line++
				text := bytes.TrimSpace(sc.Bytes())
				if len(text) == 0 {
					continue
				}
				if !utf8.Valid(text) {
					return parsedRow{}, &Rejection{Line: line, Reason: "UTF-8이 아닌 문자가 있습니다"}, nil
				}
				dec := json.NewDecoder(bytes.NewReader(text))
				dec.DisallowUnknownFields()
				var r ImportRow
				if err := dec.Decode(&r); err != nil {
					return parsedRow{}, &Rejection{Line: line, Field: jsonField(err), Reason: "JSON 형식 오류: " + err.Error()}, nil
				}
				return parsedRow{line, r}, nil, nil
			}
			if err := sc.Err(); err != nil {
				return parsedRow{}, nil, apperr.Invalid(apperr.Field("file", "invalid"))
			}
			return parsedRow{}, nil, io.EOF
		}}, nil
	case "csv":
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		header, err := cr.Read()
		if err != nil {
			return rowReader{}, apperr.Invalid(apperr.Field("file", "empty_file"))
		}
		cols := map[string]int{}
		for i, h := range header {
			cols[strings.TrimSpace(strings.ToLower(h))] = i
		}
		for _, required := range []string{"external_id", "title", "agency", "year", "period", "published_date"} {
			if _, ok := cols[required]; !ok {
				return rowReader{}, apperr.Invalid(apperr.Field("file", "missing_column", "column", required))
			}
		}
		broken := false
		return rowReader{next: func() (parsedRow, *Rejection, error) {
			if broken {
				return parsedRow{}, nil, io.EOF
			}
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return parsedRow{}, nil, io.EOF
			}
			if err != nil {
				// FieldPos is only defined for records that parsed; a parse error carries its line.
				line := 0
				var perr *csv.ParseError
				if errors.As(err, &perr) {
					line = perr.StartLine
				} else {
					broken = true // the input itself failed: nothing more can be read
				}
				return parsedRow{}, &Rejection{Line: line, Reason: "CSV 형식 오류: " + err.Error()}, nil
			}
			line, _ := cr.FieldPos(0)
			r, rej := csvRow(rec, cols, line)
			if rej != nil {
				return parsedRow{}, rej, nil
			}
			return parsedRow{line, r}, nil, nil
		}}, nil
	}
	return rowReader{}, apperr.Invalid(apperr.Field("format", "enum"))
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

// importer carries what the rows of one import share: the agencies by name, which of
// them the caller may import for, and the report, which mu guards.
type importer struct {
	mu       sync.Mutex
	s        *Service
	p        account.Principal
	accounts *account.Service
	agencies map[string]uuid.UUID
	inScope  map[uuid.UUID]bool
	create   bool
	report   *ImportReport
}

// importedEntry is a checked row, ready to write.
type importedEntry struct {
	ExternalID    string
	AgencyID      uuid.UUID
	AgencyName    string
	Title         string
	Summary       string
	Problem       string
	Solution      string
	Outcomes      string
	Metrics       []byte
	Collaborators []byte
	Tags          []string
	Category      string
	TeamName      string
	Year          int
	Period        string
	RoundTitle    string
	AwardName     string
	AwardTier     string
	PublishedOn   time.Time
	Search        pgtype.TSVector
	SearchLead    pgtype.TSVector
}

// importColumns are the archive_entries columns a new imported row sets; the rest keep
// their defaults (no team kind, stage or evidence level, no attachments).
var importColumns = []string{
	"external_id", "agency_id", "agency_name", "title", "summary", "problem", "solution", "outcomes", "metrics",
	"collaborators", "tags", "category", "team_name", "year", "period", "round_title", "award_name", "award_tier",
	"published_on", "licence", "search", "search_lead", "search_version",
}

func (e importedEntry) copyRow() []any {
	return []any{
		e.ExternalID, e.AgencyID, e.AgencyName, e.Title, e.Summary, e.Problem, e.Solution, e.Outcomes, e.Metrics,
		e.Collaborators, e.Tags, e.Category, e.TeamName, int32(e.Year), e.Period, e.RoundTitle, e.AwardName, e.AwardTier,
		e.PublishedOn, "kogl1", e.Search, e.SearchLead, int16(textsearch.Version),
	}
}

// store checks a batch of rows, then writes the new and changed ones in one transaction.
func (im *importer) store(ctx context.Context, batch []parsedRow) error {
	checked := make([]importedEntry, 0, len(batch))
	for _, pr := range batch {
		e, rej := im.check(ctx, pr)
		if rej != nil {
			im.mu.Lock()
			im.report.Rejected = append(im.report.Rejected, *rej)
			im.mu.Unlock()
			continue
		}
		checked = append(checked, e)
	}
	if len(checked) == 0 {
		return nil
	}
	err := im.storeChecked(ctx, checked)
	if store.IsUniqueViolation(err, "archive_entries_external_id_key") {
		// Another import stored one of these rows meanwhile: look them up again.
		err = im.storeChecked(ctx, checked)
	}
	return err
}

// storeChecked writes checked rows: new ones in one COPY, changed ones updated, the same
// ones left alone, all in one transaction.
func (im *importer) storeChecked(ctx context.Context, checked []importedEntry) error {
	ids := make([]string, len(checked))
	for i, e := range checked {
		ids[i] = e.ExternalID
	}
	existing, err := im.s.q.ImportedEntriesByExternalID(ctx, ids)
	if err != nil {
		return dberr.Fail(err)
	}
	byID := make(map[string]store.ImportedEntriesByExternalIDRow, len(existing))
	for _, x := range existing {
		byID[x.ExternalID] = x
	}
	var inserts, updates []importedEntry
	unchanged := 0
	for _, e := range checked {
		x, ok := byID[e.ExternalID]
		switch {
		case !ok:
			inserts = append(inserts, e)
		case e.sameAs(x):
			unchanged++
		default:
			updates = append(updates, e)
		}
	}
	if err := im.write(ctx, inserts, updates); err != nil {
		return err
	}
	im.mu.Lock()
	defer im.mu.Unlock()
	im.report.Imported += len(inserts)
	im.report.Updated += len(updates)
	im.report.Unchanged += unchanged
	return nil
}

func (im *importer) write(ctx context.Context, inserts, updates []importedEntry) error {
	tx, err := im.s.pool.Begin(ctx)
	if err != nil {
		return dberr.Fail(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	q := im.s.q.WithTx(tx)
	if len(inserts) > 0 {
		// COPY in binary: an order of magnitude cheaper for the server than INSERT with
		// parameters, above all for the search vector.
		rows := pgx.CopyFromSlice(len(inserts), func(i int) ([]any, error) { return inserts[i].copyRow(), nil })
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"archive_entries"}, importColumns, rows); err != nil {
			if store.IsUniqueViolation(err, "archive_entries_external_id_key") {
				return err
			}
			return dberr.Fail(fmt.Errorf("archive.Import: copy: %w", err))
		}
	}
	for _, e := range updates {
		if err := q.UpdateImportedEntry(ctx, store.UpdateImportedEntryParams{
			ExternalID: &e.ExternalID, AgencyID: e.AgencyID, AgencyName: e.AgencyName, Title: e.Title, Summary: e.Summary,
			Problem: e.Problem, Solution: e.Solution, Outcomes: e.Outcomes, Metrics: e.Metrics, Collaborators: e.Collaborators,
			Tags: e.Tags, Category: e.Category, TeamName: e.TeamName, Year: int32(e.Year), Period: e.Period,
			RoundTitle: e.RoundTitle, AwardName: e.AwardName, AwardTier: e.AwardTier, PublishedOn: e.PublishedOn,
			Vector: e.Search, LeadVector: e.SearchLead, TokenizerVersion: textsearch.Version,
		}); err != nil {
			return dberr.Fail(fmt.Errorf("archive.Import: update: %w", err))
		}
	}
	return dberr.Fail(tx.Commit(ctx))
}

// check validates one row and resolves its agency, creating it when asked to.
func (im *importer) check(ctx context.Context, pr parsedRow) (importedEntry, *Rejection) {
	r := pr.row
	reject := func(field, reason string) (importedEntry, *Rejection) {
		return importedEntry{}, &Rejection{Line: pr.line, Field: field, Reason: reason}
	}
	if err := validation.Struct(r); err != nil {
		fe := apperr.As(err).Fields[0]
		return reject(fe.Field, apperr.FieldMessage(fe, apperr.Korean))
	}
	published, err := time.Parse(time.DateOnly, r.PublishedOn)
	if err != nil {
		return reject("published_date", "게시일은 2024-06-30 형식이어야 합니다")
	}
	agencyID, rej := im.agency(ctx, r.Agency)
	if rej != "" {
		return reject("agency", rej)
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
	all, lead := document{
		Title: r.Title, Summary: r.Summary, Tags: r.Tags, Category: r.Category, Agency: r.Agency,
		Problem: r.Problem, Solution: r.Solution, Outcomes: r.Outcomes, Team: r.TeamName,
	}.vectors()
	return importedEntry{
		ExternalID: r.ExternalID, AgencyID: agencyID, AgencyName: r.Agency, Title: r.Title, Summary: r.Summary,
		Problem: r.Problem, Solution: r.Solution, Outcomes: r.Outcomes, Metrics: metrics, Collaborators: collaborators,
		Tags: r.Tags, Category: r.Category, TeamName: r.TeamName, Year: r.Year, Period: r.Period, RoundTitle: r.Round,
		AwardName: r.AwardName, AwardTier: r.AwardTier, PublishedOn: published, Search: all, SearchLead: lead,
	}, nil
}

// agency resolves an agency by name, creating it when asked to, and checks that the caller
// may import for it; the reason is the refusal, if any. Lookups are remembered for the
// import, so a known agency costs nothing.
func (im *importer) agency(ctx context.Context, name string) (uuid.UUID, string) {
	im.mu.Lock()
	defer im.mu.Unlock()
	id, ok := im.agencies[name]
	if !ok {
		if !im.create || !im.p.IsAdmin() {
			return uuid.Nil, "등록되지 않은 기관입니다: " + name
		}
		a, err := im.accounts.EnsureAgency(ctx, account.CreateAgencyInput{Name: name, Level: "basic", Region: regionOf(name)})
		if err != nil {
			return uuid.Nil, "기관을 만들지 못했습니다: " + name
		}
		id, im.agencies[name] = a.ID, a.ID
		im.report.NewAgencies = append(im.report.NewAgencies, name)
	}
	allowed, known := im.inScope[id]
	if !known {
		ok, err := im.accounts.InScope(ctx, im.p, id)
		if err != nil {
			return uuid.Nil, "권한을 확인하지 못했습니다: " + name
		}
		allowed, im.inScope[id] = ok, ok
	}
	if !allowed {
		return uuid.Nil, "이 기관의 사례를 가져올 권한이 없습니다: " + name
	}
	return id, ""
}

// sameAs reports whether an archived entry already holds exactly this row.
func (e importedEntry) sameAs(x store.ImportedEntriesByExternalIDRow) bool {
	return x.AgencyID == e.AgencyID && x.Title == e.Title && x.Summary == e.Summary &&
		x.Problem == e.Problem && x.Solution == e.Solution && x.Outcomes == e.Outcomes &&
		jsonEqual(x.Metrics, e.Metrics) && jsonEqual(x.Collaborators, e.Collaborators) &&
		slices.Equal(x.Tags, e.Tags) && x.Category == e.Category && x.TeamName == e.TeamName && int(x.Year) == e.Year &&
		x.Period == e.Period && x.RoundTitle == e.RoundTitle && x.AwardName == e.AwardName &&
		x.AwardTier == e.AwardTier && x.PublishedOn.Equal(e.PublishedOn)
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
