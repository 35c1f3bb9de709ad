package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A benchQuery is one search as a user of another agency would type it.
type benchQuery struct {
	kind   string
	q      string // the text, "" for none
	params string // filters and sort, as a query string; {agency} is the busiest agency's id (the first of the agency facet)
}

// Kinds, in the order the tables list them.
const (
	kParticle  = "particle"
	kSpacing   = "spacing"
	kTwo       = "two-syllable"
	kNumLatin  = "number/Latin"
	kMultiword = "multiword"
	kFilterQ   = "filters + text"
	kFilters   = "filters only"
	kEmpty     = "empty query"
)

var kinds = []string{kParticle, kSpacing, kTwo, kNumLatin, kMultiword, kFilterQ, kFilters, kEmpty}

// queries is the fixed set every run measures, in this order. Change it only together with
// the recorded figures in docs/performance.md: runs are comparable only on the same set.
var queries = []benchQuery{
	{kParticle, "소상공인에게", ""},
	{kParticle, "악성 민원을", ""},
	{kParticle, "청소년들은", ""},
	{kParticle, "주민의", ""},
	{kParticle, "드론으로", ""},
	{kParticle, "어르신께", ""},
	{kParticle, "위기가구를", "sort=newest"},
	{kParticle, "청년들에게", "sort=newest"},

	{kSpacing, "1인가구", ""},
	{kSpacing, "1인 가구", ""},
	{kSpacing, "AI챗봇", ""},
	{kSpacing, "AI 챗봇", ""},
	{kSpacing, "QR코드", ""},
	{kSpacing, "QR 코드", "sort=newest"},
	{kSpacing, "위반 건축물", ""},
	{kSpacing, "위반건축물", "sort=newest"},
	{kSpacing, "주민 참여 예산", ""},
	{kSpacing, "주민참여예산", ""},
	{kSpacing, "원 스톱", ""},

	{kTwo, "복지", ""},
	{kTwo, "민원", ""},
	{kTwo, "감사", ""},
	{kTwo, "드론", ""},
	{kTwo, "예산", ""},
	{kTwo, "청년", ""},
	{kTwo, "혁신", "sort=newest"},
	{kTwo, "민원", "sort=newest"},

	{kNumLatin, "119", ""},
	{kNumLatin, "112", ""},
	{kNumLatin, "CCTV", ""},
	{kNumLatin, "QR", ""},
	{kNumLatin, "AI", ""},
	{kNumLatin, "MZ", ""},
	{kNumLatin, "2분", ""},
	{kNumLatin, "119", "sort=newest"},

	{kMultiword, "악성 민원 대응", ""},
	{kMultiword, "어르신 스마트폰 교실", ""},
	{kMultiword, "복지 사각지대 위기가구 발굴", ""},
	{kMultiword, "전통시장 공동배송", ""},
	{kMultiword, "청년 창업 공간", ""},
	{kMultiword, "CCTV 비상벨 가로등", ""},
	{kMultiword, "AI 챗봇 민원 상담", "sort=newest"},
	{kMultiword, "드론 산불 감시", ""},

	{kFilterQ, "복지", "category=복지"},
	{kFilterQ, "민원", "year=2024"},
	{kFilterQ, "CCTV", "region=서울"},
	{kFilterQ, "청년", "awardTier=대상"},
	{kFilterQ, "드론", "category=안전&sort=newest"},
	{kFilterQ, "1인 가구", "region=부산"},
	{kFilterQ, "주민 참여 예산", "year=2025&period=H1"},
	{kFilterQ, "민원", "hasMetrics=false&sort=newest"},

	{kFilters, "", "category=복지"},
	{kFilters, "", "year=2025"},
	{kFilters, "", "region=서울&sort=newest"},
	{kFilters, "", "awardTier=대상&year=2024"},
	{kFilters, "", "agencyId={agency}"},
	{kFilters, "", "hasMetrics=false"},
	{kFilters, "", "category=안전&period=H2&sort=most_adopted"},

	{kEmpty, "", ""},
	{kEmpty, "", "sort=newest"},
	{kEmpty, "", "sort=most_adopted"},
}

