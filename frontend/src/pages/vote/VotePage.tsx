import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { isProblem } from "../../api/problem";
import type { User } from "../../api/types";
import { useApi, useSession } from "../../app/context";
import { StatusMessage, TextField } from "../../components/forms";
import { LoadError, Loading, Notice, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import type { Translate } from "../../i18n/translate";
import { formatSeoulDateTime, formatSeoulTime } from "../../lib/seoul";
import { formatScore } from "../judging/format";
import { useNow } from "../RoundsPage";
import { VoteDday, VoteStatusBadge } from "./parts";
import "./vote.css";
import type { Ballot, PublicFinalist, PublicVote, VoteCodeSent } from "./types";
import {
  codeDigits,
  isSixDigits,
  looksLikeEmail,
  noVoteErrors,
  retryAfter,
  timeLeft,
  toggleChoice,
  voteErrors,
  type VoteErrors,
} from "./voteLogic";

/** What the thank-you page is given when a ballot is counted. */
export interface ThanksState {
  ballot: Ballot;
  titles: string[];
}

/** `/votes/:stageId`: the finalists, the rules and, while the vote is open, the ballot. */
export function VotePage() {
  const { stageId = "" } = useParams();
  const api = useApi();
  const { t } = useI18n();
  const load = useCallback(() => api.GET("/api/v1/public/stages/{stageId}/vote", { params: { path: { stageId } } }), [api, stageId]);
  const vote = useLoad(load);
  if (vote.status === "loading") return <Loading />;
  if (vote.status === "error") {
    if (vote.httpStatus === 404 || vote.httpStatus === 400) {
      return (
        <div className="vote-page">
          <PageHeader title={t("votes.title")} />
          <p className="empty">{t("vote.notFound")}</p>
          <p className="vote-links">
            <Link className="krds-btn secondary medium" to="/votes">
              {t("vote.thanks.list")}
            </Link>
          </p>
        </div>
      );
    }
    return <LoadError error={vote.error} httpStatus={vote.httpStatus} onRetry={vote.reload} />;
  }
  return <VoteView key={stageId} vote={vote.data} reload={vote.reload} />;
}

function VoteView({ vote, reload }: { vote: PublicVote; reload: () => void }) {
  const { t, language } = useI18n();
  const now = useNow();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<string[]>([]);
  const [limitHit, setLimitHit] = useState(false);
  const [errors, setErrors] = useState<VoteErrors>(noVoteErrors);
  const formTitleRef = useRef<HTMLHeadingElement | null>(null);
  const open = vote.status === "open";
  const maxVotes = Math.max(0, ...vote.cases.map((c) => c.votes ?? 0));
  const full = chosen.length >= vote.maxChoices;

  const toggle = (caseId: string) => {
    const next = toggleChoice(chosen, caseId, vote.maxChoices);
    setChosen(next.chosen);
    setLimitHit(next.limited);
    if (!next.limited && (errors.choices !== undefined || errors.cases[caseId] !== undefined)) {
      // The choice changed, so what was said about it no longer holds.
      const { choices: _choices, cases, ...rest } = errors;
      const { [caseId]: _gone, ...others } = cases;
      setErrors({ ...rest, cases: others });
    }
  };

  const toForm = () => {
    const heading = formTitleRef.current;
    if (!heading) return;
    heading.scrollIntoView({ behavior: "smooth", block: "start" });
    heading.focus({ preventScroll: true });
  };

  const voted = (ballot: Ballot) => {
    const titles = ballot.caseIds.map((id) => vote.cases.find((c) => c.caseId === id)?.title ?? id);
    const state: ThanksState = { ballot, titles };
    navigate(`/votes/${vote.stageId}/thanks`, { state });
  };

  return (
    <div className="vote-page">
      <p className="vote-back">
        <Link to="/votes">{t("vote.back")}</Link>
      </p>
      <PageHeader title={vote.roundTitle} lead={t("vote.lead", { stage: vote.stageName, host: vote.hostAgency })}>
        <div className="badge-row">
          <VoteStatusBadge status={vote.status} />
          <VoteDday status={vote.status} opensAt={vote.opensAt} closesAt={vote.closesAt} now={now} />
        </div>
      </PageHeader>
      {vote.intro ? <p className="vote-intro">{vote.intro}</p> : null}

      <section className="vote-rules" aria-labelledby="vote-rules-title">
        <h2 id="vote-rules-title" className="section-title">
          {t("vote.rulesTitle")}
        </h2>
        <ul>
          <li>{vote.maxChoices === 1 ? t("vote.rule.choicesOne") : t("vote.rule.choices", { max: vote.maxChoices })}</li>
          <li>{t("vote.rule.oneEach")}</li>
          <li>{t("vote.rule.once")}</li>
          <li>
            {t("vote.rule.period", {
              start: formatSeoulDateTime(vote.opensAt, language),
              end: formatSeoulDateTime(vote.closesAt, language),
            })}
          </li>
          {vote.voteShare > 0 ? <li>{t("vote.rule.share", { share: formatScore(vote.voteShare, language) })}</li> : null}
        </ul>
        {vote.showCounts && vote.totalBallots !== undefined ? (
          <p className="vote-total">{t("vote.totalBallots", { count: vote.totalBallots })}</p>
        ) : null}
      </section>

      {vote.status === "scheduled" ? (
        <Notice>
          <p>{t("vote.scheduled", { at: formatSeoulDateTime(vote.opensAt, language) })}</p>
        </Notice>
      ) : null}
      {vote.status === "closed" ? (
        <Notice>
          <p>{t("vote.closed", { at: formatSeoulDateTime(vote.closesAt, language) })}</p>
        </Notice>
      ) : null}

      <section aria-labelledby="vote-finalists-title" className="vote-finalists">
        <h2 id="vote-finalists-title" className="section-title">
          {t("vote.finalistsTitle", { count: vote.cases.length })}
        </h2>
        {open ? <p className="form-hint">{t("vote.finalistsHint")}</p> : null}
        <ul className="finalist-list">
          {vote.cases.map((c) => (
            <FinalistCard
              key={c.caseId}
              finalist={c}
              showCounts={vote.showCounts}
              maxVotes={maxVotes}
              selectable={open}
              selected={chosen.includes(c.caseId)}
              error={errors.cases[c.caseId]}
              onToggle={toggle}
            />
          ))}
        </ul>
        {open ? (
          <div className={`vote-tray${limitHit ? " is-limited" : ""}`}>
            <div className="vote-tray-text">
              <p className="vote-tray-count">{t("vote.tray", { count: chosen.length, max: vote.maxChoices })}</p>
              <div role="status" className="vote-tray-status">
                {limitHit ? (
                  <p className="vote-limit">{t("vote.limit", { max: vote.maxChoices })}</p>
                ) : full ? (
                  <p>{t("vote.trayFull", { max: vote.maxChoices })}</p>
                ) : null}
              </div>
            </div>
            <button type="button" className="krds-btn primary medium" onClick={toForm}>
              {t("vote.toForm")}
            </button>
          </div>
        ) : null}
      </section>

      {open ? (
        <BallotSection
          vote={vote}
          chosen={chosen}
          errors={errors}
          setErrors={setErrors}
          titleRef={formTitleRef}
          onVoted={voted}
          onNotOpen={reload}
        />
      ) : null}
    </div>
  );
}

function FinalistCard({
  finalist: c,
  showCounts,
  maxVotes,
  selectable,
  selected,
  error,
  onToggle,
}: {
  finalist: PublicFinalist;
  showCounts: boolean;
  maxVotes: number;
  selectable: boolean;
  selected: boolean;
  error?: string | undefined;
  onToggle: (caseId: string) => void;
}) {
  const { t } = useI18n();
  const titleId = `finalist-${c.caseId}`;
  const pickId = `pick-${c.caseId}`;
  const errorId = `pick-${c.caseId}-error`;
  const width = maxVotes > 0 && c.votes !== undefined ? Math.round((c.votes / maxVotes) * 10000) / 100 : 0;
  return (
    <li className={`finalist${selected ? " is-selected" : ""}${error ? " is-error" : ""}`}>
      <article aria-labelledby={titleId}>
        <h3 id={titleId} className="finalist-title">
          {c.title}
        </h3>
        <dl className="finalist-facts">
          <div>
            <dt>{t("vote.team")}</dt>
            <dd>{c.teamName}</dd>
          </div>
          <div>
            <dt>{t("vote.agency")}</dt>
            <dd>{c.agencyName}</dd>
          </div>
          {c.category ? (
            <div>
              <dt>{t("vote.category")}</dt>
              <dd>{c.category}</dd>
            </div>
          ) : null}
        </dl>
        {c.summary ? <p className="finalist-summary">{c.summary}</p> : null}
        {c.outcomes ? (
          <details className="finalist-outcomes">
            <summary>{t("vote.outcomes")}</summary>
            <p>{c.outcomes}</p>
          </details>
        ) : null}
        {showCounts && c.votes !== undefined ? (
          <div className="finalist-count">
            <span className="bar-track" aria-hidden="true">
              <span className={`bar-fill${c.votes === 0 ? " is-zero" : ""}`} style={{ width: `${width}%` }} />
            </span>
            <span className="finalist-votes">{t("vote.votesOf", { count: c.votes })}</span>
          </div>
        ) : null}
        {error ? (
          <p className="form-hint-invalid" id={errorId}>
            {error}
          </p>
        ) : null}
        {selectable ? (
          <div className="krds-form-check large finalist-pick">
            <input
              type="checkbox"
              id={pickId}
              checked={selected}
              aria-label={t("vote.pickFor", { title: c.title })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={() => onToggle(c.caseId)}
            />
            <label htmlFor={pickId}>{t("vote.pick")}</label>
          </div>
        ) : null}
      </article>
    </li>
  );
}

/** The refusals that are not about a field, in this page's words. */
function refusalText(t: Translate, problem: unknown, response: Response | undefined, signedIn: boolean): string {
  const code = isProblem(problem) ? problem.code : null;
  if (code === "already_voted") return signedIn ? t("vote.error.already_voted_account") : t("vote.error.already_voted");
  if (code === "vote_not_open") return t("vote.error.vote_not_open");
  if (code === "mail_unavailable") return t("vote.error.mail_unavailable");
  if (code === "rate_limited" || response?.status === 429) {
    const seconds = retryAfter(problem, response);
    if (seconds === null) return t("vote.error.rate_limited_soon");
    const wait = seconds >= 60 ? t("vote.wait.minutes", { n: Math.ceil(seconds / 60) }) : t("vote.wait.seconds", { n: seconds });
    return t("vote.error.rate_limited", { wait });
  }
  if (response?.status === 404) return t("vote.notFound");
  if (isProblem(problem)) return problem.detail ?? problem.title ?? t("common.errorUnknown");
  return t("common.errorUnknown");
}

function BallotSection({
  vote,
  chosen,
  errors,
  setErrors,
  titleRef,
  onVoted,
  onNotOpen,
}: {
  vote: PublicVote;
  chosen: string[];
  errors: VoteErrors;
  setErrors: (errors: VoteErrors) => void;
  titleRef: RefObject<HTMLHeadingElement | null>;
  onVoted: (ballot: Ballot) => void;
  onNotOpen: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<(VoteCodeSent & { email: string }) | null>(null);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState<"code" | "ballot" | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Bumped when errors are shown, so focus moves to the first one.
  const [shown, setShown] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);
  const codeRef = useRef<HTMLInputElement | null>(null);
  const [focusCode, setFocusCode] = useState(0);
  const signedIn = session.status === "authenticated";

  useEffect(() => {
    if (shown === 0) return;
    // As the app's other forms: the first thing to fix (the choice or a field), else the summary.
    const form = formRef.current;
    (form?.querySelector<HTMLElement>('#vote-choices-error, [aria-invalid="true"]') ?? form?.querySelector<HTMLElement>(".error-summary"))?.focus();
  }, [shown]);
  useEffect(() => {
    if (focusCode > 0) codeRef.current?.focus();
  }, [focusCode]);

  const report = (next: VoteErrors, refused: string | null = null) => {
    setErrors(next);
    setRefusal(refused);
    setShown((n) => n + 1);
  };

  const failed = (problem: unknown, response: Response | undefined, sentCaseIds: readonly string[]) => {
    if (response?.status === 400) {
      report(voteErrors(problem, sentCaseIds, t("common.errorSummary")));
      return;
    }
    report({ ...noVoteErrors(), newCode: errors.newCode }, refusalText(t, problem, response, signedIn));
    if (isProblem(problem) && problem.code === "vote_not_open") onNotOpen();
  };

  const requestCode = async (address: string) => {
    setMessage(null);
    if (!looksLikeEmail(address)) {
      report({ ...noVoteErrors(), email: t("vote.error.email") });
      return;
    }
    setBusy("code");
    try {
      const { data, error, response } = await api.POST("/api/v1/public/stages/{stageId}/vote/codes", {
        params: { path: { stageId: vote.stageId } },
        body: { email: address.trim() },
      });
      if (data) {
        setSent({ ...data, email: address.trim() });
        setCode("");
        setErrors(noVoteErrors());
        setRefusal(null);
        setMessage(t("vote.codeSent", { email: address.trim() }));
        setFocusCode((n) => n + 1);
        return;
      }
      failed(error, response, []);
    } catch {
      report(noVoteErrors(), t("common.errorNetwork"));
    } finally {
      setBusy(null);
    }
  };

  const cast = async () => {
    setMessage(null);
    const local = noVoteErrors();
    if (chosen.length === 0) local.choices = t("vote.error.noChoice");
    if (!signedIn && !isSixDigits(code)) local.code = t("vote.error.code");
    if (local.choices || local.code) {
      report({ ...local, newCode: errors.newCode });
      return;
    }
    const caseIds = [...chosen];
    setBusy("ballot");
    try {
      const body = signedIn || !sent ? { caseIds } : { caseIds, verificationId: sent.verificationId, code };
      const { data, error, response } = await api.POST("/api/v1/public/stages/{stageId}/ballots", {
        params: { path: { stageId: vote.stageId } },
        body,
      });
      if (data) {
        onVoted(data);
        return;
      }
      failed(error, response, caseIds);
    } catch {
      report(noVoteErrors(), t("common.errorNetwork"));
    } finally {
      setBusy(null);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!signedIn && !sent) void requestCode(email);
    else void cast();
  };

  const chosenTitles = chosen.map((id) => vote.cases.find((c) => c.caseId === id)?.title ?? id);
  const hasSummary = Boolean(refusal || errors.summary || errors.other.length > 0);
  return (
    <section aria-labelledby="vote-form-title" className="panel vote-form-panel" id="vote-form">
      <h2 id="vote-form-title" className="section-title" tabIndex={-1} ref={titleRef}>
        {t("vote.formTitle")}
      </h2>
      <form ref={formRef} className="stack-form vote-form" noValidate onSubmit={submit}>
        {hasSummary ? (
          <div className="error-summary" role="alert" tabIndex={-1}>
            <p className="error-summary-title">{refusal ?? errors.summary}</p>
            {errors.other.length > 0 ? (
              <ul>
                {errors.other.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <div className="vote-chosen">
          <h3 id="vote-chosen-title" className="vote-chosen-title">
            {t("vote.chosenTitle")} <span className="muted">({t("vote.tray", { count: chosen.length, max: vote.maxChoices })})</span>
          </h3>
          {chosenTitles.length === 0 ? (
            <p className="muted">{t("vote.chosenNone")}</p>
          ) : (
            <ol className="vote-chosen-list" aria-labelledby="vote-chosen-title">
              {chosenTitles.map((title) => (
                <li key={title}>{title}</li>
              ))}
            </ol>
          )}
          {errors.choices ? (
            <p className="form-hint-invalid" id="vote-choices-error" tabIndex={-1}>
              {errors.choices}
            </p>
          ) : null}
        </div>

        {session.status === "loading" ? <Loading /> : null}
        {signedIn ? <AccountVoter user={session.user} /> : null}
        {session.status === "anonymous" && !sent ? (
          <TextField
            id="vote-email"
            label={t("vote.emailLabel")}
            type="email"
            inputMode="email"
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={254}
            required
            value={email}
            onValue={setEmail}
            hint={t("vote.emailHint")}
            error={errors.email}
          />
        ) : null}
        {session.status === "anonymous" && sent ? (
          <CodeStep
            sent={sent}
            code={code}
            onCode={(value) => setCode(codeDigits(value))}
            error={errors.code}
            codeRef={codeRef}
            newCodeNeeded={errors.newCode}
            busy={busy !== null}
            onResend={() => void requestCode(sent.email)}
            onChangeEmail={() => {
              setSent(null);
              setCode("");
              setErrors(noVoteErrors());
              setRefusal(null);
              setMessage(null);
            }}
          />
        ) : null}

        <StatusMessage>{message}</StatusMessage>

        {session.status !== "loading" ? (
          <div className="vote-actions">
            {session.status === "anonymous" && !sent ? (
              <button type="submit" className="krds-btn primary large" disabled={busy !== null}>
                {busy === "code" ? t("vote.sendingCode") : t("vote.sendCode")}
              </button>
            ) : (
              <button type="submit" className="krds-btn primary large" disabled={busy !== null}>
                {busy === "ballot" ? t("vote.submitting") : t("vote.submit")}
              </button>
            )}
          </div>
        ) : null}
      </form>
    </section>
  );
}

function AccountVoter({ user }: { user: User }) {
  const { t } = useI18n();
  return <p className="vote-account">{t("vote.asAccount", { name: user.displayName, email: user.email })}</p>;
}

function CodeStep({
  sent,
  code,
  onCode,
  error,
  codeRef,
  newCodeNeeded,
  busy,
  onResend,
  onChangeEmail,
}: {
  sent: VoteCodeSent & { email: string };
  code: string;
  onCode: (value: string) => void;
  error?: string | undefined;
  codeRef: RefObject<HTMLInputElement | null>;
  newCodeNeeded: boolean;
  busy: boolean;
  onResend: () => void;
  onChangeEmail: () => void;
}) {
  const { t, language } = useI18n();
  const now = useNow(1000);
  const left = timeLeft(sent.expiresAt, now);
  const expired = left === null;
  const hintId = "vote-code-hint";
  const errorId = "vote-code-error";
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="vote-code-step">
      <div className="vote-sent-to">
        <p>
          <span className="muted">{t("vote.sentTo")}</span> <strong className="vote-sent-email">{sent.email}</strong>
        </p>
        <button type="button" className="krds-btn tertiary medium" disabled={busy} onClick={onChangeEmail}>
          {t("vote.changeEmail")}
        </button>
      </div>
      <div className="form-group vote-code-field">
        <div className="form-tit">
          <label htmlFor="vote-code">{t("vote.codeLabel")}</label>
        </div>
        <div className={`form-conts${error ? " is-error" : ""}`}>
          <input
            ref={codeRef}
            id="vote-code"
            className="krds-input"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            enterKeyHint="done"
            value={code}
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy}
            onChange={(event) => onCode(event.target.value)}
          />
        </div>
        <p className="form-hint" id={hintId}>
          {t("vote.codeHint", { time: formatSeoulTime(new Date(sent.expiresAt), language) })}
        </p>
        {error ? (
          <p className="form-hint-invalid" id={errorId}>
            {error}
          </p>
        ) : null}
        {expired ? (
          <p className="form-hint-invalid">{t("vote.codeExpired")}</p>
        ) : (
          <p className="vote-countdown">{t("vote.codeRemaining", { time: left })}</p>
        )}
      </div>
      <p>
        <button
          type="button"
          className={`krds-btn ${expired || newCodeNeeded ? "secondary" : "tertiary"} medium`}
          disabled={busy}
          onClick={onResend}
        >
          {t("vote.resend")}
        </button>
      </p>
    </div>
  );
}
