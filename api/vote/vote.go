// Package vote runs the public vote (온라인 국민투표) on a stage's finalists: the organizer
// sets the window and rules, anyone votes after proving an e-mail address with a one-time
// code (or as a signed-in user), and the counts feed the stage score by the vote's share
// (see scoring.BlendVotes).
//
// One person votes once per stage. A voter is identified by a keyed hash of the normalized
// address, so the same address cannot vote twice, also not through concurrent requests (a
// unique constraint decides), and the database holds no addresses.
package vote

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/audit"
	"eutteum/api/dberr"
	"eutteum/api/judging"
	"eutteum/api/mail"
	"eutteum/api/ratelimit"
	"eutteum/api/scoring"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Limits of the code flow.
const (
	CodeTTL         = 10 * time.Minute
	MaxCodeAttempts = 5
	// The report flags addresses behind this many ballots or code requests, and minutes
	// with at least burstMinimum ballots and more than burstFactor times the median minute.
	signalMinimum = 5
	burstMinimum  = 10
	burstFactor   = 3
)

// A voter may ask for three codes per stage in ten minutes; one network address for 30
// codes an hour over all stages (an office behind one address can still take part).
var (
	codesPerVoter   = ratelimit.Window("vote_codes_voter", 3, 10*time.Minute)
	codesPerAddress = ratelimit.Window("vote_codes_address", 30, time.Hour)
)

// Statuses of a vote, from the window and the clock.
const (
	StatusNotConfigured = "not_configured"
	StatusScheduled     = "scheduled"
	StatusOpen          = "open"
	StatusClosed        = "closed"
)

// Service runs public votes.
type Service struct {
	pool    *pgxpool.Pool
	q       *store.Queries
	judging *judging.Service
	mailer  mail.Sender
	key     []byte
	now     func() time.Time
	limiter *ratelimit.Limiter
}

// NewService returns a Service. key keys the voter and code hashes; now is the clock the
// rounds run on.
func NewService(pool *pgxpool.Pool, judging *judging.Service, mailer mail.Sender, key []byte, now func() time.Time) *Service {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("eutteum public vote"))
	return &Service{pool: pool, q: store.New(pool), judging: judging, mailer: mailer, key: mac.Sum(nil), now: now, limiter: ratelimit.New(pool)}
}

// WithMailer returns the service sending its mail through m instead, for loading demo
// votes through the same code flow voters use.
func (s *Service) WithMailer(m mail.Sender) *Service {
	c := *s
	c.mailer = m
	return &c
}

// Settings is a stage's vote as the organizer sees it.
type Settings struct {
	StageID    uuid.UUID
	Configured bool
	Status     string
	OpensAt    *time.Time
	ClosesAt   *time.Time
	MaxChoices int
	ShowCounts bool
	VoteShare  float64
	Intro      string
	Ballots    int
}

// Input configures a vote.
type Input struct {
	OpensAt    time.Time `json:"opensAt" validate:"required"`
	ClosesAt   time.Time `json:"closesAt" validate:"required"`
	MaxChoices int       `json:"maxChoices" validate:"min=1,max=20"`
	ShowCounts bool      `json:"showCounts"`
	VoteShare  float64   `json:"voteShare" validate:"min=0,max=100"`
	Intro      string    `json:"intro" validate:"max=1000"`
}

func status(now, opens, closes time.Time) string {
	switch {
	case now.Before(opens):
		return StatusScheduled
	case now.Before(closes):
		return StatusOpen
	default:
		return StatusClosed
	}
}

// Get returns the stage's vote for its organizer.
func (s *Service) Get(ctx context.Context, p account.Principal, stageID uuid.UUID) (Settings, error) {
	st, err := s.judging.ManageableStage(ctx, p, stageID)
	if err != nil {
		return Settings{}, err
	}
	return s.settings(ctx, st)
}

