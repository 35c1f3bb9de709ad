import { useCallback, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { isProblem, problemToPathErrors } from "../../../api/problem";
import { useApi } from "../../../app/context";
import { ConfirmDialog } from "../../../components/Dialog";
import { CheckboxField, StatusMessage, TextAreaField, TextField } from "../../../components/forms";
import { LoadError, Loading, Notice } from "../../../components/Page";
import { TableWrap } from "../../../components/TableWrap";
import { useLoad } from "../../../components/useLoad";
import { useI18n } from "../../../i18n/I18nProvider";
import type { Translate } from "../../../i18n/translate";
import { formatSeoulDateTime, rfc3339ToSeoulLocal, seoulLocalToRfc3339 } from "../../../lib/seoul";
import { formatScore } from "../../judging/format";
import type { Stage } from "../../judging/types";
import { problemText } from "../../judging/ui";
import { VoteStatusBadge } from "../../vote/parts";
import type { StageVote, VoteReport } from "../../vote/types";
import "../../vote/vote.css";

const FIELDS = ["opensAt", "closesAt", "maxChoices", "showCounts", "voteShare", "intro"] as const;
type Field = (typeof FIELDS)[number];

/** The next full hour from now, and a week later, as Seoul datetime-local values. */
function defaultWindow(now: Date): { opens: string; closes: string } {
  const start = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  const end = new Date(start.getTime() + 7 * 86_400_000);
  return { opens: rfc3339ToSeoulLocal(start.toISOString()), closes: rfc3339ToSeoulLocal(end.toISOString()) };
}

function voteProblemText(t: Translate, problem: unknown): string {
  if (isProblem(problem) && problem.code === "vote_locked") return t("voteAdmin.error.vote_locked");
  if (isProblem(problem) && problem.code === "vote_not_open") return t("voteAdmin.error.vote_not_open");
  return problemText(t, problem);
}

/** 국민투표 tab of a stage: settings, 지금 시작 / 지금 마감, and the report with fraud signals. */
export function VotePanel({ stage, onVoteShare }: { stage: Stage; onVoteShare?: (share: number) => void }) {
  const api = useApi();
  const stageId = stage.id;
  const load = useCallback(() => api.GET("/api/v1/stages/{stageId}/vote", { params: { path: { stageId } } }), [api, stageId]);
  const vote = useLoad(load);
  if (vote.status === "loading") return <Loading />;
  if (vote.status === "error") return <LoadError error={vote.error} httpStatus={vote.httpStatus} onRetry={vote.reload} />;
  return <VoteAdmin stage={stage} initial={vote.data} onVoteShare={onVoteShare} />;
}

function VoteAdmin({ stage, initial, onVoteShare }: { stage: Stage; initial: StageVote; onVoteShare?: ((share: number) => void) | undefined }) {
  const { t, language } = useI18n();
  const api = useApi();
  const [vote, setVote] = useState(initial);
  const [dialog, setDialog] = useState<"open" | "close" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Bumped after a change so the report reads fresh counts.
  const [generation, setGeneration] = useState(0);
  const stageClosed = stage.status === "closed";

  const move = async (action: "open" | "close") => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const path = action === "open" ? "/api/v1/stages/{stageId}/vote/open" : "/api/v1/stages/{stageId}/vote/close";
      const { data, error: problem } = await api.POST(path, { params: { path: { stageId: stage.id } } });
      setDialog(null);
      if (data) {
        setVote(data);
        setGeneration((g) => g + 1);
        setMessage(action === "open" ? t("voteAdmin.opened") : t("voteAdmin.closed"));
      } else setError(voteProblemText(t, problem));
    } catch {
      setDialog(null);
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stage-panel vote-admin">
      <h2 className="section-title">{t("voteAdmin.title")}</h2>
      <p className="section-lead">{t("voteAdmin.intro")}</p>
      {vote.configured ? (
        <dl className="detail-list compact">
          <div>
            <dt>{t("voteAdmin.status")}</dt>
            <dd>
              <VoteStatusBadge status={vote.status} />
            </dd>
          </div>
          <div>
            <dt>{t("voteAdmin.window")}</dt>
            <dd>
              {t("votes.range", { start: formatSeoulDateTime(vote.opensAt, language), end: formatSeoulDateTime(vote.closesAt, language) })}
            </dd>
          </div>
          <div>
            <dt>{t("voteAdmin.ballots")}</dt>
            <dd>{t("voteAdmin.ballotsValue", { count: vote.ballots })}</dd>
          </div>
          <div>
            <dt>{t("voteResult.share")}</dt>
            <dd>{t("voteAdmin.shareValue", { share: formatScore(vote.voteShare, language) })}</dd>
          </div>
        </dl>
      ) : (
        <Notice>
          <p>{t("voteAdmin.notConfigured")}</p>
        </Notice>
      )}
      {vote.configured ? (
        <p className="button-row">
          {vote.status === "scheduled" && !stageClosed ? (
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={() => setDialog("open")}>
              {t("voteAdmin.openNow")}
            </button>
          ) : null}
          {vote.status === "open" ? (
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={() => setDialog("close")}>
              {t("voteAdmin.closeNow")}
            </button>
          ) : null}
          <Link className="krds-btn secondary medium" to={`/votes/${stage.id}`}>
            {t("voteAdmin.publicLink")}
          </Link>
        </p>
      ) : null}
      {error ? (
        <div className="error-summary" role="alert">
          <p className="error-summary-title">{error}</p>
        </div>
      ) : null}
      <StatusMessage>{message}</StatusMessage>

      {stageClosed ? (
        <Notice>
          <p>{t("voteAdmin.stageClosed")}</p>
        </Notice>
      ) : (
        <VoteForm
          key={`${vote.configured}-${vote.opensAt ?? ""}-${vote.closesAt ?? ""}`}
          stageId={stage.id}
          vote={vote}
          onSaved={(saved) => {
            setVote(saved);
            onVoteShare?.(saved.voteShare);
            setGeneration((g) => g + 1);
            setError(null);
            setMessage(t("voteAdmin.saved"));
          }}
        />
      )}

      {vote.configured ? <ReportSection key={generation} stageId={stage.id} /> : null}

      <ConfirmDialog
        open={dialog !== null}
        busy={busy}
        title={dialog === "open" ? t("voteAdmin.openDialog.title") : t("voteAdmin.closeDialog.title")}
        confirmLabel={dialog === "open" ? t("voteAdmin.openNow") : t("voteAdmin.closeNow")}
        dismissLabel={t("common.cancel")}
        onConfirm={() => dialog && move(dialog)}
        onClose={() => setDialog(null)}
      >
        <p>{dialog === "open" ? t("voteAdmin.openDialog.body") : t("voteAdmin.closeDialog.body")}</p>
      </ConfirmDialog>
    </div>
  );
}

