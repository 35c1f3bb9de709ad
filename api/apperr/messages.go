package apperr

import (
	"fmt"
	"sort"
	"strings"
)

// Lang is a language the public messages are written in.
type Lang string

const (
	Korean  Lang = "ko"
	English Lang = "en"
)

type text struct{ title, detail string }

// messages are the public titles and details per code. Korean comes first: it is the
// default, and the only language most users read.
var messages = map[Code]map[Lang]text{
	CodeValidationFailed: {
		Korean:  {"입력값을 확인해 주세요", "일부 항목이 올바르지 않습니다. 표시된 항목을 고친 뒤 다시 시도해 주세요."},
		English: {"Please check your input", "Some fields are not valid. Correct the marked fields and try again."},
	},
	CodeMalformedJSON: {
		Korean:  {"요청 형식이 올바르지 않습니다", "요청 본문이 올바른 JSON이 아닙니다."},
		English: {"Malformed request", "The request body is not valid JSON."},
	},
	CodeBodyTooLarge: {
		Korean:  {"요청이 너무 큽니다", "요청 본문이 허용된 크기를 넘었습니다."},
		English: {"Request too large", "The request body exceeds the allowed size."},
	},
	CodeUnsupportedMediaType: {
		Korean:  {"지원하지 않는 형식입니다", "요청 본문은 application/json 형식이어야 합니다."},
		English: {"Unsupported media type", "The request body must be application/json."},
	},
	CodeUnauthenticated: {
		Korean:  {"로그인이 필요합니다", "이 기능을 사용하려면 로그인해 주세요."},
		English: {"Sign-in required", "Please sign in to use this feature."},
	},
	CodeInvalidCredentials: {
		Korean:  {"로그인에 실패했습니다", "이메일 또는 비밀번호가 올바르지 않습니다."},
		English: {"Sign-in failed", "The email or password is incorrect."},
	},
	CodeTokenInvalid: {
		Korean:  {"인증 정보가 올바르지 않습니다", "다시 로그인해 주세요."},
		English: {"Invalid credentials", "Please sign in again."},
	},
	CodeTokenExpired: {
		Korean:  {"로그인이 만료되었습니다", "다시 로그인해 주세요."},
		English: {"Session expired", "Please sign in again."},
	},
	CodeRefreshTokenInvalid: {
		Korean:  {"로그인이 만료되었습니다", "보안을 위해 다시 로그인해 주세요."},
		English: {"Session ended", "For your security, please sign in again."},
	},
	CodeForbidden: {
		Korean:  {"권한이 없습니다", "이 작업을 할 권한이 없습니다."},
		English: {"Not allowed", "You are not allowed to do this."},
	},
	CodeSignupDisabled: {
		Korean:  {"공개 가입이 닫혀 있습니다", "초대 링크로만 가입할 수 있습니다. 소속 기관 담당자에게 초대를 요청해 주세요."},
		English: {"Sign-up is closed", "You can join only through an invitation link. Ask your agency's organizer for one."},
	},
	CodeNotFound: {
		Korean:  {"찾을 수 없습니다", "요청한 항목이 없거나 볼 수 없습니다."},
		English: {"Not found", "The requested item does not exist or is not visible to you."},
	},
	CodeRouteNotFound: {
		Korean:  {"없는 주소입니다", "요청한 API 주소가 없습니다."},
		English: {"No such endpoint", "The requested API path does not exist."},
	},
	CodeMethodNotAllowed: {
		Korean:  {"허용되지 않는 요청입니다", "이 주소는 해당 HTTP 메서드를 지원하지 않습니다."},
		English: {"Method not allowed", "This path does not support the HTTP method."},
	},
	CodeConflict: {
		Korean:  {"요청이 현재 상태와 충돌합니다", "다른 변경과 겹쳤습니다. 새로 고친 뒤 다시 시도해 주세요."},
		English: {"Conflict", "The request conflicts with the current state. Reload and try again."},
	},
	CodeEmailTaken: {
		Korean:  {"이미 가입된 이메일입니다", "이 이메일로 가입한 계정이 이미 있습니다."},
		English: {"Email already registered", "An account with this email already exists."},
	},
	CodeAgencyNameTaken: {
		Korean:  {"이미 등록된 기관입니다", "같은 이름의 기관이 이미 있습니다."},
		English: {"Agency exists", "An agency with this name already exists."},
	},
	CodeInvitationExpired: {
		Korean:  {"초대가 만료되었습니다", "초대 링크의 유효 기간이 지났습니다. 담당자에게 새 초대를 요청해 주세요."},
		English: {"Invitation expired", "The invitation link has expired. Ask for a new one."},
	},
	CodeInvitationUsed: {
		Korean:  {"이미 사용된 초대입니다", "이 초대 링크로 이미 가입했습니다. 로그인해 주세요."},
		English: {"Invitation already used", "This invitation has already been accepted. Please sign in."},
	},
	CodeInvitationRevoked: {
		Korean:  {"취소된 초대입니다", "보낸 사람이 이 초대를 취소했습니다. 담당자에게 새 초대를 요청해 주세요."},
		English: {"Invitation revoked", "The sender has revoked this invitation. Ask for a new one."},
	},
	CodeInvitationNotPending: {
		Korean:  {"대기 중인 초대가 아닙니다", "이미 수락되었거나 취소된 초대는 취소하거나 다시 보낼 수 없습니다. 목록을 새로 고쳐 확인해 주세요."},
		English: {"Invitation no longer pending", "An invitation that was accepted or revoked cannot be revoked or resent. Reload the list to check."},
	},
	CodePreconditionFailed: {
		Korean:  {"다른 사람이 먼저 저장했습니다", "이 사례는 편집을 시작한 뒤 다른 팀원이 저장했습니다. 최신 내용을 확인하고 다시 편집해 주세요. 덮어쓰지 않았습니다."},
		English: {"Someone saved first", "A teammate saved this case after you started editing. Review the latest version and edit again; nothing was overwritten."},
	},
	CodePreconditionRequired: {
		Korean:  {"버전 정보가 필요합니다", "If-Match 헤더에 편집을 시작한 버전(ETag)을 보내 주세요."},
		English: {"Version required", "Send the ETag the edit is based on in the If-Match header."},
	},
	CodeRoundNotOpen: {
		Korean:  {"접수 기간이 아닙니다", "이 경진대회는 아직 접수를 시작하지 않았거나 공개되지 않았습니다."},
		English: {"Not accepting submissions", "This round has not opened for submissions or is not published."},
	},
	CodeSubmissionClosed: {
		Korean:  {"접수가 마감되었습니다", "제출 마감 시각이 지나 더 이상 수정하거나 제출할 수 없습니다."},
		English: {"Submissions closed", "The submission deadline has passed; the case can no longer be changed or submitted."},
	},
	CodeCaseStatusConflict: {
		Korean:  {"지금 상태에서는 할 수 없습니다", "사례의 현재 상태에서는 이 작업을 할 수 없습니다."},
		English: {"Not possible in this state", "This action is not possible in the case's current state."},
	},
	CodeLastLeader: {
		Korean:  {"팀장이 한 명은 있어야 합니다", "마지막 팀장은 나가거나 팀원으로 바뀔 수 없습니다. 먼저 다른 팀원을 팀장으로 지정해 주세요."},
		English: {"A team needs a leader", "The last leader cannot leave or step down. Make another member leader first."},
	},
	CodeAlreadyMember: {
		Korean:  {"이미 팀원입니다", "이 사용자는 이미 팀에 속해 있습니다."},
		English: {"Already a member", "This person is already in the team."},
	},
	CodeFileTypeNotAllowed: {
		Korean:  {"올릴 수 없는 파일 형식입니다", "PDF, 한글(HWP·HWPX), 이미지(PNG·JPEG·GIF·WebP), 엑셀(XLSX), CSV 파일만 올릴 수 있습니다. 파일 내용으로 형식을 확인합니다."},
		English: {"File type not allowed", "Only PDF, HWP/HWPX, images (PNG, JPEG, GIF, WebP), XLSX and CSV files are accepted; the type is read from the content."},
	},
	CodeAttachmentLimit: {
		Korean:  {"첨부 한도를 넘었습니다", "사례 하나에 파일은 20개, 합계 100MB까지 올릴 수 있습니다."},
		English: {"Attachment limit reached", "A case holds at most 20 files and 100 MB in total."},
	},
	CodeJudgingFrozen: {
		Korean:  {"심사가 이미 시작되었습니다", "심사가 시작된 뒤에는 집계 방법과 동점 처리 기준을 바꿀 수 없습니다."},
		English: {"Judging has started", "The aggregation method and tie-breaks cannot change once judging has opened."},
	},
	CodeJudgingNotOpen: {
		Korean:  {"아직 심사할 수 없습니다", "접수 마감 뒤에 심사를 시작할 수 있습니다. 앞 단계가 마감되어야 다음 단계를 열 수 있습니다."},
		English: {"Judging cannot start yet", "Judging starts after the submission deadline, and a stage opens only after the previous one has closed."},
	},
	CodeStageNotOpen: {
		Korean:  {"심사 단계가 열리지 않았습니다", "이 심사 단계는 아직 시작되지 않았거나 준비 중입니다."},
		English: {"Stage not open", "This judging stage has not opened."},
	},
	CodeStageClosed: {
		Korean:  {"심사가 마감되었습니다", "이 심사 단계는 마감되어 점수를 저장하거나 바꿀 수 없습니다."},
		English: {"Judging closed", "This stage has closed; scores can no longer be saved or changed."},
	},
	CodeUnscoredCases: {
		Korean:  {"채점이 끝나지 않았습니다", "아직 제출되지 않은 채점표가 있습니다. 진행 현황에서 미완료 심사위원을 확인해 주세요."},
		English: {"Scoring unfinished", "Some assigned score sheets are not submitted yet; see the progress view."},
	},
	CodeConflictOfInterest: {
		Korean:  {"이해충돌로 배정할 수 없습니다", "이 심사위원은 해당 사례와 이해충돌(제척·회피·기피) 관계에 있습니다."},
		English: {"Conflict of interest", "This judge has a conflict of interest with the case."},
	},
	CodeNotAJudge: {
		Korean:  {"심사위원이 아닙니다", "심사위원 역할이 있는 사용자만 위촉할 수 있습니다. 외부 전문가는 먼저 심사위원으로 초대해 주세요."},
		English: {"Not a judge", "Only users with the judge role can sit on a stage; invite outside experts as judges first."},
	},
	CodeResultsNotReady: {
		Korean:  {"결과를 발표할 수 없습니다", "모든 심사 단계가 마감되어야 결과를 발표할 수 있습니다."},
		English: {"Results not ready", "Every judging stage must be closed before results are published."},
	},
	CodeResultsPublished: {
		Korean:  {"이미 결과를 발표했습니다", "발표된 결과는 바꿀 수 없습니다. 이의신청 답변으로 기록해 주세요."},
		English: {"Results already published", "Published results cannot change; record it in an objection answer."},
	},
	CodePublishedTermsFrozen: {
		Korean:  {"발표된 결과의 조건은 바꿀 수 없습니다", "결과를 발표한 뒤에는 이의신청 기간, 집계 방법, 동점 처리 기준, 심사 단계와 그 심사위원·국민심사단·국민투표, 대회 이름과 시상 등급처럼 발표된 결과표와 이의신청 마감이 따르는 설정을 바꿀 수 없습니다. 표시된 항목은 저장되지 않았고, 기존 설정과 발표된 결과는 그대로입니다."},
		English: {"Published terms are fixed", "Once results are published, the settings the published table and the objection deadline follow (objection window, method, tie-breaks, the stages with their judges, citizen panel and vote, the round's name and award tiers) cannot change. The marked fields were not saved; the existing settings and the published results are unchanged."},
	},
	CodeObjectionWindowClosed: {
		Korean:  {"이의신청 기간이 아닙니다", "이의신청은 결과 발표 후 정해진 기간 안에만 할 수 있습니다."},
		English: {"Objection window closed", "Objections can be filed only within the window after results are published."},
	},
	CodeWeightsNot100: {
		Korean:  {"배점 합계가 100이 아닙니다", "심사기준 항목의 가중치 합계는 100이어야 합니다."},
		English: {"Weights must total 100", "The criteria weights must add up to 100."},
	},
	CodeInvalidCursor: {
		Korean:  {"페이지 정보가 올바르지 않습니다", "다음 페이지 정보(cursor)가 잘못되었거나 다른 목록·검색의 것입니다. 목록을 처음부터 다시 불러와 주세요."},
		English: {"Invalid page cursor", "The cursor is malformed or belongs to another list or search. Load the list again from the start."},
	},
	CodeOwnAgencyCase: {
		Korean:  {"우리 기관의 사례입니다", "자기 기관의 사례는 벤치마킹(도입)으로 기록할 수 없습니다."},
		English: {"Your agency's own case", "An agency cannot record adopting its own case."},
	},
	CodePostHidden: {
		Korean:  {"숨겨진 글입니다", "운영 기준에 따라 숨겨진 질문이나 답변은 고치거나 다시 숨길 수 없습니다. 필요하면 주관기관 담당자에게 문의해 주세요."},
		English: {"Hidden post", "A question or answer hidden by moderation cannot be edited or hidden again. Contact the agency's organizer if needed."},
	},
	CodeVoteNotOpen: {
		Korean:  {"투표 기간이 아닙니다", "지금은 투표할 수 없습니다. 투표 기간을 확인해 주세요."},
		English: {"Voting is not open", "Votes are not accepted now; check the voting period."},
	},
	CodeAlreadyVoted: {
		Korean:  {"이미 투표하셨습니다", "이 투표에 이미 참여했습니다. 한 사람(이메일 주소 하나)은 한 번만 투표할 수 있습니다."},
		English: {"Already voted", "You have already voted here; each person (one e-mail address) votes once."},
	},
	CodeVoteLocked: {
		Korean:  {"투표 규칙을 바꿀 수 없습니다", "이미 투표가 시작되어 선택 수와 공개 여부, 시작 시각은 바꿀 수 없습니다. 마감 시각만 조정할 수 있습니다."},
		English: {"Vote rules are locked", "Ballots have been cast, so only the closing time can change."},
	},
	CodeMailUnavailable: {
		Korean:  {"메일을 보낼 수 없습니다", "지금은 인증번호 메일을 보낼 수 없습니다. 잠시 후 다시 시도해 주세요."},
		English: {"Mail unavailable", "The code e-mail cannot be sent right now; try again shortly."},
	},
	CodeIdempotencyKeyReused: {
		Korean:  {"다른 요청에 쓴 키입니다", "Idempotency-Key는 요청마다 새로 만들어 주세요. 이 키는 내용이 다른 요청에 이미 쓰였습니다."},
		English: {"Key used for another request", "Use a new Idempotency-Key for each request; this one was used for a different request."},
	},
	CodeIdempotencyKeyInProgress: {
		Korean:  {"같은 요청을 처리하고 있습니다", "같은 Idempotency-Key의 요청이 아직 처리 중입니다. 잠시 후 다시 시도해 주세요."},
		English: {"Request in progress", "A request with the same Idempotency-Key is still being processed; retry shortly."},
	},
	CodeTooManyLoginAttempts: {
		Korean:  {"로그인 시도가 너무 많습니다", "잠시 후 다시 시도해 주세요. ({retryAfter}초 후 가능)"},
		English: {"Too many sign-in attempts", "Please try again later (in {retryAfter} seconds)."},
	},
	CodeRateLimited: {
		Korean:  {"요청이 너무 많습니다", "잠시 후 다시 시도해 주세요. ({retryAfter}초 후 가능)"},
		English: {"Too many requests", "Please try again later (in {retryAfter} seconds)."},
	},
	CodeDatabaseUnavailable: {
		Korean:  {"일시적으로 사용할 수 없습니다", "데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요."},
		English: {"Temporarily unavailable", "The database cannot be reached. Please try again shortly."},
	},
	CodeInternal: {
		Korean:  {"서버 오류가 발생했습니다", "요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요. 문제가 계속되면 요청 ID와 함께 문의해 주세요."},
		English: {"Server error", "The request could not be processed. Try again later; if it persists, report the request ID."},
	},
}