func (s *Service) settings(ctx context.Context, st judging.Stage) (Settings, error) {
	out := Settings{StageID: st.ID, Status: StatusNotConfigured, MaxChoices: 1, VoteShare: st.VoteShare}
	v, err := s.q.GetStageVote(ctx, st.ID)
	if store.IsNoRows(err) {
		return out, nil
	}
	if err != nil {
		return Settings{}, dberr.Fail(err)
	}
	out.Configured = true
	out.Status = status(s.now(), v.OpensAt, v.ClosesAt)
	out.OpensAt, out.ClosesAt = &v.OpensAt, &v.ClosesAt
	out.MaxChoices, out.ShowCounts, out.Intro, out.Ballots = int(v.MaxChoices), v.ShowCounts, v.Intro, int(v.Ballots)
	return out, nil
}

// Configure sets the vote's rules, window and share. Once ballots are cast only the
// closing time and the share may change, so nobody's ballot is judged by other rules than
// it was cast under; once the stage is closed nothing changes.
func (s *Service) Configure(ctx context.Context, p account.Principal, stageID uuid.UUID, in Input) (Settings, error) {
	r := validation.NewReport()
	if err := r.Struct(in, ""); err != nil {
		return Settings{}, err
	}
	if r.Readable("closesAt", "opensAt") && !in.ClosesAt.After(in.OpensAt) {
		r.Add(apperr.Field("closesAt", "after_vote_opens"))
	}
	st, err := s.judging.ManageableStage(ctx, p, stageID)
	if err != nil {
		return Settings{}, err
	}
	if st.Status == judging.StatusClosed {
		return Settings{}, apperr.New(apperr.KindConflict, apperr.CodeStageClosed)
	}
	if r.Readable("voteShare") && in.VoteShare+st.PanelShare > 100 {
		r.Add(apperr.Field("voteShare", "shares_over_100", "max", 100-st.PanelShare))
	}
	if err := r.Err(); err != nil {
		return Settings{}, err
	}
	if st.Blind {
		// The vote page names each finalist's team and agency, which a blind stage hides
		// from its own judges.
		return Settings{}, &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeConflict, Fields: []apperr.FieldError{apperr.Field("stageId", "vote_on_blind_stage")}}
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		current, err := q.LockStageVote(ctx, stageID)
		switch {
		case store.IsNoRows(err):
		case err != nil:
			return err
		default:
			ballots, err := q.CountStageBallots(ctx, stageID)
			if err != nil {
				return err
			}
			if ballots > 0 && (!current.OpensAt.Equal(in.OpensAt) || int(current.MaxChoices) != in.MaxChoices || current.ShowCounts != in.ShowCounts) {
				return apperr.New(apperr.KindConflict, apperr.CodeVoteLocked)
			}
		}
		if err := q.UpsertStageVote(ctx, store.UpsertStageVoteParams{
			StageID: stageID, OpensAt: in.OpensAt, ClosesAt: in.ClosesAt, MaxChoices: int32(in.MaxChoices),
			ShowCounts: in.ShowCounts, Intro: strings.TrimSpace(in.Intro), UpdatedBy: p.UserID,
		}); err != nil {
			return err
		}
		if err := q.SetStageVoteShare(ctx, store.SetStageVoteShareParams{ID: stageID, VoteShare: in.VoteShare}); err != nil {
			return err
		}
		return audit.Record(ctx, q, p.UserID, "vote_configured", "stage", stageID, map[string]any{
			"opensAt": in.OpensAt, "closesAt": in.ClosesAt, "maxChoices": in.MaxChoices, "showCounts": in.ShowCounts, "voteShare": in.VoteShare,
		})
	})
	if err != nil {
		return Settings{}, dberr.Fail(err)
	}
	return s.Get(ctx, p, stageID)
}

// Open starts the vote now; Close ends it now.
func (s *Service) Open(ctx context.Context, p account.Principal, stageID uuid.UUID) (Settings, error) {
	return s.moveWindow(ctx, p, stageID, true)
}

