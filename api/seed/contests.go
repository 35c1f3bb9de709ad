package seed

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/app"
	"eutteum/api/archive"
	"eutteum/api/cases"
	"eutteum/api/round"
	"eutteum/api/team"
	"eutteum/db"
)

type demoTeam struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Description string   `json:"description"`
	Leader      string   `json:"leader"`
	Members     []string `json:"members"`
}

type demoRound struct {
	Title              string   `json:"title"`
	AwardName          string   `json:"awardName"`
	Year               int      `json:"year"`
	Period             string   `json:"period"`
	Host               string   `json:"host"`
	Participants       []string `json:"participants"`
	IncludeSubAgencies bool     `json:"includeSubAgencies"`
	Categories         []string `json:"categories"`
	EligibleTeamKinds  []string `json:"eligibleTeamKinds"`
	Description        string   `json:"description"`
	Schedule           struct {
		OpensInDays         int `json:"opensInDays"`
		ClosesInDays        int `json:"closesInDays"`
		JudgingClosesInDays int `json:"judgingClosesInDays"`
		ResultsInDays       int `json:"resultsInDays"`
	} `json:"schedule"`
	AwardTiers []round.AwardTierInput `json:"awardTiers"`
}

type demoCopy struct {
	From string `json:"from"`
	Host string `json:"host"`
}

type demoCase struct {
	Round    string `json:"round"`
	Team     string `json:"team"`
	Submit   bool   `json:"submit"`
	Category string `json:"category"`
	cases.Content
}

// kst is Korea's time: demo schedules fall on office hours there (no daylight saving).
var kst = time.FixedZone("KST", 9*60*60)

// onDay is hour:00 in Korea, days from today.
func onDay(days, hour int) time.Time {
	now := time.Now().In(kst)
	return time.Date(now.Year(), now.Month(), now.Day()+days, hour, 0, 0, 0, kst)
}

func demoContests(ctx context.Context, a *app.App, data demoData, agencyIDs map[string]uuid.UUID, res *Result) error {
	teamIDs := map[string]uuid.UUID{}
	teamLeaders := map[string]string{}
	for _, t := range data.Teams {
		leader, err := a.Accounts.PrincipalFor(ctx, t.Leader)
		if err != nil {
			return fmt.Errorf("demo team %q: leader: %w", t.Name, err)
		}
		me, err := a.Accounts.Me(ctx, leader)
		if err != nil {
			return err
		}
		id, found, err := a.Teams.FindByName(ctx, me.Agency.ID, t.Name)
		if err != nil {
			return err
		}
		if !found {
			created, err := a.Teams.Create(ctx, leader, team.Input{Name: t.Name, Kind: t.Kind, Description: t.Description})
			if err != nil {
				return fmt.Errorf("demo team %q: %w", t.Name, err)
			}
			id = created.ID
			res.Teams++
			for _, email := range t.Members {
				inv, err := a.Teams.Invite(ctx, leader, id, team.InviteInput{Email: email})
				if err != nil {
					return fmt.Errorf("demo team %q: invite %s: %w", t.Name, email, err)
				}
				member, err := a.Accounts.PrincipalFor(ctx, email)
				if err != nil {
					return err
				}
				if _, err := a.Teams.Accept(ctx, member, inv.ID); err != nil {
					return fmt.Errorf("demo team %q: accept %s: %w", t.Name, email, err)
				}
			}
		}
		teamIDs[t.Name] = id
		teamLeaders[t.Name] = t.Leader
	}

	admin, err := a.Accounts.PrincipalFor(ctx, "admin@demo.test")
	if err != nil {
		return err
	}
	roundIDs := map[string]uuid.UUID{}
	for _, r := range data.Rounds {
		host := agencyIDs[r.Host]
		id, found, err := a.Rounds.FindByTitle(ctx, host, r.Title)
		if err != nil {
			return err
		}
		if !found {
			in := round.Input{
				Title: r.Title, AwardName: r.AwardName, Year: r.Year, Period: r.Period, Description: r.Description,
				HostAgencyID: host, IncludeSubAgencies: r.IncludeSubAgencies, Categories: r.Categories,
				EligibleTeamKinds: r.EligibleTeamKinds, AwardTiers: r.AwardTiers,
				Schedule: round.Schedule{
					SubmissionOpensAt:  onDay(r.Schedule.OpensInDays, 9),
					SubmissionClosesAt: onDay(r.Schedule.ClosesInDays, 18),
					JudgingClosesAt:    onDay(r.Schedule.JudgingClosesInDays, 18),
					ResultsAnnouncedAt: onDay(r.Schedule.ResultsInDays, 10),
				},
			}
			for _, name := range r.Participants {
				in.ParticipatingAgencyIDs = append(in.ParticipatingAgencyIDs, agencyIDs[name])
			}
			created, err := a.Rounds.Create(ctx, admin, in)
			if err != nil {
				return fmt.Errorf("demo round %q: %w", r.Title, err)
			}
			if _, err := a.Rounds.Publish(ctx, admin, created.ID); err != nil {
				return err
			}
			id = created.ID
			res.Rounds++
		}
		roundIDs[r.Title] = id
	}

	for _, c := range data.Cases {
		if err := demoCaseLoad(ctx, a, c, roundIDs[c.Round], teamIDs[c.Team], teamLeaders[c.Team], res); err != nil {
			return fmt.Errorf("demo case %q: %w", c.Title, err)
		}
	}

	for _, j := range data.Judging {
		if err := demoJudgingLoad(ctx, a, j, roundIDs[j.Round]); err != nil {
			return fmt.Errorf("demo judging of %q: %w", j.Round, err)
		}
	}

	if err := demoArchive(ctx, a, res); err != nil {
		return err
	}

	for _, cp := range data.RoundCopies {
		from := roundIDs[cp.From]
		src, err := a.Rounds.Get(ctx, admin, from)
		if err != nil {
			return err
		}
		year, period, _ := round.NextPeriod(src.Year, src.Period)
		title := round.NextTitle(src.Title, src.Year, year, src.Period, period)
		if _, found, err := a.Rounds.FindByTitle(ctx, agencyIDs[cp.Host], title); err != nil || found {
			if err != nil {
				return err
			}
			continue
		}
		if _, err := a.Rounds.Copy(ctx, admin, from); err != nil {
			return fmt.Errorf("copy demo round %q: %w", cp.From, err)
		}
		res.Rounds++
	}
	return nil
}