// agencyName is the busiest agency's, for the labels.
var agencyName = "busiest agency"

func (q benchQuery) label() string {
	var parts []string
	if q.q != "" {
		parts = append(parts, "`"+q.q+"`")
	}
	if q.params != "" {
		p := strings.ReplaceAll(q.params, "{agency}", "("+agencyName+")")
		parts = append(parts, strings.ReplaceAll(p, "&", " "))
	}
	if len(parts) == 0 {
		return "(none)"
	}
	return strings.Join(parts, " · ")
}

// path is the request's path and query.
func (q benchQuery) path(agencyID string) string {
	v, _ := url.ParseQuery(strings.ReplaceAll(q.params, "{agency}", agencyID))
	if q.q != "" {
		v.Set("q", q.q)
	}
	if len(v) == 0 {
		return "/api/v1/archive/cases"
	}
	return "/api/v1/archive/cases?" + v.Encode()
}

// searchBody is the part of the answer the benchmark checks.
type searchBody struct {
	Items []struct {
		TitleHighlights []json.RawMessage `json:"titleHighlights"`
		Snippet         *struct {
			Highlights []json.RawMessage `json:"highlights"`
		} `json:"snippet"`
	} `json:"items"`
	Total  *int                       `json:"total"`
	Facets map[string]json.RawMessage `json:"facets"`
}

type result struct {
	query int
	took  time.Duration
	fail  string // "" when the answer was a 200 with results and facets
}

type client struct {
	base string
	http *http.Client
	seq  atomic.Uint64
}

// forwardedFor names a client address for the server's per-address search limit. The
// server trusts X-Forwarded-For from 127.0.0.1 only when started with
// EUTTEUM_TRUSTED_PROXIES=127.0.0.1; the address is only a header value, all traffic goes
// to the loopback URL. The addresses cycle through 4,064 of 127.10.0.0/16: at 5 requests a
// second each (the limit's refill rate) that allows 20,000 requests a second, and it stays
// below the 50,000 buckets past which the server starts sweeping its limiter table, which
// would weigh on the figures.
func (c *client) forwardedFor() string {
	n := c.seq.Add(1)
	return fmt.Sprintf("127.10.%d.%d", (n/254)%16, 1+n%254)
}

func (c *client) do(path string) (time.Duration, []byte, int, error) {
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		return 0, nil, 0, err
	}
	req.Header.Set("X-Forwarded-For", c.forwardedFor())
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	res, err := c.http.Do(req)
	if err != nil {
		return time.Since(start), nil, 0, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	took := time.Since(start)
	return took, body, res.StatusCode, err
}

// check says what is wrong with an answer, or "".
func check(code int, body []byte, err error) (string, *searchBody) {
	if err != nil {
		return "no answer", nil
	}
	if code != http.StatusOK {
		return strconv.Itoa(code), nil
	}
	var b searchBody
	if json.Unmarshal(body, &b) != nil {
		return "bad JSON", nil
	}
	if b.Facets == nil {
		return "no facets", nil
	}
	if b.Total == nil || b.Items == nil {
		return "no results", nil
	}
	return "", &b
}

type queryInfo struct {
	total, items, highlighted int
	fail                      string
}