func (s *Service) Close(ctx context.Context, p account.Principal, stageID uuid.UUID) (Settings, error) {
	return s.moveWindow(ctx, p, stageID, false)
}

func (s *Service) moveWindow(ctx context.Context, p account.Principal, stageID uuid.UUID, open bool) (Settings, error) {
	st, err := s.judging.ManageableStage(ctx, p, stageID)
	if err != nil {
		return Settings{}, err
	}
	// Votes go into the published table: after publication the window stays as it was.
	if err := s.judging.RefuseAfterPublication(ctx, st.RoundID); err != nil {
		return Settings{}, err
	}
	now := s.now()
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		v, err := q.LockStageVote(ctx, stageID)
		if store.IsNoRows(err) {
			return apperr.New(apperr.KindConflict, apperr.CodeVoteNotOpen)
		}
		if err != nil {
			return err
		}
		opens, closes, action := v.OpensAt, v.ClosesAt, "vote_closed"
		if open {
			if !closes.After(now) {
				return apperr.Invalid(apperr.Field("closesAt", "in_future"))
			}
			opens, action = now, "vote_opened"
		} else {
			closes = now
			if !opens.Before(closes) {
				opens = closes.Add(-time.Second)
			}
		}
		if err := q.SetStageVoteWindow(ctx, store.SetStageVoteWindowParams{StageID: stageID, OpensAt: opens, ClosesAt: closes, UpdatedBy: p.UserID}); err != nil {
			return err
		}
		return audit.Record(ctx, q, p.UserID, action, "stage", stageID, map[string]any{"opensAt": opens, "closesAt": closes})
	})
	if err != nil {
		return Settings{}, dberr.Fail(err)
	}
	return s.Get(ctx, p, stageID)
}

// Summary is a vote as the public list shows it.
type Summary struct {
	StageID    uuid.UUID
	RoundID    uuid.UUID
	RoundTitle string
	StageName  string
	HostAgency string
	Status     string
	OpensAt    time.Time
	ClosesAt   time.Time
	Finalists  int
}

// List returns the votes that are open, scheduled or closed in the last 30 days.
func (s *Service) List(ctx context.Context) ([]Summary, error) {
	now := s.now()
	rows, err := s.q.ListPublicVotes(ctx, now)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := make([]Summary, len(rows))
	for i, r := range rows {
		out[i] = Summary{StageID: r.StageID, RoundID: r.RoundID, RoundTitle: r.RoundTitle, StageName: r.StageName, HostAgency: r.HostAgency,
			Status: status(now, r.OpensAt, r.ClosesAt), OpensAt: r.OpensAt, ClosesAt: r.ClosesAt, Finalists: int(r.Finalists)}
	}
	return out, nil
}

// Finalist is a case on the ballot.
type Finalist struct {
	CaseID     uuid.UUID
	Title      string
	Summary    string
	Outcomes   string
	TeamName   string
	AgencyName string
	Category   string
	Votes      *int
}

// Public is the vote page: the rules and the finalists, with counts when the round shows them.
type Public struct {
	Summary
	MaxChoices   int
	ShowCounts   bool
	Intro        string
	VoteShare    float64
	TotalBallots *int
	Cases        []Finalist
}

