package archive

import (
	"context"
	"fmt"
	"maps"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/paging"
	"eutteum/api/textsearch"
)

// Query is a search of the archive.
type Query struct {
	Text          string
	Year          *int
	Period        string
	AgencyID      *uuid.UUID
	Region        string
	Category      string
	AwardTier     string
	TeamKind      string
	Stage         string
	EvidenceLevel *int
	HasMetrics    *bool
	Sort          string
	Cursor        string
	Limit         int
}

// FacetValue is one value of a filter with how many results have it.
type FacetValue struct {
	Value string
	Label string
	Count int
}

// Result is a page of search results with facet counts.
type Result struct {
	Items []Summary
	Total int
	// Approximate is set when Total and the facet counts are estimates from a sample of a
	// very large result (see count).
	Approximate bool
	Facets      map[string][]FacetValue
	NextCursor  string
}

// Highlight marks a span of text, in characters.
type Highlight struct{ Start, Length int }

// Snippet is a short passage around the first match.
type Snippet struct {
	Field      string
	Text       string
	Highlights []Highlight
}

// Sorts.
const (
	SortRelevance   = "relevance"
	SortNewest      = "newest"
	SortMostAdopted = "most_adopted"
)

// The relevance tiers, best first. An entry is in the first tier whose condition it meets:
// the words in the title exactly as typed (particles and all), in the title, in the
// summary, tags, category or agency exactly as typed, there, in the body as typed, and in the
// body; the tiers of the literal form exist only when a word lost an ending. The lead tiers
// read only search_lead, the small vector of the title and lead, never the whole case.
//
// Within a lead tier, its newest tierCandidates entries are ranked by cover density (how
// often and how close the words stand in the title and lead), then the rest follow newest
// first; body tiers are newest first. So a page costs reading at most tierCandidates short
// vectors a tier, however many of a national archive's cases contain a common word.
// An entry's key k1 is its tier plus, for the ranked ones, 0.5 + density/2, so one cursor
// (k1, published_on, id) runs through all tiers.
var tiers = []struct {
	rank      int
	cond      string
	exactOnly bool // the tier exists only when the literal form differs
	exclude   string
	lead      bool
}{
	{5, "e.search_lead @@ @exact_title::tsquery", true, "", true},
	{4, "e.search_lead @@ @title::tsquery", false, "@has_exact AND e.search_lead @@ @exact_title::tsquery", true},
	{3, "e.search_lead @@ @exact::tsquery", true, "e.search_lead @@ @title::tsquery", true},
	{2, "e.search_lead @@ @match::tsquery", false, "e.search_lead @@ @title::tsquery OR (@has_exact AND e.search_lead @@ @exact::tsquery)", true},
	{1, "e.search @@ @exact::tsquery", true, "e.search_lead @@ @match::tsquery", false},
	{0, "e.search @@ @match::tsquery", false, "e.search_lead @@ @match::tsquery OR (@has_exact AND e.search @@ @exact::tsquery)", false},
}

// customPlan runs a search statement unprepared, so PostgreSQL plans it for the words at
// hand: a prepared statement switches to a generic plan after five runs, and a generic
// plan cannot know that one word is in every case and another in ten, which decides
// between reading the index and reading entries newest first.
const customPlan = pgx.QueryExecModeExec

// tierCandidates is how many of a lead tier's newest entries are ranked by density (a
// variable for the tests of paging past it).
var tierCandidates = 100

// Ranking weighs the title (A) above the summary, tags and category (B).
const rankWeights = "{0.05, 0.2, 0.5, 1.0}"

type cursor struct {
	Sort string  `json:"s"`
	K1   float64 `json:"a"`
	K2   string  `json:"b"`
	ID   string  `json:"i"`
}

