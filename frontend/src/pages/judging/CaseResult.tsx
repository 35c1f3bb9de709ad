import { useCallback, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import type { Case } from "../../api/types";
import { useApi, useSession } from "../../app/context";
import { StatusMessage } from "../../components/forms";
import { LoadError, Loading } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { rolesOf } from "../../nav";
import { CaseEditorPage } from "../case/CaseEditorPage";
import { formatScore } from "./format";
import { ObjectionItem } from "./ObjectionItem";
import { fieldMessage, ObjectionWindow, objectionsOpen, problemText } from "./ui";

/** The case page, and below it the judging result and objections once results are out. */
export function CaseWithResult() {
  const { caseId = "" } = useParams();
  return (
    <>
      <CaseEditorPage />
      <CaseResult key={caseId} caseId={caseId} />
    </>
  );
}

/** 심사 결과 of an awarded or not awarded case, with the team's 이의신청. Renders nothing before results. */
export function CaseResult({ caseId }: { caseId: string }) {
  const api = useApi();
  const load = useCallback(() => api.GET("/api/v1/cases/{caseId}", { params: { path: { caseId } } }), [api, caseId]);
  const found = useLoad(load);
  if (found.status !== "ok") return null;
  const value = found.data;
  if (value.status !== "awarded" && value.status !== "not_awarded") return null;
  return <ResultSection value={value} />;
}

function ResultSection({ value }: { value: Case }) {
  const { t, language } = useI18n();
  const api = useApi();
  const session = useSession();
  const roundId = value.round.id;
  const loadResults = useCallback(() => api.GET("/api/v1/public/rounds/{roundId}/results", { params: { path: { roundId } } }), [api, roundId]);
  const loadObjections = useCallback(() => api.GET("/api/v1/rounds/{roundId}/objections", { params: { path: { roundId } } }), [api, roundId]);
  const results = useLoad(loadResults);
  const objections = useLoad(loadObjections);
  const row = results.status === "ok" ? results.data.cases.find((c) => c.caseId === value.id) : undefined;
  const isMember = session.status === "authenticated" && rolesOf(session.user).includes("member");
  const mine = objections.status === "ok" ? objections.data.items.filter((o) => o.caseId === value.id) : [];
  const closesAt = results.status === "ok" ? results.data.objectionsCloseAt : undefined;
  return (
    <section className="panel case-result top-gap" aria-labelledby="case-result-title">
      <h2 id="case-result-title" className="section-title">
        {t("caseResult.title")}
      </h2>
      {results.status === "loading" ? <Loading /> : null}
      <p className="case-result-line">
        {value.status === "awarded" ? (
          <span className="status-badge case-awarded">{row?.tier ? t("caseResult.awardedTier", { tier: row.tier }) : t("caseStatus.awarded")}</span>
        ) : (
          <span className="status-badge case-not_awarded">{t("caseStatus.not_awarded")}</span>
        )}{" "}
        {row ? <span className="case-result-rank">{t("caseResult.rankScore", { rank: row.rank, score: formatScore(row.score, language, 4) })}</span> : null}
      </p>
      <p>
        <Link className="text-link" to={`/results/${roundId}`}>{t("caseResult.publicLink")}</Link>
      </p>

      <h3 className="section-title case-result-sub">{t("caseResult.objections")}</h3>
      <ObjectionWindow closesAt={closesAt} />
      {objections.status === "loading" ? <Loading /> : null}
      {objections.status === "error" ? <LoadError error={objections.error} httpStatus={objections.httpStatus} onRetry={objections.reload} /> : null}
      {mine.length > 0 ? (
        <ul className="plain-list objection-list">
          {mine.map((o) => (
            <li key={o.id}>
              <ObjectionItem objection={o} answerable={false} />
            </li>
          ))}
        </ul>
      ) : objections.status === "ok" ? (
        <p className="muted">{t("caseResult.noObjections")}</p>
      ) : null}
      {isMember && results.status !== "loading" && objectionsOpen(closesAt) ? <ObjectionForm caseId={value.id} onFiled={objections.reload} /> : null}
    </section>
  );
}

function ObjectionForm({ caseId, onFiled }: { caseId: string; onFiled: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  // Folded until asked for. The window may also end while the page is open; the server's
  // refusal then says so.
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (text.trim().length < 10) {
      setError(t("caseResult.error.short"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, error: problem, response } = await api.POST("/api/v1/cases/{caseId}/objections", {
        params: { path: { caseId } },
        body: { text: text.trim() },
      });
      if (data) {
        setText("");
        setOpen(false);
        setMessage(t("caseResult.filed"));
        onFiled();
      } else setError(response.status === 400 ? (fieldMessage(problem, "text") ?? problemText(t, problem)) : problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <>
        <StatusMessage>{message}</StatusMessage>
        <p className="button-row">
          <button type="button" className="krds-btn secondary medium" aria-expanded={false} aria-controls="objection-form"
            onClick={() => {
              setOpen(true);
              setMessage(null);
              requestAnimationFrame(() => document.getElementById("objection-text")?.focus());
            }}>
            {t("caseResult.openForm")}
          </button>
        </p>
      </>
    );
  }
  return (
    <form id="objection-form" className="stack-form objection-new" noValidate onSubmit={submit}>
      <div className={`form-group${error ? " is-error" : ""}`}>
        <div className="form-tit">
          <label htmlFor="objection-text">{t("caseResult.objectionLabel")}</label>
        </div>
        <div className="form-conts">
          <textarea id="objection-text" className="krds-input textarea" rows={4} maxLength={5000} value={text}
            aria-invalid={Boolean(error) || undefined} aria-describedby={`objection-text-hint${error ? " objection-text-error" : ""}`}
            onChange={(event) => setText(event.target.value)} />
        </div>
        <p className="form-hint" id="objection-text-hint">
          {t("caseResult.objectionHint", { count: text.trim().length })}
        </p>
        {error ? (
          <p className="form-hint-invalid" id="objection-text-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t("caseResult.filing") : t("caseResult.file")}
        </button>
        <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </button>
      </div>
      <StatusMessage>{message}</StatusMessage>
    </form>
  );
}