// PublicVote returns the vote page to anyone.
func (s *Service) PublicVote(ctx context.Context, stageID uuid.UUID) (Public, error) {
	v, err := s.q.GetPublicVote(ctx, stageID)
	if store.IsNoRows(err) {
		return Public{}, apperr.NotFound()
	}
	if err != nil {
		return Public{}, dberr.Fail(err)
	}
	rows, err := s.q.ListVoteFinalists(ctx, stageID)
	if err != nil {
		return Public{}, dberr.Fail(err)
	}
	out := Public{
		Summary: Summary{StageID: v.StageID, RoundID: v.RoundID, RoundTitle: v.RoundTitle, StageName: v.StageName, HostAgency: v.HostAgency,
			Status: status(s.now(), v.OpensAt, v.ClosesAt), OpensAt: v.OpensAt, ClosesAt: v.ClosesAt, Finalists: len(rows)},
		MaxChoices: int(v.MaxChoices), ShowCounts: v.ShowCounts, Intro: v.Intro, VoteShare: v.VoteShare, Cases: make([]Finalist, len(rows)),
	}
	if v.ShowCounts {
		total := int(v.Ballots)
		out.TotalBallots = &total
	}
	for i, r := range rows {
		out.Cases[i] = Finalist{CaseID: r.CaseID, Title: r.Title, Summary: r.Summary, Outcomes: r.Outcomes, TeamName: r.TeamName, AgencyName: r.AgencyName, Category: r.Category}
		if v.ShowCounts {
			n := int(r.Votes)
			out.Cases[i].Votes = &n
		}
	}
	return out, nil
}

// NormalizeEmail folds the ways one mailbox can be written into one: case, surrounding
// space, "+tag" suffixes, and the dots Gmail ignores.
func NormalizeEmail(email string) string {
	email = strings.ToLower(strings.TrimSpace(email))
	local, domain, ok := strings.Cut(email, "@")
	if !ok {
		return email
	}
	local, _, _ = strings.Cut(local, "+")
	if domain == "googlemail.com" {
		domain = "gmail.com"
	}
	if domain == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + domain
}

func (s *Service) voterHash(email string) []byte {
	mac := hmac.New(sha256.New, s.key)
	mac.Write([]byte("voter\x00" + NormalizeEmail(email)))
	return mac.Sum(nil)
}

func (s *Service) codeHash(verificationStage uuid.UUID, voter []byte, code string) []byte {
	mac := hmac.New(sha256.New, s.key)
	mac.Write([]byte("code\x00"))
	mac.Write(verificationStage[:])
	mac.Write(voter)
	mac.Write([]byte(code))
	return mac.Sum(nil)
}

// CodeSent tells the voter where the code went and until when it works.
type CodeSent struct {
	VerificationID uuid.UUID
	ExpiresAt      time.Time
}

// RequestCode e-mails a six-digit code for voting in the stage.
func (s *Service) RequestCode(ctx context.Context, stageID uuid.UUID, email, clientIP string) (CodeSent, error) {
	v, err := s.q.GetPublicVote(ctx, stageID)
	if store.IsNoRows(err) {
		return CodeSent{}, apperr.NotFound()
	}
	if err != nil {
		return CodeSent{}, dberr.Fail(err)
	}
	now := s.now()
	if status(now, v.OpensAt, v.ClosesAt) != StatusOpen {
		return CodeSent{}, apperr.New(apperr.KindConflict, apperr.CodeVoteNotOpen)
	}
	voter := s.voterHash(email)
	hits, err := s.takeCodeRequest(ctx, stageID, voter, clientIP)
	if err != nil {
		return CodeSent{}, err
	}
	voted, err := s.q.VoterHasBallot(ctx, store.VoterHasBallotParams{StageID: stageID, VoterHash: voter})
	if err != nil {
		return CodeSent{}, dberr.Fail(err)
	}
	if voted {
		// No code goes out, so none counts.
		if err := s.returnHits(ctx, hits...); err != nil {
			return CodeSent{}, err
		}
		return CodeSent{}, apperr.New(apperr.KindConflict, apperr.CodeAlreadyVoted)
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return CodeSent{}, apperr.Internal(err)
	}
	code := fmt.Sprintf("%06d", n.Int64())
	expires := now.Add(CodeTTL)
	id, err := s.q.InsertVoteVerification(ctx, store.InsertVoteVerificationParams{
		StageID: stageID, VoterHash: voter, CodeHash: s.codeHash(stageID, voter, code), ExpiresAt: expires, ClientIp: clientIP, CreatedAt: now,
	})
	if err != nil {
		return CodeSent{}, dberr.Fail(err)
	}
	msg := mail.Message{
		To:      strings.TrimSpace(email),
		Subject: "[으뜸] 국민투표 인증번호 " + code,
		Body: fmt.Sprintf("「%s」 %s 투표 인증번호는 %s 입니다.\n\n투표 화면에 10분 안에 입력해 주세요. 본인이 요청하지 않았다면 이 메일을 무시하셔도 됩니다.\n",
			v.RoundTitle, v.StageName, code),
	}
	if err := s.mailer.Send(ctx, msg); err != nil {
		return CodeSent{}, apperr.Wrap(apperr.KindUnavailable, apperr.CodeMailUnavailable, err)
	}
	return CodeSent{VerificationID: id, ExpiresAt: expires}, nil
}