// Search finds archived cases. The query is parsed by textsearch.ParseQuery, the tokenizer
// that built the index, so both always agree. Relevance is tiered (see tiers): a match in
// the title ranks above one in the summary, tags, category or agency, which ranks above a
// body-only match, and within each a literal match of what was typed comes first.
func (s *Service) Search(ctx context.Context, in Query) (Result, error) {
	if in.Limit <= 0 || in.Limit > paging.MaxLimit {
		in.Limit = paging.DefaultLimit
	}
	in.Text = strings.TrimSpace(in.Text)
	if utf8.RuneCountInString(in.Text) > 200 {
		return Result{}, apperr.Invalid(apperr.Field("q", "max_length", "max", 200))
	}
	if in.Sort == "" {
		in.Sort = SortNewest
		if in.Text != "" {
			in.Sort = SortRelevance
		}
	}
	if in.Sort == SortRelevance && in.Text == "" {
		in.Sort = SortNewest
	}

	filters := []string{"true"}
	pq := textsearch.ParseQuery(in.Text)
	exact, exactTitle := pq.Exact, pq.ExactTitle
	if exact == "" {
		exact, exactTitle = pq.Match, pq.Title
	}
	args := pgx.NamedArgs{"match": pq.Match, "title": pq.Title, "exact": exact, "exact_title": exactTitle,
		"has_exact": pq.Exact != "", "weights": rankWeights, "candidates": tierCandidates}
	add := func(cond, name string, value any) {
		filters = append(filters, cond)
		args[name] = value
	}
	if in.Year != nil {
		add("e.year = @year", "year", *in.Year)
	}
	if in.Period != "" {
		add("e.period = @period", "period", in.Period)
	}
	if in.AgencyID != nil {
		add("e.agency_id = @agency_id", "agency_id", *in.AgencyID)
	}
	if in.Region != "" {
		add("e.agency_id IN (SELECT id FROM agencies WHERE region = @region)", "region", in.Region)
	}
	if in.Category != "" {
		add("e.category = @category", "category", in.Category)
	}
	if in.AwardTier != "" {
		add("e.award_tier = @award_tier", "award_tier", in.AwardTier)
	}
	if in.TeamKind != "" {
		add("e.team_kind = @team_kind", "team_kind", in.TeamKind)
	}
	if in.Stage != "" {
		add("e.stage = @stage", "stage", in.Stage)
	}
	if in.EvidenceLevel != nil {
		add("e.evidence_level = @evidence_level", "evidence_level", *in.EvidenceLevel)
	}
	if in.HasMetrics != nil {
		add("e.has_metrics = @has_metrics", "has_metrics", *in.HasMetrics)
	}
	where := filters
	switch {
	case in.Text != "" && pq.Empty():
		where = append(where, "false") // only punctuation: nothing can match
	case in.Text != "":
		where = append(where, "e.search @@ @match::tsquery")
	}
	matching := `FROM archive_entries e WHERE ` + strings.Join(where, " AND ")

	res := Result{Items: []Summary{}}
	var err error
	dense := false
	if len(where) == 1 {
		res.Facets, res.Total, err = s.archiveFacets(ctx)
	} else {
		res.Facets, res.Total, res.Approximate, dense, err = s.count(ctx, matching, args)
	}
	if err != nil {
		return Result{}, err
	}
	// When the words are in a good share of the archive, a page is found fastest by reading
	// entries in the page's order until enough match. PostgreSQL cannot know this for
	// phrases (it takes their pieces as independent, and they never are), so the match is
	// then asked through archive_match (migration 013), which leaves it that plan.
	ordered := matching
	if dense {
		ordered = strings.Replace(matching, "e.search @@ @match::tsquery", inOrder("e.search @@ @match::tsquery"), 1)
	}

	var c *cursor
	if in.Cursor != "" {
		dc, err := decodeCursor(in.Cursor, in.Sort)
		if err != nil {
			return Result{}, err
		}
		c = &dc
		args["c1"], args["c2"], args["c3"] = c.K1, c.K2, c.ID
	}
	// The page is chosen from the keys alone, and only its rows are read whole: no sort
	// ever carries a case's text.
	var keysSQL string
	switch in.Sort {
	case SortRelevance:
		if keysSQL, err = s.tierKeys(ctx, filters, args, pq.Exact != "" && !pq.Empty(), dense, c, in.Limit+1); err != nil {
			return Result{}, err
		}
	case SortMostAdopted:
		// Ordered by the column itself, which archive_entries_adopted_idx serves.
		keysSQL = `SELECT e.id, e.published_on, e.adopted_count::float8 AS k1 ` + ordered
		if c != nil {
			keysSQL += ` AND (e.adopted_count, e.published_on, e.id) < (@c1::float8, @c2::date, @c3::uuid)`
		}
		keysSQL += ` ORDER BY e.adopted_count DESC, e.published_on DESC, e.id DESC LIMIT @limit`
	case SortNewest:
		keysSQL = `SELECT e.id, e.published_on, 0::float8 AS k1 ` + ordered
		if c != nil {
			keysSQL += ` AND (e.published_on, e.id) < (@c2::date, @c3::uuid)`
		}
		keysSQL += ` ORDER BY e.published_on DESC, e.id DESC LIMIT @limit`
	default:
		return Result{}, apperr.Invalid(apperr.Field("sort", "enum"))
	}
	if in.Text != "" && pq.Empty() {
		keysSQL = `SELECT e.id, e.published_on, 0::float8 AS k1 FROM archive_entries e WHERE false LIMIT @limit`
	}
	page := `SELECT e.id, e.title, e.summary, e.problem, e.solution, e.outcomes, e.agency_id, e.agency_name, a.region,
		       e.year, e.period, e.round_title, e.award_name, e.award_tier, e.category, e.team_name, e.team_kind, e.stage,
		       e.evidence_level, e.has_metrics, e.adopted_count, e.published_on, p.k1
		FROM (` + keysSQL + `) p
		JOIN archive_entries e ON e.id = p.id JOIN agencies a ON a.id = e.agency_id
		ORDER BY p.k1 DESC, p.published_on DESC, p.id DESC`
	args["limit"] = in.Limit + 1

	rows, err := s.reads.Query(ctx, page, customPlan, args)
	if err != nil {
		return Result{}, dberr.Fail(err)
	}
	var items []Summary
	var keys []cursor
	for rows.Next() {
		var it Summary
		var problem, solution, outcomes string
		var k float64
		if err := rows.Scan(&it.ID, &it.Title, &it.Summary, &problem, &solution, &outcomes, &it.Agency.ID, &it.Agency.Name,
			&it.Region, &it.Year, &it.Period, &it.RoundTitle, &it.AwardName, &it.AwardTier, &it.Category, &it.TeamName,
			&it.TeamKind, &it.Stage, &it.EvidenceLevel, &it.HasMetrics, &it.AdoptionCount, &it.PublishedOn, &k); err != nil {
			rows.Close()
			return Result{}, dberr.Fail(err)
		}
		if in.Text != "" {
			terms := highlightTerms(pq.Words)
			it.TitleHighlights = highlights(it.Title, terms)
			it.Snippet = snippet(terms, [][2]string{{"summary", it.Summary}, {"problem", problem}, {"solution", solution}, {"outcomes", outcomes}})
		}
		items = append(items, it)
		keys = append(keys, cursor{Sort: in.Sort, K1: k, K2: it.PublishedOn.Format(time.DateOnly), ID: it.ID.String()})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Result{}, dberr.Fail(err)
	}
	if len(items) > in.Limit {
		items = items[:in.Limit]
		res.NextCursor = encodeCursor(keys[in.Limit-1])
	}
	if items != nil {
		res.Items = items
	}
	return res, nil
}

