import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useApi } from "../../app/context";
import { Dialog } from "../../components/Dialog";
import { LoadError, Loading, Notice, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import type { MessageKey } from "../../i18n/messages";
import { AutosaveIndicator } from "../../components/AutosaveIndicator";
import { Autosave, type AutosaveState, type SaveOutcome } from "../../lib/autosave";
import { formatSeoulDateTime } from "../../lib/seoul";
import { CaseReadView } from "../case/CaseReadView";
import { DeadlineBadge, useNow } from "../RoundsPage";
import { formatScore } from "./format";
import { CriterionField, LiveTotal } from "./ScoreForm";
import {
  formToInput,
  formValues,
  itemOf,
  pointsOf,
  sheetErrors,
  sheetTotal,
  sheetToForm,
  unscored,
  type FieldProblem,
  type ItemForm,
  type SheetErrors,
  type SheetRequest,
  type SheetForm,
} from "./scoring";
import type { Criterion, JudgingCase, ScoreSheet } from "./types";
import { fieldMessage, problemCode, problemText, SheetStatusBadge, StageKindBadge } from "./ui";

/** `/judging/stages/:stageId/cases/:caseId`: the case as submitted beside the score sheet. */
export function ScoringPage() {
  const { stageId = "", caseId = "" } = useParams();
  const api = useApi();
  const { t } = useI18n();
  const load = useCallback(
    () => api.GET("/api/v1/stages/{stageId}/cases/{caseId}", { params: { path: { stageId, caseId } } }),
    [api, stageId, caseId],
  );
  const loaded = useLoad(load);
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") {
    if (loaded.httpStatus === 404) {
      return (
        <>
          <PageHeader title={t("scoring.title")} />
          <Notice tone="danger">
            <p>{t("scoring.notFound")}</p>
          </Notice>
          <p>
            <Link className="krds-btn secondary medium" to="/judging">
              {t("scoring.backToDashboard")}
            </Link>
          </p>
        </>
      );
    }
    return <LoadError error={loaded.error} httpStatus={loaded.httpStatus} onRetry={loaded.reload} />;
  }
  return <Scoring key={`${stageId}/${caseId}`} data={loaded.data} />;
}

/** A refused save: the server's problem and the request it refused. */
type SaveProblem = { body: unknown; request: SheetRequest };

/** The server's word on a refused sheet, with the form's own for points it could not read. */
function refusedSheet(body: unknown, request: SheetRequest, t: (key: MessageKey) => string): SheetErrors {
  const found = sheetErrors(body, request.criterionIds);
  for (const id of request.unreadable) found.criteria[id] = { code: "number", message: t("scoring.error.number") };
  return found;
}

function useAutosaveState<D, V>(autosave: Autosave<D, V>): AutosaveState<V> {
  return useSyncExternalStore(autosave.subscribe, autosave.getState, autosave.getState);
}

/** Korean (or English) text for a criterion's problem, with the scale for out_of_scale. */
function criterionMessage(t: ReturnType<typeof useI18n>["t"], criterion: Criterion | undefined, problem: FieldProblem): string {
  if (problem.code === "out_of_scale" && criterion && criterion.scale.kind === "points") {
    return t("scoring.error.outOfScale", {
      min: String(criterion.scale.min ?? 0),
      max: String(criterion.scale.max ?? 0),
      step: String(criterion.scale.step ?? 1),
    });
  }
  if (problem.code === "not_in_scale") return t("scoring.error.notInScale");
  if (problem.code === "required") return t("scoring.error.required");
  return problem.message;
}