// takeCodeRequest counts a code request against the voter's budget on the stage and the
// address's over all stages, before anything is sent, so that concurrent requests on any
// number of servers cannot all pass; refused by the address, the voter's hit is returned.
func (s *Service) takeCodeRequest(ctx context.Context, stageID uuid.UUID, voter []byte, clientIP string) ([]ratelimit.Hit, error) {
	voterHit, err := s.limiter.Take(ctx, codesPerVoter, stageID.String()+":"+hex.EncodeToString(voter))
	if err != nil {
		return nil, err
	}
	addressHit, err := s.limiter.Take(ctx, codesPerAddress, clientIP)
	if err != nil {
		if rerr := s.returnHits(ctx, voterHit); rerr != nil {
			return nil, rerr
		}
		return nil, err
	}
	return []ratelimit.Hit{voterHit, addressHit}, nil
}

func (s *Service) returnHits(ctx context.Context, hits ...ratelimit.Hit) error {
	for _, h := range hits {
		if err := s.limiter.Return(ctx, h); err != nil {
			return err
		}
	}
	return nil
}

// BallotInput is one person's choices, with the code when not signed in.
type BallotInput struct {
	CaseIDs        []uuid.UUID
	VerificationID *uuid.UUID
	Code           string
}

// Ballot is a counted ballot.
type Ballot struct {
	ID         uuid.UUID
	StageID    uuid.UUID
	CaseIDs    []uuid.UUID
	VerifiedBy string
	CastAt     time.Time
}

// Voter is who casts a ballot: a signed-in user (Principal set) or an e-mail address
// proven with a code.
type Voter struct {
	Principal *account.Principal
	Email     string // the signed-in user's address
	ClientIP  string
	UserAgent string
}