// tierKeys finds a page of keys under relevance: tier by tier, best first, each tier's
// part of the page after the cursor (see tiers), stopping once the page is full, so a
// common word never costs the lower tiers. It returns the keys as SQL for the page query.
func (s *Service) tierKeys(ctx context.Context, filters []string, args pgx.NamedArgs, exact, dense bool, c *cursor, limit int) (string, error) {
	// Unprepared statements send their arguments as text, hence strings.
	var ids, dates, ranks []string
	for _, t := range tiers {
		if len(ids) >= limit {
			break
		}
		if t.exactOnly && !exact {
			continue
		}
		if c != nil && float64(t.rank) > c.K1 {
			continue // the pages before have shown this tier whole
		}
		cond := t.cond
		if dense && !t.lead {
			cond = inOrder(cond) // see Search: read newest first until enough match
		}
		ranked, rest := tierSQL(t.rank, cond, t.exclude, t.lead, filters, c)
		full := false // the tier has more entries than candidates: its rest follows the ranked ones
		read := func(sql string, extra pgx.NamedArgs) error {
			a := withArg(args, "limit", limit-len(ids))
			maps.Copy(a, extra)
			rows, err := s.reads.Query(ctx, sql, customPlan, a)
			if err != nil {
				return dberr.Fail(fmt.Errorf("archive.Search: tier %d: %w", t.rank, err))
			}
			defer rows.Close()
			for rows.Next() {
				var id uuid.UUID
				var on time.Time
				var k1 float64
				var n int
				if err := rows.Scan(&id, &on, &k1, &n); err != nil {
					return dberr.Fail(err)
				}
				full = n == tierCandidates
				if id == uuid.Nil {
					continue // only the count of candidates
				}
				ids = append(ids, id.String())
				dates = append(dates, on.Format(time.DateOnly))
				ranks = append(ranks, strconv.FormatFloat(k1, 'g', -1, 64))
			}
			return dberr.Fail(rows.Err())
		}
		if err := read(ranked, nil); err != nil {
			return "", err
		}
		if rest != "" && full && len(ids) < limit {
			if err := read(rest, nil); err != nil {
				return "", err
			}
		}
	}
	args["page_ids"], args["page_dates"], args["page_ranks"] = ids, dates, ranks
	return `SELECT * FROM unnest(@page_ids::uuid[], @page_dates::date[], @page_ranks::float8[]) AS k(id, published_on, k1)`, nil
}