// variants are other wordings of a code's message, by variant name (Error.Variant), for
// callers the default does not fit. Same code, same meaning; only the words differ.
var variants = map[Code]map[string]map[Lang]text{
	CodeAlreadyVoted: {
		// A signed-in voter votes as their account; the default speaks of e-mail addresses.
		VariantAccount: {
			Korean:  {"이미 투표하셨습니다", "이 투표에 이미 참여하셨습니다. 한 사람은 한 번만 투표할 수 있어, 로그인한 계정으로 다시 투표할 수 없습니다."},
			English: {"Already voted", "You have already voted here; each person votes once, so your account cannot vote again."},
		},
	},
}

// ruleMessages are the per-field messages by validation rule. They do not repeat the
// field's name: the UI shows them next to the field.
var ruleMessages = map[string]map[Lang]string{
	"required":                {Korean: "필수 입력 항목입니다.", English: "This field is required."},
	"min_length":              {Korean: "{min}자 이상 입력해 주세요.", English: "Enter at least {min} characters."},
	"max_length":              {Korean: "{max}자 이하로 입력해 주세요.", English: "Enter at most {max} characters."},
	"min":                     {Korean: "{min} 이상이어야 합니다.", English: "Must be at least {min}."},
	"max":                     {Korean: "{max} 이하여야 합니다.", English: "Must be at most {max}."},
	"min_items":               {Korean: "{min}개 이상 입력해 주세요.", English: "Enter at least {min} items."},
	"max_items":               {Korean: "{max}개 이하로 입력해 주세요.", English: "Enter at most {max} items."},
	"email":                   {Korean: "올바른 이메일 주소를 입력해 주세요.", English: "Enter a valid email address."},
	"uuid":                    {Korean: "올바른 식별자(UUID)가 아닙니다.", English: "Not a valid identifier (UUID)."},
	"format":                  {Korean: "형식이 올바르지 않습니다.", English: "The format is not valid."},
	"type":                    {Korean: "값의 종류가 올바르지 않습니다. ({expected} 필요)", English: "Wrong type of value ({expected} expected)."},
	"enum":                    {Korean: "허용된 값 중에서 골라 주세요.", English: "Choose one of the allowed values."},
	"unknown_field":           {Korean: "알 수 없는 항목입니다.", English: "Unknown field."},
	"not_found":               {Korean: "해당 항목을 찾을 수 없습니다.", English: "No such item."},
	"taken":                   {Korean: "이미 사용 중입니다.", English: "Already in use."},
	"wrong_password":          {Korean: "현재 비밀번호가 올바르지 않습니다.", English: "The current password is incorrect."},
	"same_password":           {Korean: "새 비밀번호는 현재 비밀번호와 달라야 합니다.", English: "The new password must differ from the current one."},
	"not_allowed":             {Korean: "이 값을 지정할 권한이 없습니다.", English: "You may not set this value."},
	"vote_code_wrong":         {Korean: "인증번호가 맞지 않습니다. 메일로 받은 6자리 숫자를 확인해 주세요.", English: "The code does not match; check the six digits in the e-mail."},
	"vote_code_expired":       {Korean: "인증번호의 유효 시간(10분)이 지났습니다. 새 인증번호를 받아 주세요.", English: "The code has expired (10 minutes); request a new one."},
	"vote_code_attempts":      {Korean: "인증번호를 여러 번 틀려 더 쓸 수 없습니다. 새 인증번호를 받아 주세요.", English: "Too many wrong tries; request a new code."},
	"vote_code_used":          {Korean: "이미 사용한 인증번호입니다.", English: "This code has already been used."},
	"too_many_choices":        {Korean: "최대 {max}개 사례까지 선택할 수 있습니다.", English: "Choose at most {max} cases."},
	"not_a_finalist":          {Korean: "투표 대상 사례가 아닙니다.", English: "Not one of the cases in this vote."},
	"invalid":                 {Korean: "올바르지 않은 값입니다.", English: "Not a valid value."},
	"invalid_cursor":          {Korean: "다음 페이지 정보가 올바르지 않습니다.", English: "Not a valid page cursor."},
	"already_invited":         {Korean: "이미 초대한 주소입니다.", English: "Already invited."},
	"already_member":          {Korean: "이미 팀원입니다.", English: "Already a member."},
	"not_eligible":            {Korean: "이 경진대회에 참여할 수 없습니다.", English: "Not eligible for this round."},
	"after_submission_opens":  {Korean: "접수 시작보다 늦어야 합니다.", English: "Must be later than the submission opening."},
	"after_submission_closes": {Korean: "접수 마감과 같거나 늦어야 합니다.", English: "Must not be before the submission deadline."},
	"after_judging_closes":    {Korean: "심사 마감과 같거나 늦어야 합니다.", English: "Must not be before the judging deadline."},
	"after_vote_opens":        {Korean: "투표 시작보다 늦어야 합니다.", English: "Must be later than the vote opening."},
	"shares_over_100":         {Korean: "국민심사단과 국민투표 비율의 합은 100%를 넘을 수 없습니다. (최대 {max}%)", English: "The panel and vote shares together may not pass 100 % (at most {max} %)."},
	"vote_on_blind_stage":     {Korean: "블라인드 심사 단계에서는 국민투표를 열 수 없습니다. 투표 화면에 팀과 기관이 공개되기 때문입니다. 공개 심사 단계(예: 발표심사)에 설정해 주세요.", English: "A blind stage cannot hold a public vote, whose page shows the teams; set it on an open stage such as the presentation."},
	"in_future":               {Korean: "지금보다 늦은 시각이어야 합니다.", English: "Must be in the future."},
	"above_min":               {Korean: "최솟값보다 커야 합니다.", English: "Must be greater than the minimum."},
	"in_use":                  {Korean: "사례가 쓰고 있는 분야({name})는 뺄 수 없습니다.", English: "The category {name} is used by cases and cannot be removed."},
	"file_type":               {Korean: "PDF, HWP·HWPX, 이미지, XLSX, CSV 파일만 올릴 수 있습니다.", English: "Only PDF, HWP/HWPX, images, XLSX and CSV files."},
	"out_of_scale":            {Korean: "척도 범위를 벗어난 점수입니다.", English: "The score is outside the scale."},
	"criterion_required":      {Korean: "평가항목 '{criterion}'의 점수를 입력하세요.", English: "Score the criterion '{criterion}'."},
	"not_in_scale":            {Korean: "척도에 없는 등급입니다.", English: "The grade is not in the scale."},
	"sum_100":                 {Korean: "가중치 합계가 100이 되어야 합니다 (현재 {sum}).", English: "Weights must total 100 (now {sum})."},
	"too_few_judges":          {Korean: "최고·최저점 제외 평균은 사례마다 심사위원이 {min}명 이상이어야 합니다 (부족한 사례 {cases}건).", English: "The trimmed mean needs at least {min} judges on every case ({cases} short)."},
	"encoding":                {Korean: "파일 인코딩을 읽을 수 없습니다. UTF-8 또는 CP949로 저장해 주세요.", English: "The file's encoding cannot be read; save it as UTF-8 or CP949."},
	"missing_column":          {Korean: "필수 열이 없습니다: {column}", English: "A required column is missing: {column}"},
	"compressed_too_large":    {Korean: "압축을 풀면 너무 커지는 파일입니다. 내용을 줄여 다시 올려 주세요.", English: "The file unpacks to far more than its size; upload a smaller one."},
	"empty_file":              {Korean: "빈 파일입니다.", English: "The file is empty."},
	"too_large":               {Korean: "{max} 이하의 파일만 올릴 수 있습니다.", English: "Files up to {max} only."},
	"duplicate":               {Korean: "중복된 값이 있습니다.", English: "Contains a duplicate."},
	"published_frozen":        {Korean: "결과를 발표한 뒤에는 바꿀 수 없습니다. (발표 당시 값 유지)", English: "Cannot change after results are published (the published value stays)."},
	"min_properties":          {Korean: "바꿀 항목을 하나 이상 보내 주세요.", English: "Send at least one field to change."},
	"listed_needs_field":      {Korean: "인력풀에 공개하려면 전문 분야를 하나 이상 골라 주세요.", English: "Choose at least one field of expertise to be listed in the directory."},
}

