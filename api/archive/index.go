package archive

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"

	"eutteum/api/store"
	"eutteum/api/textsearch"
)

// document is what the archive indexes of an entry, by weight: the title ranks first; the
// summary, tags, category and agency next; the case's sections and team last. Parts are
// joined by line breaks, which end a Hangul chain, so two tags never read as one word.
type document struct {
	Title, Summary                    string
	Tags                              []string
	Category, Agency                  string
	Problem, Solution, Outcomes, Team string
}

func (d document) fields() []textsearch.Field {
	return []textsearch.Field{
		{Text: d.Title, Weight: textsearch.Title},
		{Text: d.Summary + "\n" + strings.Join(d.Tags, "\n") + "\n" + d.Category + "\n" + d.Agency, Weight: textsearch.Lead},
		{Text: d.Problem + "\n" + d.Solution + "\n" + d.Outcomes + "\n" + d.Team, Weight: textsearch.Body},
	}
}

// vectors returns the whole document's vector, which finds it, and the vector of its title
// and lead alone, which ranks it (search.go).
func (d document) vectors() (all, lead pgtype.TSVector) {
	all = textsearch.Vector(d.fields()...)
	return all, textsearch.Only(all, textsearch.Title, textsearch.Lead)
}

// reindexBatch is how many entries one statement of Reindex rewrites.
const reindexBatch = 500

// Reindex builds the search vector of every entry indexed under other tokenizer rules
// than textsearch.Version (after an upgrade, all of them once), and returns how many. It
// runs after migrations; servers starting together may both run it, harmlessly.
func Reindex(ctx context.Context, q *store.Queries) (int, error) {
	done := 0
	for {
		rows, err := q.ArchiveEntriesToIndex(ctx, store.ArchiveEntriesToIndexParams{Version: textsearch.Version, MaxRows: reindexBatch})
		if err != nil {
			return done, fmt.Errorf("archive.Reindex: %w", err)
		}
		if len(rows) == 0 {
			return done, nil
		}
		type indexed struct {
			ID         string `json:"id"`
			Search     string `json:"search"`
			SearchLead string `json:"search_lead"`
		}
		batch := make([]indexed, len(rows))
		for i, r := range rows {
			all, lead := document{
				Title: r.Title, Summary: r.Summary, Tags: r.Tags, Category: r.Category, Agency: r.AgencyName,
				Problem: r.Problem, Solution: r.Solution, Outcomes: r.Outcomes, Team: r.TeamName,
			}.vectors()
			batch[i] = indexed{r.ID.String(), all.String(), lead.String()}
		}
		raw, err := json.Marshal(batch)
		if err != nil {
			return done, fmt.Errorf("archive.Reindex: %w", err)
		}
		if err := q.SetArchiveEntrySearch(ctx, store.SetArchiveEntrySearchParams{Version: textsearch.Version, Entries: raw}); err != nil {
			return done, fmt.Errorf("archive.Reindex: %w", err)
		}
		done += len(rows)
	}
}