function Scoring({ data }: { data: JudgingCase }) {
  const { t, language } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const now = useNow();
  const { stage, caseId } = data;
  const stageId = stage.id;
  const criteria = stage.criteria;
  const [form, setForm] = useState<SheetForm>(() => sheetToForm(criteria, data.sheet));
  const [sheet, setSheet] = useState<ScoreSheet>(data.sheet);
  const [errors, setErrors] = useState<SheetErrors | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"submit" | "recuse" | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement | null>(null);

  const autosave = useMemo(
    () =>
      new Autosave<SheetForm, ScoreSheet>({
        etag: "",
        save: async (draft): Promise<SaveOutcome<ScoreSheet>> => {
          const request = formToInput(criteria, draft, false);
          const { data: saved, error, response } = await api.PUT("/api/v1/stages/{stageId}/cases/{caseId}/sheet", {
            params: { path: { stageId, caseId } },
            body: request.body,
          });
          if (saved) return { kind: "saved", value: saved, etag: "" };
          if (response.status === 409 || response.status === 404) return { kind: "closed", problem: error };
          if (response.status === 400) return { kind: "invalid", problem: { body: error, request } satisfies SaveProblem };
          return { kind: "failed", problem: error };
        },
        onSaved: (value) => setSheet(value),
      }),
    [api, stageId, caseId, criteria],
  );
  const state = useAutosaveState(autosave);
  const editable = data.editable && state.status !== "closed";

  // Field messages follow each save's outcome.
  useEffect(() => {
    if (state.status === "invalid") {
      const problem = state.problem as SaveProblem;
      setErrors(refusedSheet(problem.body, problem.request, t));
    } else if (state.status === "saved") {
      setErrors(null);
    }
  }, [state.status, state.problem, criteria, t]);

  // Save what is pending when leaving; warn before closing the tab with unsaved scores.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const status = autosave.getState().status;
      if (status === "dirty" || status === "saving" || status === "failed") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      void autosave.flush();
    };
  }, [autosave]);

  const latest = useRef(form);
  latest.current = form;
  const update = (next: SheetForm) => {
    latest.current = next;
    setForm(next);
    autosave.change(next);
    setSummary(null);
    setMessage(null);
  };
  const setItem = (criterionId: string, change: Partial<ItemForm>) => {
    const current = latest.current;
    update({ ...current, items: { ...current.items, [criterionId]: { ...itemOf(current, criterionId), ...change } } });
  };

  const total = sheetTotal(criteria, formValues(criteria, form));

  const focusFirstProblem = (ids: string[]) => {
    requestAnimationFrame(() => {
      const first = ids[0] ? document.querySelector<HTMLElement>(`[data-criterion="${ids[0]}"] input, [data-criterion="${ids[0]}"] textarea`) : null;
      (first ?? summaryRef.current)?.focus();
    });
  };

  const openSubmit = () => {
    setMessage(null);
    const missing = unscored(criteria, latest.current);
    if (missing.length > 0) {
      const local: SheetErrors = { criteria: {}, other: [], missing: missing.map((c) => c.id) };
      for (const c of missing) local.criteria[c.id] = { code: "required", message: t("scoring.error.required") };
      setErrors(local);
      setSummary(t("scoring.error.missing", { names: missing.map((c) => c.name).join(", ") }));
      focusFirstProblem(missing.map((c) => c.id));
      return;
    }
    setDialog("submit");
  };

  const submit = async () => {
    setBusy(true);
    setSummary(null);
    try {
      const flushed = await autosave.flush();
      if (flushed.status === "closed") {
        setDialog(null);
        return;
      }
      await autosave.exclusive(async () => {
        const request = formToInput(criteria, latest.current, true);
        const { data: saved, error, response } = await api.PUT("/api/v1/stages/{stageId}/cases/{caseId}/sheet", {
          params: { path: { stageId, caseId } },
          body: request.body,
        });
        setDialog(null);
        if (saved) {
          setSheet(saved);
          setErrors(null);
          setMessage(t("scoring.submitted", { score: saved.total !== undefined ? formatScore(saved.total, language) : "–" }));
        } else if (response.status === 409 || response.status === 404) {
          autosave.close(error);
        } else if (response.status === 400) {
          const found = refusedSheet(error, request, t);
          setErrors(found);
          setSummary(
            found.missing.length > 0
              ? t("scoring.error.missing", { names: criteria.filter((c) => found.missing.includes(c.id)).map((c) => c.name).join(", ") })
              : problemText(t, error),
          );
          focusFirstProblem(Object.keys(found.criteria));
        } else {
          setSummary(problemText(t, error));
          requestAnimationFrame(() => summaryRef.current?.focus());
        }
        return { result: undefined };
      });
    } catch {
      setDialog(null);
      setSummary(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  const recuse = async () => {
    if (reason.trim().length < 2) {
      setReasonError(t("scoring.recuseReasonShort"));
      return;
    }
    setBusy(true);
    setReasonError(null);
    try {
      await autosave.flush();
      const { data: conflict, error, response } = await api.POST("/api/v1/stages/{stageId}/cases/{caseId}/recusal", {
        params: { path: { stageId, caseId } },
        body: { reason: reason.trim() },
      });
      if (conflict) {
        autosave.close();
        setDialog(null);
        navigate("/judging", { state: { message: t("scoring.recused", { title: data.content.title }) } });
        return;
      }
      setReasonError(response.status === 400 ? (fieldMessage(error, "reason") ?? problemText(t, error)) : problemText(t, error));
    } catch {
      setReasonError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  const closedProblem = state.status === "closed" ? state.problem : null;
  const errorOf = (c: Criterion): string | undefined => {
    const problem = errors?.criteria[c.id];
    return problem ? criterionMessage(t, c, problem) : undefined;
  };
  const submitted = sheet.status === "submitted";

  return (
    <>
      <PageHeader title={data.content.title || t("caseEditor.untitled")} lead={t("scoring.lead")}>
        <p className="back-link">
          <Link to="/judging">{t("scoring.backToDashboard")}</Link>
        </p>
        <dl className="detail-list compact case-meta">
          <div>
            <dt>{t("scoring.stage")}</dt>
            <dd>
              {stage.name} <StageKindBadge kind={stage.kind} />
            </dd>
          </div>
          <div>
            <dt>{t("scoring.deadline")}</dt>
            <dd>
              <time dateTime={stage.scoringClosesAt}>{formatSeoulDateTime(stage.scoringClosesAt, language)}</time>{" "}
              <DeadlineBadge closesAt={stage.scoringClosesAt} now={now} />
            </dd>
          </div>
          <div>
            <dt>{t("scoring.team")}</dt>
            <dd>
              {data.blind || !data.team ? (
                <span className="muted">{t("scoring.hidden")}</span>
              ) : (
                <>
                  {data.team.name}
                  {data.team.agency ? <span className="muted cell-sub">{data.team.agency.name}</span> : null}
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("scoring.sheetStatus")}</dt>
            <dd>
              <SheetStatusBadge status={sheet.status} />
            </dd>
          </div>
        </dl>
      </PageHeader>

      {data.blind ? (
        <Notice>
          <p>
            <strong>{t("scoring.blindNotice")}</strong>
          </p>
          {data.identityWarnings && data.identityWarnings.length > 0 ? (
            <>
              <p>{t("scoring.identityWarnings")}</p>
              <ul className="identity-warnings">
                {data.identityWarnings.map((name) => (
                  <li key={name} className="filename">
                    {name}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Notice>
      ) : null}

      {!editable ? (
        <Notice tone={state.status === "closed" ? "danger" : "info"}>
          <p>
            {state.status === "closed" && problemCode(closedProblem) !== "stage_closed" && closedProblem
              ? problemText(t, closedProblem)
              : t("scoring.readOnly")}
          </p>
        </Notice>
      ) : null}

      <div className="scoring-layout">
        <section className="scoring-case panel" aria-labelledby="scoring-case-title">
          <h2 id="scoring-case-title" className="section-title">
            {t("scoring.caseTitle")}
          </h2>
          {/* Judges see the files listed; the API lets only the team and organizers download them. */}
          <CaseReadView content={data.content} attachments={data.attachments} caseId={null} headingLevel={3} />
        </section>

        <section className="scoring-sheet panel" aria-labelledby="scoring-sheet-title">
          <h2 id="scoring-sheet-title" className="section-title">
            {t("scoring.sheetTitle")}
          </h2>
          {submitted && editable ? <p className="small-note submitted-note">{t("scoring.submittedNote")}</p> : null}
          <form className="sheet-form" noValidate onSubmit={(event: FormEvent) => event.preventDefault()} aria-describedby="sheet-save-status">
            {summary || (errors && errors.other.length > 0) ? (
              <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
                {summary ? <p className="error-summary-title">{summary}</p> : null}
                {errors && errors.other.length > 0 ? (
                  <ul>
                    {errors.other.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            {criteria.map((criterion, index) => (
              <CriterionField
                key={criterion.id}
                criterion={criterion}
                index={index}
                item={itemOf(form, criterion.id)}
                onItem={(change) => setItem(criterion.id, change)}
                error={errorOf(criterion)}
                disabled={!editable}
              />
            ))}
            <div className="form-group">
              <label className="comment-label" htmlFor="overall-comment">
                {t("scoring.overallComment")} <span className="field-flag">({t("common.optional")})</span>
              </label>
              <textarea
                id="overall-comment"
                className="krds-input textarea"
                rows={4}
                maxLength={5000}
                value={form.overallComment}
                readOnly={!editable}
                aria-invalid={Boolean(errors?.overallComment) || undefined}
                onChange={(event) => update({ ...latest.current, overallComment: event.target.value })}
              />
              {errors?.overallComment ? <p className="form-hint-invalid">{errors.overallComment}</p> : null}
            </div>
          </form>

          <div className="sheet-bar" role="region" aria-label={t("scoring.actions")}>
            <LiveTotal total={total} />
            <SheetSaveStatus state={state} editable={editable} onRetry={() => autosave.retry()} />
            <div className="status-message" role="status">
              {message ? <p>{message}</p> : null}
            </div>
            {editable ? (
              <div className="row-actions">
                <button type="button" className="krds-btn primary medium" disabled={busy} onClick={openSubmit}>
                  {submitted ? t("scoring.resubmit") : t("scoring.submit")}
                </button>
                <button type="button" className="krds-btn tertiary medium" disabled={busy} onClick={() => setDialog("recuse")}>
                  {t("scoring.recuse")}
                </button>
              </div>
            ) : null}
          </div>
        </section>
      </div>

      <Dialog
        open={dialog === "submit"}
        busy={busy}
        title={t("scoring.submitDialog.title")}
        onClose={() => setDialog(null)}
        actions={
          <>
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={submit}>
              {busy ? t("scoring.submitting") : t("scoring.submitDialog.confirm")}
            </button>
            <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setDialog(null)}>
              {t("common.cancel")}
            </button>
          </>
        }
      >
        <p>{t("scoring.submitDialog.body")}</p>
        <dl className="detail-list dialog-summary">
          {criteria.map((c) => {
            const value = formValues(criteria, form)[c.id];
            const points = pointsOf(c, value);
            return (
              <div key={c.id}>
                <dt>{c.name}</dt>
                <dd>
                  {c.scale.kind === "grades" && value?.grade
                    ? t("scoring.gradeChoice", { grade: value.grade, points: points !== null ? formatScore(points, language) : "–" })
                    : points !== null
                      ? t("scoring.pointsChoice", { points: formatScore(points, language) })
                      : "–"}
                </dd>
              </div>
            );
          })}
          <div>
            <dt>{t("scoring.total")}</dt>
            <dd>
              <strong>{t("scoring.totalValue", { score: total.total !== null ? formatScore(total.total, language) : "–" })}</strong>
            </dd>
          </div>
        </dl>
        <p className="small-note">{t("scoring.submitDialog.note")}</p>
      </Dialog>

      <Dialog
        open={dialog === "recuse"}
        busy={busy}
        title={t("scoring.recuseDialog.title")}
        onClose={() => {
          setDialog(null);
          setReasonError(null);
        }}
        actions={
          <>
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={recuse}>
              {t("scoring.recuseDialog.confirm")}
            </button>
            <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setDialog(null)}>
              {t("common.cancel")}
            </button>
          </>
        }
      >
        <p>{t("scoring.recuseDialog.body")}</p>
        <div className={`form-group${reasonError ? " is-error" : ""}`}>
          <label htmlFor="recuse-reason">
            {t("scoring.recuseReason")} <span className="field-flag field-flag-required" aria-hidden="true">*</span>
          </label>
          <textarea
            id="recuse-reason"
            className="krds-input textarea"
            rows={3}
            maxLength={500}
            value={reason}
            required
            aria-invalid={Boolean(reasonError) || undefined}
            aria-describedby={reasonError ? "recuse-reason-error" : "recuse-reason-hint"}
            onChange={(event) => setReason(event.target.value)}
          />
          {reasonError ? (
            <p className="form-hint-invalid" id="recuse-reason-error" role="alert">
              {reasonError}
            </p>
          ) : (
            <p className="form-hint" id="recuse-reason-hint">
              {t("scoring.recuseReasonHint")}
            </p>
          )}
        </div>
      </Dialog>
    </>
  );
}

/** 저장 상태 of the sheet: the editor's indicator in score-sheet wording. */
function SheetSaveStatus({ state, editable, onRetry }: { state: AutosaveState<ScoreSheet>; editable: boolean; onRetry: () => void }) {
  const { t } = useI18n();
  const closed = t("scoring.save.closed");
  return (
    <AutosaveIndicator
      state={state}
      onRetry={onRetry}
      statusId="sheet-save-status"
      wording={{ idle: editable ? t("scoring.save.idle") : t("scoring.save.readOnly"), invalid: t("scoring.save.invalid"), conflict: closed, closed }}
    />
  );
}