func runSearch(base string, levels []int, duration time.Duration, rounds, warmup int) error {
	maxC := slices.Max(levels)
	c := &client{base: base, http: &http.Client{
		Transport: &http.Transport{MaxIdleConns: maxC * 2, MaxIdleConnsPerHost: maxC * 2, IdleConnTimeout: time.Minute},
		Timeout:   60 * time.Second,
	}}

	// The busiest agency, for the agencyId filter: the first of the empty query's facet.
	_, body, code, err := c.do("/api/v1/archive/cases")
	if fail, _ := check(code, body, err); fail != "" {
		return fmt.Errorf("GET %s/api/v1/archive/cases: %s %v", base, fail, err)
	}
	var first struct {
		Facets struct {
			Agency []struct{ Value, Label string } `json:"agency"`
		} `json:"facets"`
	}
	_ = json.Unmarshal(body, &first)
	agencyID := "00000000-0000-0000-0000-000000000000"
	agencyName = "none"
	if len(first.Facets.Agency) > 0 {
		agencyID, agencyName = first.Facets.Agency[0].Value, first.Facets.Agency[0].Label
	}
	paths := make([]string, len(queries))
	for i, q := range queries {
		paths[i] = q.path(agencyID)
	}

	// Warm-up, not counted; its first pass also says what each query hits.
	info := make([]queryInfo, len(queries))
	fmt.Fprintf(os.Stderr, "warm-up: %d pass(es) over %d queries\n", warmup, len(queries))
	for pass := 0; pass < max(1, warmup); pass++ {
		for i, p := range paths {
			_, body, code, err := c.do(p)
			fail, b := check(code, body, err)
			if pass > 0 {
				continue
			}
			info[i].fail = fail
			if b != nil {
				info[i].total, info[i].items = *b.Total, len(b.Items)
				for _, it := range b.Items {
					if len(it.TitleHighlights) > 0 || it.Snippet != nil && len(it.Snippet.Highlights) > 0 {
						info[i].highlighted++
					}
				}
			}
		}
	}

	type level struct {
		clients int
		took    time.Duration
		results []result
	}
	var runs []level
	for _, n := range levels {
		what := duration.String()
		if rounds > 0 {
			what = fmt.Sprintf("%d rounds of the %d queries", rounds, len(queries))
		}
		fmt.Fprintf(os.Stderr, "measuring: %d client(s), %s\n", n, what)
		start := time.Now()
		res := measure(c, paths, n, duration, rounds)
		runs = append(runs, level{n, time.Since(start), res})
	}

	mode := fmt.Sprintf("at least %s per level in whole rounds over the set", duration)
	if rounds > 0 {
		mode = fmt.Sprintf("%d rounds of the set per level", rounds)
	}
	fmt.Printf("Search latency of the full API call (`GET /api/v1/archive/cases`: results, total, facets, highlights in one answer), "+
		"%d fixed queries, %s, after a warm-up of %d pass(es). Errors: not 200, or an answer without `facets`; latencies are of the answers without errors.\n\n", len(queries), mode, max(1, warmup))
	fmt.Println("| clients | kind | queries | requests | RPS | p50 ms | p95 ms | p99 ms | max ms | errors |")
	fmt.Println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range runs {
		byKind := map[string][]result{}
		for _, s := range r.results {
			k := queries[s.query].kind
			byKind[k] = append(byKind[k], s)
		}
		printStat(r.clients, "**all**", len(queries), r.results, r.took)
		for _, k := range kinds {
			printStat(r.clients, k, countKind(k), byKind[k], r.took)
		}
	}

	limited := 0
	for _, r := range runs {
		for _, s := range r.results {
			if s.fail == "429" {
				limited++
			}
		}
	}
	if limited > 0 {
		fmt.Fprintf(os.Stderr, "warning: %d requests were refused with 429: start the server with EUTTEUM_TRUSTED_PROXIES=127.0.0.1 so that X-Forwarded-For names each client\n", limited)
	}

	fmt.Printf("\nWhat each query finds (`total`; highlighted: results on the first page with a highlighted title or snippet); latency at %d client(s):\n\n", runs[0].clients)
	fmt.Printf("| # | kind | query | total | highlighted | p50 ms | p95 ms | errors |\n|---:|---|---|---:|---:|---:|---:|---:|\n")
	perQuery := make([][]result, len(queries))
	for _, s := range runs[0].results {
		perQuery[s.query] = append(perQuery[s.query], s)
	}
	for i, q := range queries {
		hl := "—"
		if q.q != "" {
			hl = fmt.Sprintf("%d/%d", info[i].highlighted, info[i].items)
		}
		total := strconv.Itoa(info[i].total)
		if info[i].fail != "" {
			total = "error: " + info[i].fail
		}
		lat := durations(perQuery[i])
		fails, _ := failures(perQuery[i])
		fmt.Printf("| %d | %s | %s | %s | %s | %s | %s | %s |\n", i+1, q.kind, q.label(), total, hl, ms(pct(lat, 0.50)), ms(pct(lat, 0.95)), fails)
	}
	return nil
}

