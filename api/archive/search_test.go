package archive_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/archive"
	"eutteum/api/testdb"
)

type relevanceSet struct {
	Documents []relevanceDocument `json:"documents"`
	Queries   []struct {
		Q        string   `json:"q"`
		Top      []string `json:"top"`
		Includes []string `json:"includes"`
		Last     string   `json:"last"`
		None     bool     `json:"none"`
	} `json:"queries"`
}

type relevanceDocument struct {
	ID       string   `json:"id"`
	Agency   string   `json:"agency"`
	Title    string   `json:"title"`
	Summary  string   `json:"summary"`
	Body     string   `json:"body"`
	Category string   `json:"category"`
	Tags     []string `json:"tags"`
	Year     int      `json:"year"`
}

// readSet reads a relevance set from testdata into v.
func readSet(t *testing.T, name string, v any) {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatal(err)
	}
}

// searchIDs runs a search and returns the document ids of the results, in order.
func searchIDs(t *testing.T, svc *archive.Service, ids map[uuid.UUID]string, q archive.Query) ([]string, archive.Result) {
	t.Helper()
	res, err := svc.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	var got []string
	for _, it := range res.Items {
		got = append(got, ids[it.ID])
	}
	return got, res
}

// loadRelevanceSet puts the documents of testdata/relevance.json in a fresh archive and
// returns the service and a map from entry id to document id.
func loadRelevanceSet(t *testing.T) (*archive.Service, map[uuid.UUID]string, relevanceSet) {
	t.Helper()
	var set relevanceSet
	readSet(t, "relevance.json", &set)
	svc, ids := loadDocuments(t, set.Documents)
	return svc, ids, set
}

// loadDocuments imports documents into a fresh archive through the import path, each
// published on its own day (so newest-first order is the documents' order reversed), and
// returns the service and a map from entry id to document id.
func loadDocuments(t *testing.T, docs []relevanceDocument) (*archive.Service, map[uuid.UUID]string) {
	t.Helper()
	pool := testdb.New(t)
	ctx := context.Background()
	var jsonl bytes.Buffer
	for i, d := range docs {
		row := archive.ImportRow{
			ExternalID: d.ID, Title: d.Title, Summary: d.Summary, Problem: d.Body, Agency: d.Agency, Year: d.Year,
			Period: "H1", Category: d.Category, Tags: d.Tags,
			PublishedOn: time.Date(d.Year, 7, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly),
		}
		line, err := json.Marshal(row)
		if err != nil {
			t.Fatal(err)
		}
		jsonl.Write(append(line, '\n'))
	}
	svc := archive.NewService(pool)
	report, err := svc.Import(ctx, account.Operator(), account.NewService(pool, nil, account.Config{}), &jsonl,
		archive.ImportOptions{Format: "jsonl", CreateAgencies: true})
	if err != nil {
		t.Fatal(err)
	}
	if report.Imported != len(docs) {
		t.Fatalf("imported %d of %d documents: %+v", report.Imported, len(docs), report.Rejected)
	}
	ids := map[uuid.UUID]string{}
	rows, err := pool.Query(ctx, "SELECT id, external_id FROM archive_entries")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id uuid.UUID
		var ext string
		if err := rows.Scan(&id, &ext); err != nil {
			t.Fatal(err)
		}
		ids[id] = ext
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return svc, ids
}

// TestKoreanRelevance runs the relevance set in testdata/relevance.json: particles,
// spacing variants, two-syllable words, numbers and Latin, and ranking order.
func TestKoreanRelevance(t *testing.T) {
	svc, ids, set := loadRelevanceSet(t)
	for _, tc := range set.Queries {
		got, res := searchIDs(t, svc, ids, archive.Query{Text: tc.Q, Limit: 50})
		if tc.None {
			if len(got) != 0 {
				t.Errorf("%q: want no results, got %v", tc.Q, got)
			}
			continue
		}
		if len(got) < len(tc.Top) {
			t.Errorf("%q: got %v, want at least %v first", tc.Q, got, tc.Top)
			continue
		}
		for _, want := range tc.Top {
			if !slices.Contains(got[:len(tc.Top)], want) {
				t.Errorf("%q: top %d are %v, want %v among them", tc.Q, len(tc.Top), got[:len(tc.Top)], tc.Top)
			}
		}
		for _, want := range tc.Includes {
			if !slices.Contains(got, want) {
				t.Errorf("%q: %v missing from %v", tc.Q, want, got)
			}
		}
		if tc.Last != "" && got[len(got)-1] != tc.Last {
			t.Errorf("%q: last is %v, want %v (%v)", tc.Q, got[len(got)-1], tc.Last, got)
		}
		if res.Total != len(got) {
			t.Errorf("%q: total %d, items %d", tc.Q, res.Total, len(got))
		}
	}
}