// Title returns the localized title for code.
func Title(code Code, lang Lang) string { return lookup(code, lang).title }

// Detail returns the localized detail for code, with {name} placeholders filled from params.
func Detail(code Code, lang Lang, params map[string]any) string {
	return fill(lookup(code, lang).detail, params)
}

// Message returns the localized title and detail of e: its variant's wording when it has
// one, else the code's; {name} placeholders in the detail are filled from params.
func Message(e *Error, lang Lang, params map[string]any) (title, detail string) {
	t := lookup(e.Code, lang)
	if v, ok := variants[e.Code][e.Variant]; ok && e.Variant != "" {
		if vt, ok := v[lang]; ok {
			t = vt
		} else {
			t = v[Korean]
		}
	}
	return t.title, fill(t.detail, params)
}

// Variants lists the message variants of code; tests use it to keep them complete.
func Variants(code Code) map[string]map[Lang]string {
	out := map[string]map[Lang]string{}
	for name, texts := range variants[code] {
		out[name] = map[Lang]string{}
		for l, t := range texts {
			out[name][l] = t.title + " " + t.detail
		}
	}
	return out
}

// FieldMessage returns the localized message for a field error.
func FieldMessage(fe FieldError, lang Lang) string {
	m, ok := ruleMessages[fe.Rule]
	if !ok {
		m = ruleMessages["invalid"]
	}
	s, ok := m[lang]
	if !ok {
		s = m[Korean]
	}
	return fill(s, fe.Params)
}

// HasMessage reports whether a public message exists for code; tests use it to keep the
// catalogue complete.
func HasMessage(code Code) bool {
	m, ok := messages[code]
	return ok && m[Korean].title != "" && m[English].title != ""
}

// KnownRules lists the field rules with messages, sorted.
func KnownRules() []string {
	rules := make([]string, 0, len(ruleMessages))
	for r := range ruleMessages {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	return rules
}

func lookup(code Code, lang Lang) text {
	m, ok := messages[code]
	if !ok {
		m = messages[CodeInternal]
	}
	if t, ok := m[lang]; ok {
		return t
	}
	return m[Korean]
}

func fill(s string, params map[string]any) string {
	for k, v := range params {
		s = strings.ReplaceAll(s, "{"+k+"}", fmt.Sprint(v))
	}
	return s
}