// tierSQL selects one tier's part of a page after the cursor. A body tier is one query,
// newest first. A lead tier is two: its newest tierCandidates entries ranked by density,
// and the rest, newest first, from the oldest candidate on; the rest is read only when the
// ranked part cannot fill the page. Each row carries how many candidates the tier had (n),
// and the ranked query answers a row of nil id when none of them is left after the cursor.
func tierSQL(rank int, tierCond, exclude string, lead bool, filters []string, c *cursor) (ranked, rest string) {
	cond := append(append([]string{}, filters...), tierCond)
	if exclude != "" {
		cond = append(cond, "NOT ("+exclude+")")
	}
	where := strings.Join(cond, " AND ")
	// Where the cursor stands among the newest-first entries of this tier.
	after := ""
	if c != nil && c.K1 == float64(rank) {
		after = " AND (e.published_on, e.id) < (@c2::date, @c3::uuid)"
	}
	if !lead {
		return fmt.Sprintf(`SELECT e.id, e.published_on, %d::float8 AS k1, 0 AS n FROM archive_entries e WHERE %s%s
			ORDER BY e.published_on DESC, e.id DESC LIMIT @limit`, rank, where, after), ""
	}
	cursorCond := ""
	if c != nil {
		cursorCond = "WHERE (k1, published_on, id) < (@c1::float8, @c2::date, @c3::uuid)"
	}
	candidates := `SELECT e.id, e.published_on, e.search_lead FROM archive_entries e WHERE ` + where + `
		ORDER BY e.published_on DESC, e.id DESC LIMIT @candidates`
	ranked = fmt.Sprintf(`WITH cand AS MATERIALIZED (%[2]s), n AS (SELECT count(*)::int AS n FROM cand)
		SELECT coalesce(r.id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(r.published_on, '2000-01-01'::date),
		       coalesce(r.k1, 0), n.n
		FROM n LEFT JOIN (
			SELECT * FROM (
				SELECT id, published_on, (%[1]d + 0.5 + ts_rank_cd(@weights::float4[], search_lead, @match::tsquery, 32) / 2)::float8 AS k1
				FROM cand) x %[3]s
			ORDER BY k1 DESC, published_on DESC, id DESC LIMIT @limit) r ON true`,
		rank, candidates, cursorCond)
	rest = fmt.Sprintf(`WITH edge AS (SELECT published_on, id FROM (%[2]s) cand ORDER BY published_on, id LIMIT 1)
		SELECT e.id, e.published_on, %[1]d::float8 AS k1, @candidates::int AS n FROM archive_entries e
		WHERE %[3]s%[4]s AND e.published_on <= (SELECT published_on FROM edge)
		  AND (e.published_on, e.id) < (SELECT published_on, id FROM edge)
		ORDER BY e.published_on DESC, e.id DESC LIMIT @limit`,
		rank, candidates, where, after)
	return ranked, rest
}