// Cast counts a ballot. Every check and the write happen in one transaction; the unique
// voter constraint decides between concurrent ballots of the same person.
func (s *Service) Cast(ctx context.Context, stageID uuid.UUID, in BallotInput, voter Voter) (Ballot, error) {
	v, err := s.q.GetPublicVote(ctx, stageID)
	if store.IsNoRows(err) {
		return Ballot{}, apperr.NotFound()
	}
	if err != nil {
		return Ballot{}, dberr.Fail(err)
	}
	finalists, err := s.q.VoteCounts(ctx, stageID)
	if err != nil {
		return Ballot{}, dberr.Fail(err)
	}
	if err := checkChoices(in.CaseIDs, int(v.MaxChoices), finalists); err != nil {
		return Ballot{}, err
	}
	if voter.Principal == nil {
		var missing []apperr.FieldError
		if in.VerificationID == nil {
			missing = append(missing, apperr.Field("verificationId", "required"))
		}
		if strings.TrimSpace(in.Code) == "" {
			missing = append(missing, apperr.Field("code", "required"))
		}
		if len(missing) > 0 {
			return Ballot{}, apperr.Invalid(missing...)
		}
	}
	now := s.now()
	if status(now, v.OpensAt, v.ClosesAt) != StatusOpen {
		return Ballot{}, apperr.New(apperr.KindConflict, apperr.CodeVoteNotOpen)
	}
	out := Ballot{StageID: stageID, CaseIDs: in.CaseIDs, CastAt: now}
	var wrongCode bool
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		params := store.InsertBallotParams{StageID: stageID, ClientIp: voter.ClientIP, UserAgent: truncate(voter.UserAgent, 300), CastAt: now}
		if voter.Principal != nil {
			params.VoterHash, params.VerifiedBy = s.voterHash(voter.Email), "account"
			params.UserID = uuid.NullUUID{UUID: voter.Principal.UserID, Valid: true}
		} else {
			ver, err := q.LockVoteVerification(ctx, store.LockVoteVerificationParams{ID: *in.VerificationID, StageID: stageID})
			if store.IsNoRows(err) {
				return apperr.Invalid(apperr.Field("verificationId", "not_found"))
			}
			if err != nil {
				return err
			}
			switch {
			case ver.UsedAt != nil:
				if voted, err := q.VoterHasBallot(ctx, store.VoterHasBallotParams{StageID: stageID, VoterHash: ver.VoterHash}); err == nil && voted {
					return apperr.New(apperr.KindConflict, apperr.CodeAlreadyVoted)
				}
				return apperr.Invalid(apperr.Field("code", "vote_code_used"))
			case !now.Before(ver.ExpiresAt):
				return apperr.Invalid(apperr.Field("code", "vote_code_expired"))
			case ver.Attempts >= MaxCodeAttempts:
				return apperr.Invalid(apperr.Field("code", "vote_code_attempts"))
			}
			if subtle.ConstantTimeCompare(ver.CodeHash, s.codeHash(stageID, ver.VoterHash, strings.TrimSpace(in.Code))) != 1 {
				// The failed try must count even though this transaction fails: it is
				// recorded below, after the rollback.
				wrongCode = true
				return apperr.Invalid(apperr.Field("code", "vote_code_wrong"))
			}
			if err := q.UseVoteVerification(ctx, ver.ID); err != nil {
				return err
			}
			params.VoterHash, params.VerifiedBy = ver.VoterHash, "email_code"
			params.VerificationID = uuid.NullUUID{UUID: ver.ID, Valid: true}
		}
		id, err := q.InsertBallot(ctx, params)
		if store.IsUniqueViolation(err, "ballots_one_per_voter") {
			return alreadyVoted(voter)
		}
		if err != nil {
			return err
		}
		out.ID = id
		if params.VerifiedBy == "account" {
			out.VerifiedBy = "account"
		} else {
			out.VerifiedBy = "email_code"
		}
		return q.InsertBallotChoices(ctx, store.InsertBallotChoicesParams{BallotID: id, StageID: stageID, CaseIds: in.CaseIDs})
	})
	if wrongCode {
		if err := s.q.CountVoteVerificationAttempt(ctx, *in.VerificationID); err != nil {
			return Ballot{}, dberr.Fail(err)
		}
	}
	if err != nil {
		return Ballot{}, dberr.Fail(err)
	}
	return out, nil
}

// alreadyVoted refuses a second ballot of the same person, in words that fit how they
// vote: a signed-in voter is told of their account, not of an e-mail address.
func alreadyVoted(voter Voter) error {
	e := apperr.New(apperr.KindConflict, apperr.CodeAlreadyVoted)
	if voter.Principal != nil {
		e.Variant = apperr.VariantAccount
	}
	return e
}

