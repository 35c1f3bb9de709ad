import { useCallback, useState } from "react";
import { Link, useParams } from "react-router";
import { filenameFromDisposition } from "../../../api/transfer";
import type { Round } from "../../../api/types";
import { useApi } from "../../../app/context";
import { Dialog } from "../../../components/Dialog";
import { StatusMessage } from "../../../components/forms";
import { LoadMore } from "../../../components/LoadMore";
import { LoadError, Loading, Notice } from "../../../components/Page";
import { TableWrap } from "../../../components/TableWrap";
import { useCursorList, type CursorList } from "../../../components/useCursorList";
import { useLoad } from "../../../components/useLoad";
import { useI18n } from "../../../i18n/I18nProvider";
import { formatKrw } from "../../../lib/krw";
import { formatSeoulDateTime } from "../../../lib/seoul";
import { formatScore } from "../../judging/format";
import type { AwardRow, RoundResults } from "../../judging/types";
import { ObjectionItem } from "../../judging/ObjectionItem";
import { fieldMessage, problemText } from "../../judging/ui";
import { scorePartsOf } from "../../vote/scoreParts";
import { ScoreFormula, scorePartsLine } from "../../vote/VoteBreakdown";
import { RoundJudgingHeader } from "./RoundJudgingPage";

/** `/organizer/rounds/:roundId/results`: final ranking, awards, CSV, publication and objections. */
export function RoundResultsPage() {
  const { roundId = "" } = useParams();
  const api = useApi();
  const loadRound = useCallback(() => api.GET("/api/v1/rounds/{roundId}", { params: { path: { roundId } } }), [api, roundId]);
  const fetchResults = useCallback(
    (cursor?: string) => api.GET("/api/v1/rounds/{roundId}/results", { params: { path: { roundId }, query: { cursor } } }),
    [api, roundId],
  );
  const round = useLoad(loadRound);
  const results = useCursorList(fetchResults, (d) => d.rows);
  if (round.status === "loading") return <Loading />;
  if (round.status === "error") return <LoadError error={round.error} httpStatus={round.httpStatus} onRetry={round.reload} />;
  return (
    <>
      <RoundJudgingHeader round={round.data} current="results" />
      {results.status === "loading" ? <Loading /> : null}
      {results.status === "error" ? <LoadError error={results.error} httpStatus={results.httpStatus} onRetry={results.reload} /> : null}
      {results.status === "ok" ? <Results round={round.data} list={results} /> : null}
      <Objections roundId={round.data.id} />
    </>
  );
}

/**
 * The ranking a page of rows at a time; the figures above it (awarded, prize money, the
 * count in the publish dialog) are the server's, over the whole ranking. An override or the
 * publication loads the ranking again from its first page.
 */