// counting says how results are counted: up to exact matches exactly; above, from a random
// sample of about target of them. probe, when set, fixes how many of the 1,000 sample buckets
// the first look reads (a variable for the tests).
var counting = struct{ exact, target, probe int }{exact: 1500, target: 1000}

// count returns the facets and total of the matching entries: exact up to counting.exact
// matches, otherwise estimated from the entries in a random share of the sample buckets,
// which the search index's second column finds without reading the other matches. The first
// look reads as many buckets as would hold the target if everything matched; a large result
// is counted from it at once, a middling one from a larger share, a small one exactly.
func (s *Service) count(ctx context.Context, matching string, args pgx.NamedArgs) (facets map[string][]FacetValue, total int, approximate, dense bool, err error) {
	var size int
	if err := s.reads.QueryRow(ctx, `SELECT coalesce(sum(n), 0)::int FROM archive_facet_totals WHERE facet = 'year'`).Scan(&size); err != nil {
		return nil, 0, false, false, dberr.Fail(err)
	}
	defer func() { dense = total > size/denseShare }()
	probe := counting.probe
	if probe == 0 {
		probe = min(1000, max(1, counting.target*1000/max(size, 1)))
	}
	sampled := func(buckets int) (map[string][]FacetValue, int, int, error) {
		return s.facets(ctx, matching+` AND e.sample < @buckets::smallint`, withArg(args, "buckets", buckets), 1000/float64(buckets))
	}
	facets, total, seen, err := sampled(probe)
	switch {
	case err != nil:
		return nil, 0, false, false, err
	case probe == 1000:
		return facets, total, false, false, nil // the look read everything
	case total <= counting.exact:
		facets, total, _, err = s.facets(ctx, matching, args, 1)
		return facets, total, false, false, err
	case seen >= counting.target/4:
		return facets, total, true, false, nil
	}
	// A larger share, but at most eight times the first: the entries the words match before
	// the filters are what the look reads, and there may be many more of them.
	facets, total, _, err = sampled(min(1000, probe*8, probe*counting.target/max(seen, 1)))
	return facets, total, true, false, err
}

// inOrder turns "e.search @@ Q" into archive_match(e.search, Q), the same test that the
// planner cannot serve from the index.
func inOrder(match string) string {
	return "archive_match(e.search, " + strings.TrimPrefix(match, "e.search @@ ") + ")"
}

// denseShare: words matching more than one entry in denseShare are read in page order.
const denseShare = 50

func withArg(args pgx.NamedArgs, name string, value any) pgx.NamedArgs {
	out := maps.Clone(args)
	out[name] = value
	return out
}