func countKind(k string) int {
	n := 0
	for _, q := range queries {
		if q.kind == k {
			n++
		}
	}
	return n
}

// measure runs n clients that take the queries in turn from one shared sequence going
// round the set, so the level does whole rounds and every query weighs the same: the given
// rounds, or else as many as start before the duration has passed (the round under way
// then finishes, so a level may run up to one round longer).
func measure(c *client, paths []string, n int, duration time.Duration, rounds int) []result {
	var mu sync.Mutex
	var all []result
	var wg sync.WaitGroup
	end := time.Now().Add(duration)
	var seq struct {
		sync.Mutex
		k    int
		done bool
	}
	// take hands out the next query, or -1 once the level is over; the decision to stop is
	// made only at a round's start, under the lock, so no round is left half done.
	take := func() int {
		seq.Lock()
		defer seq.Unlock()
		if !seq.done && seq.k%len(paths) == 0 && seq.k > 0 &&
			(rounds > 0 && seq.k >= rounds*len(paths) || rounds == 0 && !time.Now().Before(end)) {
			seq.done = true
		}
		if seq.done {
			return -1
		}
		q := seq.k % len(paths)
		seq.k++
		return q
	}
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local []result
			for q := take(); q >= 0; q = take() {
				took, body, code, err := c.do(paths[q])
				fail, _ := check(code, body, err)
				local = append(local, result{query: q, took: took, fail: fail})
			}
			mu.Lock()
			all = append(all, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all
}

// durations are the sorted latencies of the answers that passed the check: a refused
// request (a 429 takes a fraction of a millisecond) would flatter the figures.
func durations(rs []result) []time.Duration {
	out := make([]time.Duration, 0, len(rs))
	for _, r := range rs {
		if r.fail == "" {
			out = append(out, r.took)
		}
	}
	slices.Sort(out)
	return out
}

// pct is the nearest-rank percentile of sorted durations; -1 when there are none.
func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return -1
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) string {
	if d < 0 {
		return "—"
	}
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
}

// failures counts the failed results and names them: "2 (429×1, no facets×1)".
func failures(rs []result) (string, int) {
	by := map[string]int{}
	n := 0
	for _, r := range rs {
		if r.fail != "" {
			by[r.fail]++
			n++
		}
	}
	if n == 0 {
		return "0", 0
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(by)) {
		parts = append(parts, fmt.Sprintf("%s×%d", k, by[k]))
	}
	return fmt.Sprintf("%d (%s)", n, strings.Join(parts, ", ")), n
}

func printStat(clients int, kind string, nq int, rs []result, took time.Duration) {
	lat := durations(rs)
	fails, _ := failures(rs)
	var maxD time.Duration = -1
	if len(lat) > 0 {
		maxD = lat[len(lat)-1]
	}
	fmt.Printf("| %d | %s | %d | %d | %.0f | %s | %s | %s | %s | %s |\n", clients, kind, nq, len(rs), float64(len(rs))/took.Seconds(),
		ms(pct(lat, 0.50)), ms(pct(lat, 0.95)), ms(pct(lat, 0.99)), ms(maxD), fails)
}