// checkChoices refuses a ballot with too many, repeated or unknown cases.
func checkChoices(ids []uuid.UUID, maxChoices int, finalists []store.VoteCountsRow) error {
	if len(ids) > maxChoices {
		return apperr.Invalid(apperr.Field("caseIds", "too_many_choices", "max", maxChoices))
	}
	var fields []apperr.FieldError
	for i, id := range ids {
		name := fmt.Sprintf("caseIds[%d]", i)
		if slices.Contains(ids[:i], id) {
			fields = append(fields, apperr.Field(name, "duplicate"))
			continue
		}
		if !slices.ContainsFunc(finalists, func(f store.VoteCountsRow) bool { return f.CaseID == id }) {
			fields = append(fields, apperr.Field(name, "not_a_finalist"))
		}
	}
	if len(fields) > 0 {
		return apperr.Invalid(fields...)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// Count is one finalist's votes.
type Count struct {
	CaseID    uuid.UUID
	Title     string
	Votes     int
	VoteScore float64
}

// AddressSignal is a network address behind many ballots or code requests.
type AddressSignal struct {
	Address      string
	Ballots      int
	CodeRequests int
}

// Burst is a minute with far more ballots than usual.
type Burst struct {
	Minute  time.Time
	Ballots int
}

// Report is the organizer's view of a vote.
type Report struct {
	Vote             Settings
	Counts           []Count
	EmailCodeBallots int
	AccountBallots   int
	CodesRequested   int
	Addresses        []AddressSignal
	Bursts           []Burst
}

// Report returns the counts and the fraud signals of a stage's vote.
func (s *Service) Report(ctx context.Context, p account.Principal, stageID uuid.UUID) (Report, error) {
	st, err := s.judging.ManageableStage(ctx, p, stageID)
	if err != nil {
		return Report{}, err
	}
	settings, err := s.settings(ctx, st)
	if err != nil {
		return Report{}, err
	}
	out := Report{Vote: settings, Counts: []Count{}, Addresses: []AddressSignal{}, Bursts: []Burst{}}
	rows, err := s.q.ListVoteFinalists(ctx, stageID)
	if err != nil {
		return Report{}, dberr.Fail(err)
	}
	maxVotes := 0
	for _, r := range rows {
		maxVotes = max(maxVotes, int(r.Votes))
	}
	for _, r := range rows {
		out.Counts = append(out.Counts, Count{CaseID: r.CaseID, Title: r.Title, Votes: int(r.Votes), VoteScore: scoring.VoteScore(int(r.Votes), maxVotes)})
	}
	sort.SliceStable(out.Counts, func(i, j int) bool { return out.Counts[i].Votes > out.Counts[j].Votes })
	byMethod, err := s.q.BallotsByMethod(ctx, stageID)
	if err != nil {
		return Report{}, dberr.Fail(err)
	}
	out.EmailCodeBallots, out.AccountBallots = int(byMethod.EmailCode), int(byMethod.Account)
	codes, err := s.q.CountVoteCodeRequests(ctx, stageID)
	if err != nil {
		return Report{}, dberr.Fail(err)
	}
	out.CodesRequested = int(codes)
	signals, err := s.q.VoteAddressSignals(ctx, store.VoteAddressSignalsParams{StageID: stageID, Column2: signalMinimum})
	if err != nil {
		return Report{}, dberr.Fail(err)
	}
	for _, a := range signals {
		out.Addresses = append(out.Addresses, AddressSignal{Address: a.Address, Ballots: int(a.Ballots), CodeRequests: int(a.CodeRequests)})
	}
	minutes, err := s.q.BallotsPerMinute(ctx, stageID)
	if err != nil {
		return Report{}, dberr.Fail(err)
	}
	counts := make([]int, len(minutes))
	for i, m := range minutes {
		counts[i] = int(m.Ballots)
	}
	for i, m := range minutes {
		if isBurst(counts[i], counts) {
			out.Bursts = append(out.Bursts, Burst{Minute: m.Minute, Ballots: counts[i]})
		}
	}
	return out, nil
}

// isBurst says whether a minute's ballots stand out from the vote's usual pace: at least
// burstMinimum and more than burstFactor times the median of the minutes with ballots.
func isBurst(n int, perMinute []int) bool {
	if n < burstMinimum || len(perMinute) == 0 {
		return false
	}
	sorted := slices.Clone(perMinute)
	slices.Sort(sorted)
	median := float64(sorted[len(sorted)/2])
	if len(sorted)%2 == 0 {
		median = float64(sorted[len(sorted)/2-1]+sorted[len(sorted)/2]) / 2
	}
	return float64(n) > burstFactor*median
}