var facetLabels = map[string]map[string]string{
	"period":     {"H1": "상반기", "H2": "하반기", "Q1": "1분기", "Q2": "2분기", "Q3": "3분기", "Q4": "4분기", "annual": "연간", "custom": "기타"},
	"teamKind":   {"innovation_team": "혁신팀", "mz_discovery_group": "MZ혁신발굴단", "policy_club": "정책동아리", "department": "부서", "individual": "개인"},
	"stage":      {"idea": "아이디어", "pilot": "시범", "implemented": "시행", "spread": "확산"},
	"hasMetrics": {"true": "성과지표 있음", "false": "성과지표 없음"},
}

// facetNames are the filters whose values are counted, in the order the API lists them.
var facetNames = []string{"year", "period", "agency", "region", "category", "awardTier", "teamKind", "stage", "evidenceLevel", "hasMetrics"}

// facets counts the matching entries by each filter's values in one query, reading only
// the short columns the counts need, and multiplies the counts by scale (for a sample). It
// returns the (scaled) total and how many entries it read.
func (s *Service) facets(ctx context.Context, matching string, args pgx.NamedArgs, scale float64) (map[string][]FacetValue, int, int, error) {
	sql := `WITH f AS MATERIALIZED (
			SELECT e.year, e.period, e.agency_id, e.agency_name, a.region, e.category, e.award_tier, e.team_kind,
			       e.stage, e.evidence_level, e.has_metrics ` + strings.Replace(matching, "FROM archive_entries e", "FROM archive_entries e JOIN agencies a ON a.id = e.agency_id", 1) + `)
		SELECT 'year', year::text, year::text, count(*) FROM f GROUP BY year
		UNION ALL SELECT 'period', period, period, count(*) FROM f GROUP BY period
		UNION ALL SELECT 'agency', agency_id::text, agency_name, count(*) FROM f GROUP BY agency_id, agency_name
		UNION ALL SELECT 'region', region, region, count(*) FROM f GROUP BY region
		UNION ALL SELECT 'category', category, category, count(*) FROM f WHERE category <> '' GROUP BY category
		UNION ALL SELECT 'awardTier', award_tier, award_tier, count(*) FROM f WHERE award_tier <> '' GROUP BY award_tier
		UNION ALL SELECT 'teamKind', team_kind, team_kind, count(*) FROM f WHERE team_kind <> '' GROUP BY team_kind
		UNION ALL SELECT 'stage', stage, stage, count(*) FROM f WHERE stage <> '' GROUP BY stage
		UNION ALL SELECT 'evidenceLevel', evidence_level::text, evidence_level::text, count(*) FROM f WHERE evidence_level IS NOT NULL GROUP BY evidence_level
		UNION ALL SELECT 'hasMetrics', has_metrics::text, has_metrics::text, count(*) FROM f GROUP BY has_metrics
		ORDER BY 1, 4 DESC, 2`
	rows, err := s.reads.Query(ctx, sql, customPlan, args)
	if err != nil {
		return nil, 0, 0, dberr.Fail(err)
	}
	return collectFacets(rows, scale)
}

// archiveFacets are the counts of the whole archive, kept by triggers (migration 011)
// because counting every row on each visit of the archive's front page does not scale.
func (s *Service) archiveFacets(ctx context.Context) (map[string][]FacetValue, int, error) {
	rows, err := s.reads.Query(ctx, `SELECT facet, value, label, n FROM archive_facet_totals WHERE n > 0 ORDER BY facet, n DESC, value`)
	if err != nil {
		return nil, 0, dberr.Fail(err)
	}
	facets, total, _, err := collectFacets(rows, 1)
	return facets, total, err
}