// demoCaseLoad writes and submits a case as its team leader would have, while its round
// was open: the round's clock is set to an hour after opening for the while.
func demoCaseLoad(ctx context.Context, a *app.App, c demoCase, roundID, teamID uuid.UUID, leaderEmail string, res *Result) error {
	if _, found, err := a.Cases.FindByTitle(ctx, roundID, teamID, c.Title); err != nil || found {
		return err
	}
	leader, err := a.Accounts.PrincipalFor(ctx, leaderEmail)
	if err != nil {
		return err
	}
	r, err := a.Rounds.Get(ctx, leader, roundID)
	if err != nil {
		return err
	}
	opened := r.Schedule.SubmissionOpensAt.Add(time.Hour)
	a.Rounds.SetClock(func() time.Time { return opened })
	defer a.Rounds.SetClock(nil)

	created, err := a.Cases.Create(ctx, leader, roundID, cases.CreateInput{TeamID: teamID, Title: c.Title})
	if err != nil {
		return err
	}
	content := c.Content
	for _, cat := range r.Categories {
		if cat.Name == c.Category {
			id := cat.ID
			content.CategoryID = &id
		}
	}
	revision := created.Revision
	saved, err := a.Cases.Update(ctx, leader, created.ID, &revision, content)
	if err != nil {
		return err
	}
	if c.Submit {
		revision = saved.Revision
		if _, err := a.Cases.Submit(ctx, leader, created.ID, &revision); err != nil {
			return err
		}
	}
	res.Cases++
	return nil
}

// demoArchive imports the synthetic past winners of db/seed/archive.jsonl (written by
// scripts/gen-demo-archive.py) as an operator would with `eutteum import cases`.
func demoArchive(ctx context.Context, a *app.App, res *Result) error {
	raw, err := db.Seed.ReadFile("seed/archive.jsonl")
	if err != nil {
		return err
	}
	report, err := a.Archive.Import(ctx, account.Operator(), a.Accounts, bytes.NewReader(raw), archive.ImportOptions{Format: "jsonl", CreateAgencies: true})
	if err != nil {
		return err
	}
	if len(report.Rejected) > 0 {
		r := report.Rejected[0]
		return fmt.Errorf("demo archive line %d, %s: %s", r.Line, r.Field, r.Reason)
	}
	res.Archived = report.Imported
	return nil
}