function VoteForm({ stageId, vote, onSaved }: { stageId: string; vote: StageVote; onSaved: (vote: StageVote) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [opensAt, setOpensAt] = useState(() => (vote.opensAt ? rfc3339ToSeoulLocal(vote.opensAt) : defaultWindow(new Date()).opens));
  const [closesAt, setClosesAt] = useState(() => (vote.closesAt ? rfc3339ToSeoulLocal(vote.closesAt) : defaultWindow(new Date()).closes));
  const [maxChoices, setMaxChoices] = useState(String(vote.maxChoices));
  const [showCounts, setShowCounts] = useState(vote.showCounts);
  const [voteShare, setVoteShare] = useState(String(vote.voteShare));
  const [intro, setIntro] = useState(vote.intro);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [other, setOther] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // Once a ballot is in, only the closing time and the share may change.
  const locked = vote.ballots > 0;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const local: Partial<Record<Field, string>> = {};
    // An untouched time goes back exactly as the server has it: the field drops seconds, and
    // a moved opening time is refused once ballots are in.
    const opens = vote.opensAt && opensAt === rfc3339ToSeoulLocal(vote.opensAt) ? vote.opensAt : seoulLocalToRfc3339(opensAt);
    const closes = vote.closesAt && closesAt === rfc3339ToSeoulLocal(vote.closesAt) ? vote.closesAt : seoulLocalToRfc3339(closesAt);
    if (!opens) local.opensAt = t("roundForm.error.datetime");
    if (!closes) local.closesAt = t("roundForm.error.datetime");
    if (opens && closes && new Date(closes).getTime() <= new Date(opens).getTime()) local.closesAt = t("voteAdmin.error.order");
    const choices = Number(maxChoices);
    if (!/^\d+$/.test(maxChoices.trim()) || choices < 1 || choices > 20) local.maxChoices = t("voteAdmin.error.maxChoices");
    const share = voteShare.trim() === "" ? 0 : Number(voteShare);
    if (!Number.isFinite(share) || share < 0 || share > 100) local.voteShare = t("stageForm.error.share");
    setErrors(local);
    setSummary(null);
    setOther([]);
    if (Object.keys(local).length > 0) {
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const { data, error, response } = await api.PUT("/api/v1/stages/{stageId}/vote", {
        params: { path: { stageId } },
        body: { opensAt: opens ?? "", closesAt: closes ?? "", maxChoices: choices, showCounts, voteShare: share, intro: intro.trim() },
      });
      if (data) {
        onSaved(data);
        return;
      }
      const found = problemToPathErrors(error, (p) => (FIELDS as readonly string[]).includes(p), t("common.errorUnknown"));
      setErrors(found.fields as Partial<Record<Field, string>>);
      setOther(found.other);
      setSummary(response.status === 400 ? found.summary : voteProblemText(t, error));
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"], .error-summary')?.focus());
    } catch {
      setSummary(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" noValidate onSubmit={submit} aria-labelledby="vote-settings-title">
      <h3 id="vote-settings-title" className="section-title">
        {t("voteAdmin.formTitle")}
      </h3>
      {locked ? (
        <Notice>
          <p>{t("voteAdmin.locked")}</p>
        </Notice>
      ) : null}
      {summary ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p className="error-summary-title">{summary}</p>
          {other.length > 0 ? (
            <ul>
              {other.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="grid-form top-gap">
        <TextField id="vote-opens" label={t("voteAdmin.opensAt")} required type="datetime-local" value={opensAt} onValue={setOpensAt}
          disabled={locked} error={errors.opensAt} />
        <TextField id="vote-closes" label={t("voteAdmin.closesAt")} required type="datetime-local" value={closesAt} onValue={setClosesAt}
          error={errors.closesAt} />
        <TextField id="vote-max" label={t("voteAdmin.maxChoices")} required type="number" inputMode="numeric" min={1} max={20} step={1}
          value={maxChoices} onValue={setMaxChoices} disabled={locked} hint={t("voteAdmin.maxChoicesHint")} error={errors.maxChoices} />
        <TextField id="vote-share" label={t("voteAdmin.voteShare")} required type="number" inputMode="decimal" min={0} max={100}
          value={voteShare} onValue={setVoteShare} hint={t("voteAdmin.voteShareHint")} error={errors.voteShare} />
      </div>
      <div className="top-gap">
        <CheckboxField id="vote-show-counts" label={t("voteAdmin.showCounts")} checked={showCounts} onChecked={setShowCounts}
          disabled={locked} error={errors.showCounts} />
      </div>
      <div className="top-gap">
        <TextAreaField id="vote-intro" label={t("voteAdmin.introField")} optional rows={3} maxLength={1000} value={intro} onValue={setIntro}
          hint={t("voteAdmin.introHint")} error={errors.intro} />
      </div>
      <div className="form-actions">
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}

function ReportSection({ stageId }: { stageId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const load = useCallback(() => api.GET("/api/v1/stages/{stageId}/vote/report", { params: { path: { stageId } } }), [api, stageId]);
  const report = useLoad(load);
  return (
    <section className="vote-report" aria-labelledby="vote-report-title">
      <div className="vote-report-head">
        <h3 id="vote-report-title" className="section-title">
          {t("voteReport.title")}
        </h3>
        <button type="button" className="krds-btn secondary small" onClick={report.reload}>
          {t("voteReport.refresh")}
        </button>
      </div>
      {report.status === "loading" ? <Loading /> : null}
      {report.status === "error" ? <LoadError error={report.error} httpStatus={report.httpStatus} onRetry={report.reload} /> : null}
      {report.status === "ok" ? <Report report={report.data} /> : null}
    </section>
  );
}

const SIGNAL_MINIMUM = 5;

function Report({ report }: { report: VoteReport }) {
  const { t, language } = useI18n();
  const maxVotes = Math.max(0, ...report.counts.map((c) => c.votes));
  const signals = report.addresses.length + report.bursts.length;
  return (
    <>
      <dl className="detail-list compact">
        <div>
          <dt>{t("voteReport.total")}</dt>
          <dd>{t("voteReport.people", { count: report.vote.ballots })}</dd>
        </div>
        <div>
          <dt>{t("voteReport.byEmail")}</dt>
          <dd>{t("voteReport.people", { count: report.ballotsByMethod.emailCode })}</dd>
        </div>
        <div>
          <dt>{t("voteReport.byAccount")}</dt>
          <dd>{t("voteReport.people", { count: report.ballotsByMethod.account })}</dd>
        </div>
        <div>
          <dt>{t("voteReport.codes")}</dt>
          <dd>{t("voteReport.times", { count: report.codesRequested })}</dd>
        </div>
      </dl>

      <h4>{t("voteReport.countsTitle")}</h4>
      {report.counts.length === 0 || report.vote.ballots === 0 ? <p className="empty">{t("voteReport.empty")}</p> : null}
      {report.counts.length > 0 ? (
        <TableWrap label={t("voteReport.caption")}>
          <table className="tbl col data compact-table">
            <caption className="sr-only">{t("voteReport.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("voteReport.col.case")}</th>
                <th scope="col" className="num">
                  {t("voteReport.col.votes")}
                </th>
                <th scope="col">{t("voteReport.col.score")}</th>
              </tr>
            </thead>
            <tbody>
              {report.counts.map((c) => (
                <tr key={c.caseId}>
                  <th scope="row">{c.title}</th>
                  <td className="num">{c.votes}</td>
                  <td>
                    <span className="bar-cell">
                      <span className="bar-track" aria-hidden="true">
                        <span
                          className={`bar-fill${c.votes === 0 ? " is-zero" : ""}`}
                          style={{ width: `${maxVotes > 0 ? Math.round((c.votes / maxVotes) * 10000) / 100 : 0}%` }}
                        />
                      </span>
                      <span className="bar-value">{formatScore(c.voteScore, language)}</span>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <p className="form-hint">{t("voteReport.scoreHint")}</p>

      <h4>{t("voteReport.signalsTitle")}</h4>
      {signals === 0 ? (
        <Notice tone="success">
          <p>{t("voteReport.noSignals")}</p>
        </Notice>
      ) : (
        <Notice tone="danger">
          <p>
            <strong>{t("voteReport.signalsFound", { count: signals })}</strong>
          </p>
        </Notice>
      )}
      {report.addresses.length > 0 ? (
        <div className="top-gap">
          <p className="form-hint">
            <strong>{t("voteReport.addressesTitle")}</strong> — {t("voteReport.addressesHint")}
          </p>
          <TableWrap label={t("voteReport.addressesCaption")}>
            <table className="tbl col data compact-table">
              <caption className="sr-only">{t("voteReport.addressesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("voteReport.col.address")}</th>
                  <th scope="col" className="num">
                    {t("voteReport.col.ballots")}
                  </th>
                  <th scope="col" className="num">
                    {t("voteReport.col.codeRequests")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.addresses.map((a) => (
                  <tr key={a.address} className="is-flagged">
                    <th scope="row">
                      <span className="status-badge vote-signal-flag">{t("voteReport.flag")}</span> <code>{a.address}</code>
                    </th>
                    <td className="num">{a.ballots >= SIGNAL_MINIMUM ? <strong>{a.ballots}</strong> : a.ballots}</td>
                    <td className="num">{a.codeRequests >= SIGNAL_MINIMUM ? <strong>{a.codeRequests}</strong> : a.codeRequests}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ) : null}
      {report.bursts.length > 0 ? (
        <div className="top-gap">
          <p className="form-hint">
            <strong>{t("voteReport.burstsTitle")}</strong> — {t("voteReport.burstsHint")}
          </p>
          <TableWrap label={t("voteReport.burstsCaption")}>
            <table className="tbl col data compact-table">
              <caption className="sr-only">{t("voteReport.burstsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("voteReport.col.minute")}</th>
                  <th scope="col" className="num">
                    {t("voteReport.col.burstBallots")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.bursts.map((b) => (
                  <tr key={b.minute} className="is-flagged">
                    <th scope="row">
                      <span className="status-badge vote-signal-flag">{t("voteReport.flag")}</span>{" "}
                      <time dateTime={b.minute}>{formatSeoulDateTime(b.minute, language)}</time>
                    </th>
                    <td className="num">
                      <strong>{b.ballots}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ) : null}
    </>
  );
}