// collectFacets reads facet counts, scaled for a sample: an estimate keeps two significant
// figures, as it has no more.
func collectFacets(rows pgx.Rows, scale float64) (map[string][]FacetValue, int, int, error) {
	defer rows.Close()
	out := map[string][]FacetValue{}
	for _, k := range facetNames {
		out[k] = []FacetValue{}
	}
	total, seen := 0, 0
	for rows.Next() {
		var facet, value, label string
		var n int
		if err := rows.Scan(&facet, &value, &label, &n); err != nil {
			return nil, 0, 0, dberr.Fail(err)
		}
		if l, ok := facetLabels[facet][value]; ok {
			label = l
		}
		if facet == "year" {
			seen += n
			total += int(float64(n) * scale)
		}
		if scale != 1 {
			n = roughly(float64(n) * scale)
		}
		out[facet] = append(out[facet], FacetValue{Value: value, Label: label, Count: n})
	}
	if scale != 1 {
		total = roughly(float64(total))
	}
	return out, total, seen, dberr.Fail(rows.Err())
}

// roughly rounds an estimate to two significant figures (12,345 → 12,000).
func roughly(x float64) int {
	if x < 100 {
		return int(math.Round(x))
	}
	p := math.Pow(10, math.Floor(math.Log10(x))-1)
	return int(math.Round(x/p) * p)
}

// The archive's cursor carries its own key (the sort and the position in it) in the
// shared cursor convention.
const cursorList = "archive"

func encodeCursor(c cursor) string { return paging.Encode(cursorList, c) }

func decodeCursor(s, sort string) (cursor, error) {
	var c cursor
	if err := paging.Decode(s, cursorList, &c); err != nil {
		return cursor{}, err
	}
	if c.Sort != sort {
		return cursor{}, paging.Invalid()
	}
	if _, err := uuid.Parse(c.ID); err != nil {
		return cursor{}, paging.Invalid()
	}
	if _, err := time.Parse(time.DateOnly, c.K2); err != nil {
		return cursor{}, paging.Invalid()
	}
	return c, nil
}

// highlightTerms turns the searched words (glued and stemmed as the query was) into
// patterns that find them in text whatever the spacing: a single space may stand between
// any two characters, as the index chains words across spaces.
func highlightTerms(words []string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, w := range words {
		var parts []string
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				parts = append(parts, regexp.QuoteMeta(string(r)))
			}
		}
		if len(parts) > 0 {
			out = append(out, regexp.MustCompile("(?i)"+strings.Join(parts, " ?")))
		}
	}
	return out
}

// highlights finds every match of the terms in text, as character offsets.
func highlights(text string, terms []*regexp.Regexp) []Highlight {
	out := []Highlight{}
	for _, re := range terms {
		for _, m := range re.FindAllStringIndex(text, -1) {
			start := utf8.RuneCountInString(text[:m[0]])
			out = append(out, Highlight{Start: start, Length: utf8.RuneCountInString(text[m[0]:m[1]])})
		}
	}
	return out
}

// snippet cuts about 120 characters around the first match in the first field that has one.
func snippet(terms []*regexp.Regexp, fields [][2]string) *Snippet {
	for _, f := range fields {
		text := f[1]
		first := -1
		for _, re := range terms {
			if m := re.FindStringIndex(text); m != nil && (first < 0 || m[0] < first) {
				first = m[0]
			}
		}
		if first < 0 {
			continue
		}
		runes := []rune(text)
		at := utf8.RuneCountInString(text[:first])
		from := max(0, at-40)
		to := min(len(runes), from+120)
		cut := string(runes[from:to])
		prefix, suffix := "", ""
		if from > 0 {
			prefix = "…"
		}
		if to < len(runes) {
			suffix = "…"
		}
		sn := &Snippet{Field: f[0], Text: prefix + cut + suffix}
		for _, h := range highlights(cut, terms) {
			h.Start += utf8.RuneCountInString(prefix)
			sn.Highlights = append(sn.Highlights, h)
		}
		return sn
	}
	return nil
}
