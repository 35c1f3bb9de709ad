import { useState, type FormEvent } from "react";
import { useApi } from "../../app/context";
import { useI18n } from "../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../lib/seoul";
import type { Objection } from "./types";
import { fieldMessage, problemText } from "./ui";

/** One objection with its answer; organizers answer an open one here. */
export function ObjectionItem({ objection, answerable, onAnswered }: { objection: Objection; answerable: boolean; onAnswered?: () => void }) {
  const { t, language } = useI18n();
  const api = useApi();
  const [answer, setAnswer] = useState("");
  const [upheld, setUpheld] = useState<"" | "yes" | "no">("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `objection-${objection.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (answer.trim().length < 2) {
      setError(t("objections.error.answer"));
      return;
    }
    if (!upheld) {
      setError(t("objections.error.decision"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, error: problem, response } = await api.POST("/api/v1/objections/{objectionId}/answer", {
        params: { path: { objectionId: objection.id } },
        body: { answer: answer.trim(), upheld: upheld === "yes" },
      });
      if (data) onAnswered?.();
      else setError(response.status === 400 ? (fieldMessage(problem, "answer") ?? problemText(t, problem)) : problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };
  const answered = Boolean(objection.answeredAt);
  return (
    <article className="objection panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="objection-title">
        {objection.caseTitle}{" "}
        {answered ? (
          <span className={`status-badge ${objection.upheld ? "objection-upheld" : "objection-rejected"}`}>
            {objection.upheld ? t("objections.upheld") : t("objections.rejected")}
          </span>
        ) : (
          <span className="status-badge objection-open">{t("objections.open")}</span>
        )}
      </h3>
      <p className="muted small-note">{t("objections.filed", { name: objection.filedBy, at: formatSeoulDateTime(objection.filedAt, language) })}</p>
      <p className="prose">{objection.text}</p>
      {answered ? (
        <div className="objection-answer">
          <p className="objection-answer-head">
            {t("objections.answeredBy", { name: objection.answeredBy ?? "–", at: formatSeoulDateTime(objection.answeredAt, language) })}
          </p>
          <p className="prose">{objection.answer}</p>
        </div>
      ) : answerable ? (
        <form className="stack-form objection-form" noValidate onSubmit={submit}>
          <div className="form-group">
            <label htmlFor={`${id}-answer`}>{t("objections.answer")}</label>
            <textarea id={`${id}-answer`} className="krds-input textarea" rows={3} maxLength={5000} value={answer}
              onChange={(event) => setAnswer(event.target.value)} aria-invalid={Boolean(error) || undefined}
              aria-describedby={error ? `${id}-error` : undefined} />
          </div>
          <fieldset className="form-group radio-group">
            <legend className="form-tit visible-legend">{t("objections.decision")}</legend>
            <div className="inline-radios">
              <div className="krds-form-check medium">
                <input type="radio" id={`${id}-yes`} name={`${id}-decision`} checked={upheld === "yes"} onChange={() => setUpheld("yes")} />
                <label htmlFor={`${id}-yes`}>{t("objections.upheld")}</label>
              </div>
              <div className="krds-form-check medium">
                <input type="radio" id={`${id}-no`} name={`${id}-decision`} checked={upheld === "no"} onChange={() => setUpheld("no")} />
                <label htmlFor={`${id}-no`}>{t("objections.rejected")}</label>
              </div>
            </div>
          </fieldset>
          {error ? (
            <p className="form-hint-invalid" id={`${id}-error`} role="alert">
              {error}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="krds-btn primary medium" disabled={busy}>
              {busy ? t("common.saving") : t("objections.submitAnswer")}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted">{t("objections.waiting")}</p>
      )}
    </article>
  );
}