function Results({ round, list }: { round: Round; list: CursorList<RoundResults, AwardRow> & { status: "ok" } }) {
  const { t, language } = useI18n();
  const api = useApi();
  const results = list.data;
  const rows = list.items;
  const [overriding, setOverriding] = useState<AwardRow | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data, error: problem } = await api.POST("/api/v1/rounds/{roundId}/results/publish", { params: { path: { roundId: round.id } } });
      setPublishing(false);
      if (data) {
        list.reload();
        setMessage(t("roundResults.published"));
      } else setError(problemText(t, problem));
    } catch {
      setPublishing(false);
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  const download = async (table: "results" | "matrix") => {
    setError(null);
    try {
      const { data, response } = await api.GET("/api/v1/rounds/{roundId}/results/export", {
        params: { path: { roundId: round.id }, query: { table } },
        parseAs: "blob",
      });
      if (!response.ok || !(data instanceof Blob)) {
        setError(t("roundResults.downloadFailed"));
        return;
      }
      const name = filenameFromDisposition(response.headers.get("Content-Disposition"), table === "matrix" ? "score-matrix.csv" : "results.csv");
      const url = URL.createObjectURL(data);
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.rel = "noopener";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setError(t("roundResults.downloadFailed"));
    }
  };

  const awarded = results.awardedCount;
  const prizeTotal = results.prizeTotalKrw;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" className="section-title">
        {t("roundResults.rankingTitle")}
      </h2>
      <div className="badge-row">
        {results.published ? (
          <span className="status-badge round-announced">{t("roundResults.isPublished")}</span>
        ) : results.ready ? (
          <span className="status-badge round-open">{t("roundResults.ready")}</span>
        ) : (
          <span className="status-badge round-judging">{t("roundResults.notReady")}</span>
        )}
        <span className="muted">{t("roundResults.method", { method: t(`method.${results.method}`) })}</span>
      </div>
      {results.published ? (
        <Notice tone="success">
          <p>
            {t("roundResults.publishedAt", { at: formatSeoulDateTime(results.publishedAt, language) })}{" "}
            {results.objectionsCloseAt ? t("roundResults.objectionsClose", { at: formatSeoulDateTime(results.objectionsCloseAt, language) }) : null}
          </p>
          <p>
            <Link className="text-link" to={`/results/${round.id}`}>{t("roundResults.publicLink")}</Link>
          </p>
        </Notice>
      ) : !results.ready ? (
        <Notice>
          <p>{t("roundResults.notReadyHint")}</p>
        </Notice>
      ) : null}
      {error ? (
        <div className="error-summary" role="alert">
          <p className="error-summary-title">{error}</p>
        </div>
      ) : null}
      <StatusMessage>{message}</StatusMessage>

      {rows.length === 0 ? (
        <p className="empty">{t("roundResults.empty")}</p>
      ) : (
        <>
          <p className="small-note">{t("roundResults.summary", { awarded, total: formatKrw(prizeTotal, language) })}</p>
          <TableWrap label={t("roundResults.caption")}>
            <table className="tbl col data compact-table">
              <caption className="sr-only">{t("roundResults.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("results.col.rank")}
                  </th>
                  <th scope="col">{t("results.col.case")}</th>
                  <th scope="col" className="num">
                    {t("results.col.score")}
                  </th>
                  <th scope="col">{t("roundResults.col.stage")}</th>
                  <th scope="col">{t("roundResults.col.tier")}</th>
                  <th scope="col" className="num">
                    {t("roundResults.col.prize")}
                  </th>
                  {!results.published ? <th scope="col">{t("roundResults.col.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.caseId}>
                    <td className="num">{row.rank}</td>
                    <th scope="row">
                      <Link to={`/cases/${row.caseId}`}>{row.title}</Link>
                      <span className="muted cell-sub">
                        {row.team.name}
                        {row.team.agency ? ` · ${row.team.agency.name}` : ""}
                      </span>
                    </th>
                    <td className="num">{formatScore(row.score, language, 4)}</td>
                    <td>
                      {row.stageReached ?? "–"}
                      {row.stageScores && row.stageScores.length > 1 ? (
                        <span className="muted cell-sub">
                          {row.stageScores.map((sc) => t("roundResults.stageScore", { stage: sc.stage, score: formatScore(sc.score, language, 2) })).join(" · ")}
                        </span>
                      ) : null}
                      {(row.stageScores ?? []).map((sc) => {
                        const parts = scorePartsOf(sc.components);
                        return parts ? (
                          <span key={sc.stage} className="cell-sub vote-breakdown">
                            {scorePartsLine(t, language, sc.stage, parts)}
                          </span>
                        ) : null;
                      })}
                    </td>
                    <td>
                      {row.tier ? <strong>{row.tier.name}</strong> : <span className="muted">{t("roundResults.noAward")}</span>}
                      {row.overridden ? (
                        <span className="cell-sub override-note">
                          <span className="status-badge override-badge">{t("roundResults.overridden")}</span>{" "}
                          {t("roundResults.overrideReason", { reason: row.overrideReason ?? "" })}
                        </span>
                      ) : null}
                    </td>
                    <td className="num">{row.tier ? formatKrw(row.tier.prizeKrw, language) : "–"}</td>
                    {!results.published ? (
                      <td>
                        <button type="button" className="krds-btn tertiary small" aria-label={t("roundResults.overrideLabel", { title: row.title })}
                          onClick={() => setOverriding(row)}>
                          {t("roundResults.override")}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <LoadMore list={list} />
          <ScoreFormula parts={rows.flatMap((r) => (r.stageScores ?? []).flatMap((sc) => scorePartsOf(sc.components) ?? []))} />
        </>
      )}

      <div className="button-row">
        <button type="button" className="krds-btn secondary medium" onClick={() => download("results")}>
          {t("roundResults.csvResults")}
        </button>
        <button type="button" className="krds-btn secondary medium" onClick={() => download("matrix")}>
          {t("roundResults.csvMatrix")}
        </button>
        {!results.published ? (
          <button type="button" className="krds-btn primary medium" disabled={busy} onClick={() => setPublishing(true)}>
            {t("roundResults.publish")}
          </button>
        ) : null}
      </div>

      <Dialog
        open={publishing}
        busy={busy}
        title={t("roundResults.publishDialog.title")}
        onClose={() => setPublishing(false)}
        actions={
          <>
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={publish}>
              {busy ? t("roundResults.publishing") : t("roundResults.publishDialog.confirm")}
            </button>
            <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setPublishing(false)}>
              {t("common.cancel")}
            </button>
          </>
        }
      >
        <p>{t("roundResults.publishDialog.body", { awarded, count: results.total })}</p>
        <ul>
          <li>{t("roundResults.publishDialog.point1")}</li>
          <li>{t("roundResults.publishDialog.point2")}</li>
          <li>{t("roundResults.publishDialog.point3")}</li>
        </ul>
      </Dialog>

      {overriding ? (
        <OverrideDialog
          round={round}
          row={overriding}
          onClose={() => setOverriding(null)}
          onSaved={() => {
            list.reload();
            setMessage(t("roundResults.overrideSaved", { title: overriding.title }));
            setOverriding(null);
          }}
        />
      ) : null}
    </section>
  );
}

function OverrideDialog({ round, row, onClose, onSaved }: { round: Round; row: AwardRow; onClose: () => void; onSaved: (results: RoundResults) => void }) {
  const { t, language } = useI18n();
  const api = useApi();
  const [tierId, setTierId] = useState(row.tier?.id ?? "");
  const [reason, setReason] = useState(row.overrideReason ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (reason.trim().length < 2) {
      setError(t("roundResults.error.reason"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: { reason: string; tierId?: string } = { reason: reason.trim() };
      if (tierId) body.tierId = tierId;
      const { data, error: problem, response } = await api.PUT("/api/v1/rounds/{roundId}/awards/{caseId}", {
        params: { path: { roundId: round.id, caseId: row.caseId } },
        body,
      });
      if (data) onSaved(data);
      else setError(response.status === 400 ? (fieldMessage(problem, "reason") ?? fieldMessage(problem, "tierId") ?? problemText(t, problem)) : problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      busy={busy}
      title={t("roundResults.overrideTitle", { title: row.title })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="krds-btn primary medium" disabled={busy} onClick={save}>
            {t("common.save")}
          </button>
          <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={onClose}>
            {t("common.cancel")}
          </button>
        </>
      }
    >
      <p>{t("roundResults.overrideBody", { rank: row.rank })}</p>
      <div className="form-group">
        <label htmlFor="override-tier">{t("roundResults.col.tier")}</label>
        <select id="override-tier" className="krds-form-select" value={tierId} onChange={(event) => setTierId(event.target.value)}>
          <option value="">{t("roundResults.noAward")}</option>
          {round.awardTiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {t("roundResults.tierOption", { name: tier.name, prize: formatKrw(tier.prizeKrw, language) })}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label htmlFor="override-reason">{t("roundResults.reason")}</label>
        <textarea id="override-reason" className="krds-input textarea" rows={3} maxLength={1000} value={reason}
          aria-invalid={Boolean(error) || undefined} aria-describedby={error ? "override-error" : "override-hint"}
          onChange={(event) => setReason(event.target.value)} />
        <p className="form-hint" id="override-hint">
          {t("roundResults.reasonHint")}
        </p>
      </div>
      {error ? (
        <p className="form-hint-invalid" id="override-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

function Objections({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const load = useCallback(() => api.GET("/api/v1/rounds/{roundId}/objections", { params: { path: { roundId } } }), [api, roundId]);
  const objections = useLoad(load);
  return (
    <section aria-labelledby="objections-title" className="top-gap">
      <h2 id="objections-title" className="section-title">
        {t("objections.title")}
      </h2>
      {objections.status === "loading" ? <Loading /> : null}
      {objections.status === "error" ? <LoadError error={objections.error} httpStatus={objections.httpStatus} onRetry={objections.reload} /> : null}
      {objections.status === "ok" ? (
        objections.data.items.length === 0 ? (
          <p className="empty">{t("objections.empty")}</p>
        ) : (
          <ul className="plain-list objection-list">
            {objections.data.items.map((o) => (
              <li key={o.id}>
                <ObjectionItem objection={o} answerable onAnswered={objections.reload} />
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