func TestSearchHighlightsFacetsAndPages(t *testing.T) {
	svc, ids, _ := loadRelevanceSet(t)
	ctx := context.Background()

	res, err := svc.Search(ctx, archive.Query{Text: "이음 콜"})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range res.Items {
		if ids[it.ID] == "ieumcall" {
			if len(it.TitleHighlights) != 1 || string([]rune(it.Title)[it.TitleHighlights[0].Start:it.TitleHighlights[0].Start+it.TitleHighlights[0].Length]) != "이음콜" {
				t.Fatalf("title highlight %+v in %q", it.TitleHighlights, it.Title)
			}
		}
		if ids[it.ID] == "ieumcall-spaced" && (it.Snippet == nil || it.Snippet.Field != "summary" || len(it.Snippet.Highlights) == 0) {
			t.Fatalf("snippet: %+v", it.Snippet)
		}
	}

	safety, err := svc.Search(ctx, archive.Query{Category: "안전", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if safety.Total != 5 || len(safety.Items) != 2 || safety.NextCursor == "" {
		t.Fatalf("first page: total %d, %d items, cursor %q", safety.Total, len(safety.Items), safety.NextCursor)
	}
	seen := map[uuid.UUID]bool{}
	pages := 0
	for q := (archive.Query{Category: "안전", Limit: 2}); ; pages++ {
		r, err := svc.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range r.Items {
			if seen[it.ID] {
				t.Fatalf("%s on two pages", ids[it.ID])
			}
			seen[it.ID] = true
		}
		if r.NextCursor == "" {
			break
		}
		q.Cursor = r.NextCursor
	}
	if len(seen) != 5 || pages != 2 {
		t.Fatalf("paged through %d results in %d pages", len(seen), pages+1)
	}
	years := map[string]int{}
	for _, f := range safety.Facets["year"] {
		years[f.Value] = f.Count
	}
	if years["2023"] != 2 || years["2024"] != 3 || len(safety.Facets["category"]) != 1 {
		t.Fatalf("facets: %+v", safety.Facets)
	}
	withQuery, _ := svc.Search(ctx, archive.Query{Text: "드론"})
	if _, err := svc.Search(ctx, archive.Query{Text: "드론", Cursor: safety.NextCursor}); err == nil {
		t.Fatal("a cursor of another sort must be refused")
	}
	if withQuery.Total != 2 {
		t.Fatalf("드론: %d", withQuery.Total)
	}
}

func TestSearchSurvivesHostileQueries(t *testing.T) {
	svc, _, _ := loadRelevanceSet(t)
	for _, q := range []string{"&|!():*'\\", "' OR 1=1 --", "<->", "!!!", "복지 & 감사", "a:*", strings.Repeat("가", 200)} {
		if _, err := svc.Search(context.Background(), archive.Query{Text: q}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
	if _, err := svc.Search(context.Background(), archive.Query{Text: strings.Repeat("가", 201)}); err == nil {
		t.Error("an over-long query must be refused")
	}
	if _, err := svc.Search(context.Background(), archive.Query{Cursor: "not-a-cursor"}); err == nil {
		t.Error("a malformed cursor must be refused")
	}
}

func TestSimilarCases(t *testing.T) {
	svc, ids, _ := loadRelevanceSet(t)
	res, _ := svc.Search(context.Background(), archive.Query{Text: "이음콜 출동정보"})
	var ieum uuid.UUID
	for id, name := range ids {
		if name == "ieumcall" {
			ieum = id
		}
	}
	if len(res.Items) == 0 {
		t.Fatal("no ieumcall")
	}
	similar, err := svc.SimilarTo(context.Background(), ieum)
	if err != nil {
		t.Fatal(err)
	}
	if len(similar) == 0 || ids[similar[0].ID] != "ieumcall-spaced" {
		t.Fatalf("similar to 이음콜: %+v", similar)
	}
	if !slices.ContainsFunc(similar[0].Reasons, func(r string) bool { return strings.Contains(r, "같은 분야: 안전") }) {
		t.Fatalf("reasons: %v", similar[0].Reasons)
	}
	draft, err := svc.SimilarToDraft(context.Background(), archive.Draft{Title: "드론으로 위반 건축물 찾기", Category: "안전"})
	if err != nil {
		t.Fatal(err)
	}
	if len(draft) == 0 || ids[draft[0].ID] != "illegal-building-spaced" {
		t.Fatalf("similar to the draft: %+v", draft)
	}
}

func TestSubjectParticle(t *testing.T) {
	for word, want := range map[string]string{"부천시": "가", "해운대구": "가", "인천광역시 소방본부": "가", "창원": "이", "경기도청": "이", "LH": "이(가)"} {
		if got := archive.SubjectParticleForTest(word); got != want {
			t.Errorf("%s: %s, want %s", word, got, want)
		}
	}
}

// TestRelevanceMetrics runs testdata/relevance-ko.json: 168 cases written for it, with
// distractors that share syllables but not meaning (감사 as thanks, 가구 as furniture, 축구
// 경기 도중 against 경기도), and 83 queries of every kind users type: particles and endings
// the cases do not carry, words that merely end like particles, spacing variants,
// two-syllable words, numbers and Latin, several words, and queries that must find nothing.
// Relevance was judged by meaning. Mean recall@10 must stay ≥ 0.95 and MRR ≥ 0.85, every
// title-first query must put the cases about the term first, and no-match queries must
// find nothing.
func TestRelevanceMetrics(t *testing.T) {
	var set struct {
		Documents []relevanceDocument `json:"documents"`
		Queries   []struct {
			Q          string   `json:"q"`
			Kind       string   `json:"kind"`
			Relevant   []string `json:"relevant"`
			TitleFirst []string `json:"titleFirst"`
			None       bool     `json:"none"`
		} `json:"queries"`
	}
	readSet(t, "relevance-ko.json", &set)
	svc, ids := loadDocuments(t, set.Documents)
	var recall, mrr float64
	ranked := 0
	for _, tc := range set.Queries {
		got, _ := searchIDs(t, svc, ids, archive.Query{Text: tc.Q, Limit: 50})
		if tc.None {
			if len(got) != 0 {
				t.Errorf("%q: want nothing, got %v", tc.Q, got)
			}
			continue
		}
		ranked++
		top := got[:min(10, len(got))]
		found := 0
		for _, want := range tc.Relevant {
			if slices.Contains(top, want) {
				found++
			}
		}
		r := float64(found) / float64(min(10, len(tc.Relevant)))
		first := slices.IndexFunc(got, func(id string) bool { return slices.Contains(tc.Relevant, id) })
		rr := 0.0
		if first >= 0 {
			rr = 1 / float64(first+1)
		}
		recall += r
		mrr += rr
		if r < 1 || rr < 1 {
			t.Logf("%s %q: recall@10 %.2f, reciprocal rank %.2f: got %v, want %v", tc.Kind, tc.Q, r, rr, top, tc.Relevant)
		}
		if n := len(tc.TitleFirst); n > 0 {
			if len(got) < n {
				t.Errorf("%q: got %v, want %v first", tc.Q, got, tc.TitleFirst)
			} else {
				for _, want := range tc.TitleFirst {
					if !slices.Contains(got[:n], want) {
						t.Errorf("%q: the first %d are %v, want the cases about it, %v", tc.Q, n, got[:n], tc.TitleFirst)
						break
					}
				}
			}
		}
	}
	recall /= float64(ranked)
	mrr /= float64(ranked)
	t.Logf("%d queries: mean recall@10 %.3f, MRR %.3f", ranked, recall, mrr)
	if recall < 0.95 {
		t.Errorf("mean recall@10 %.3f < 0.95", recall)
	}
	if mrr < 0.85 {
		t.Errorf("MRR %.3f < 0.85", mrr)
	}
}

// TestArchiveFacetTotals: the whole archive's counts, kept by triggers for the list with no
// query and no filter, are the counts a filter matching everything computes, after imports
// and after an import changes an entry.
func TestArchiveFacetTotals(t *testing.T) {
	svc, _, set := loadRelevanceSet(t)
	ctx := context.Background()
	same := func(when string) {
		t.Helper()
		kept, err := svc.Search(ctx, archive.Query{})
		if err != nil {
			t.Fatal(err)
		}
		counted, err := svc.Search(ctx, archive.Query{Period: "H1"}) // every document is H1
		if err != nil {
			t.Fatal(err)
		}
		if kept.Total != len(set.Documents) || kept.Total != counted.Total {
			t.Fatalf("%s: totals %d and %d for %d documents", when, kept.Total, counted.Total, len(set.Documents))
		}
		for name, values := range counted.Facets {
			if !slices.Equal(values, kept.Facets[name]) {
				t.Errorf("%s: facet %s kept as %v, counted %v", when, name, kept.Facets[name], values)
			}
		}
	}
	same("after the import")

	d := set.Documents[0]
	row, _ := json.Marshal(archive.ImportRow{ExternalID: d.ID, Title: d.Title, Summary: d.Summary, Problem: d.Body,
		Agency: d.Agency, Year: d.Year + 1, Period: "H1", Category: "환경", Tags: d.Tags, PublishedOn: "2025-01-01"})
	report, err := svc.Import(ctx, account.Operator(), nil, bytes.NewReader(row), archive.ImportOptions{Format: "jsonl"})
	if err != nil || report.Updated != 1 {
		t.Fatalf("update: %+v, %v", report, err)
	}
	same("after an update")
}

// TestRelevancePagesThroughTiers: paging a relevance search two at a time gives exactly the
// order of one long page, through the ranked part of each tier, the newest-first rest of it
// beyond tierCandidates, and every lower tier, with each match once.
func TestRelevancePagesThroughTiers(t *testing.T) {
	var set relevanceSet
	readSet(t, "relevance-ko.json", &set)
	svc, ids := loadDocuments(t, set.Documents)
	defer archive.SetTierCandidatesForTest(3)()
	for _, q := range []string{"민원", "어르신", "청년들은", "안전"} {
		want, whole := searchIDs(t, svc, ids, archive.Query{Text: q, Limit: 50})
		if len(want) < 4 || len(want) != whole.Total {
			t.Fatalf("%q: %d items of %d: not enough to page through", q, len(want), whole.Total)
		}
		var paged []string
		for page := (archive.Query{Text: q, Limit: 2}); ; {
			got, r := searchIDs(t, svc, ids, page)
			paged = append(paged, got...)
			if r.NextCursor == "" {
				break
			}
			page.Cursor = r.NextCursor
		}
		if !slices.Equal(paged, want) {
			t.Errorf("%q: paged %v, one page %v", q, paged, want)
		}
	}
}

// TestLargeResultsAreCountedFromASample: above the exact limit, the total and the facets
// are estimates from the sampled matches, said to be so; the items stay exact.
func TestLargeResultsAreCountedFromASample(t *testing.T) {
	var set relevanceSet
	readSet(t, "relevance-ko.json", &set)
	svc, _ := loadDocuments(t, set.Documents)
	ctx := context.Background()
	exact, err := svc.Search(ctx, archive.Query{Period: "H1", Limit: 50}) // every document
	if err != nil {
		t.Fatal(err)
	}
	if exact.Approximate || exact.Total != len(set.Documents) {
		t.Fatalf("exact count: %d, approximate %v", exact.Total, exact.Approximate)
	}
	// Estimate anything above 20 matches from about a third of them.
	defer archive.SetCountingForTest(20, len(set.Documents)/3, 500)()
	est, err := svc.Search(ctx, archive.Query{Period: "H1", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if !est.Approximate {
		t.Fatal("a result above the exact limit must be estimated")
	}
	// A binomial third of 168 is 56 ± 6; scaled back, the estimate is far inside these bounds.
	if n := len(set.Documents); est.Total < n/2 || est.Total > n*3/2 {
		t.Errorf("estimated %d for %d", est.Total, n)
	}
	if len(est.Items) != 50 || !slices.EqualFunc(est.Items, exact.Items, func(a, b archive.Summary) bool { return a.ID == b.ID }) {
		t.Error("the items must not depend on how they are counted")
	}
	sum := 0
	for _, f := range est.Facets["year"] {
		sum += f.Count
	}
	if sum < est.Total*8/10 || sum > est.Total*12/10 {
		t.Errorf("year counts add to %d, total %d", sum, est.Total)
	}
	if few, _ := svc.Search(ctx, archive.Query{Text: "이음콜"}); few.Approximate {
		t.Error("a small result must be counted exactly")
	}
}
