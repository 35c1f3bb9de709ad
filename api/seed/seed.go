// Package seed loads the Korean demo data (db/seed) through the domain services, so demo
// data obeys the same rules as user input. Loading twice changes nothing.
package seed

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/app"
	"eutteum/api/judging"
	"eutteum/db"
)

type demoData struct {
	Password    string        `json:"password"`
	Teams       []demoTeam    `json:"teams"`
	Rounds      []demoRound   `json:"rounds"`
	RoundCopies []demoCopy    `json:"roundCopies"`
	Cases       []demoCase    `json:"cases"`
	Judging     []demoJudging `json:"judging"`
	// JudgeProfiles fill the judge directory (심사위원 인력풀).
	JudgeProfiles []struct {
		Email string `json:"email"`
		judging.ProfileInput
	} `json:"judgeProfiles"`
	Agencies []struct {
		Name   string `json:"name"`
		Level  string `json:"level"`
		Region string `json:"region"`
		Parent string `json:"parent"`
	} `json:"agencies"`
	Users []struct {
		Email       string `json:"email"`
		DisplayName string `json:"displayName"`
		Agency      string `json:"agency"`
		Department  string `json:"department"`
		Roles       []struct {
			Role   string `json:"role"`
			Agency string `json:"agency"`
		} `json:"roles"`
	} `json:"users"`
}

// Result counts what a run created.
type Result struct {
	Agencies int
	Users    int
	Teams    int
	Rounds   int
	Cases    int
	Archived int
}

// Demo loads db/seed/demo.json: agencies and accounts, then teams, rounds and cases.
func Demo(ctx context.Context, a *app.App) (Result, error) {
	accounts := a.Accounts
	raw, err := db.Seed.ReadFile("seed/demo.json")
	if err != nil {
		return Result{}, err
	}
	var data demoData
	if err := json.Unmarshal(raw, &data); err != nil {
		return Result{}, fmt.Errorf("parse demo.json: %w", err)
	}
	var res Result
	agencyIDs := map[string]uuid.UUID{}
	before, err := accounts.ListAgencies(ctx)
	if err != nil {
		return res, err
	}
	for _, a := range data.Agencies {
		in := account.CreateAgencyInput{Name: a.Name, Level: a.Level, Region: a.Region}
		if a.Parent != "" {
			parent, ok := agencyIDs[a.Parent]
			if !ok {
				return res, fmt.Errorf("demo agency %q names parent %q before it is defined", a.Name, a.Parent)
			}
			in.ParentID = &parent
		}
		agency, err := accounts.EnsureAgency(ctx, in)
		if err != nil {
			return res, fmt.Errorf("demo agency %q: %w", a.Name, err)
		}
		agencyIDs[a.Name] = agency.ID
	}
	after, err := accounts.ListAgencies(ctx)
	if err != nil {
		return res, err
	}
	res.Agencies = len(after) - len(before)

	for _, u := range data.Users {
		agency, ok := agencyIDs[u.Agency]
		if !ok {
			return res, fmt.Errorf("demo user %q names unknown agency %q", u.Email, u.Agency)
		}
		in := account.EnsureUserInput{
			Email: u.Email, DisplayName: u.DisplayName, AgencyID: agency, Department: u.Department, Password: data.Password,
		}
		for _, r := range u.Roles {
			grant := account.RoleGrant{Role: r.Role}
			if r.Agency != "" {
				id, ok := agencyIDs[r.Agency]
				if !ok {
					return res, fmt.Errorf("demo user %q: role agency %q unknown", u.Email, r.Agency)
				}
				grant.AgencyID = &id
			}
			in.Roles = append(in.Roles, grant)
		}
		created, err := accounts.EnsureUser(ctx, in)
		if err != nil {
			return res, fmt.Errorf("demo user %q: %w", u.Email, err)
		}
		if created {
			res.Users++
		}
	}
	for _, jp := range data.JudgeProfiles {
		p, err := accounts.PrincipalFor(ctx, jp.Email)
		if err != nil {
			return res, fmt.Errorf("demo judge profile %q: %w", jp.Email, err)
		}
		if _, err := a.Judging.EnsureProfile(ctx, p, jp.ProfileInput); err != nil {
			return res, fmt.Errorf("demo judge profile %q: %w", jp.Email, err)
		}
	}
	if err := demoContests(ctx, a, data, agencyIDs, &res); err != nil {
		return res, err
	}
	if err := demoQuestions(ctx, a); err != nil {
		return res, err
	}
	return res, nil
}
