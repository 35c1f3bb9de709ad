import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { isProblem, problemToPathErrors, withLocalErrors, type PathErrors } from "../../api/problem";
import { CASE_STAGES, LICENCES, type Case, type ConflictProblem, type Round } from "../../api/types";
import { useApi } from "../../app/context";
import { CaseStatusBadge } from "../../components/badges";
import { Dialog } from "../../components/Dialog";
import { SelectField, StatusMessage, TextAreaField, TextField } from "../../components/forms";
import { LoadError, Loading, Notice, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import type { MessageKey } from "../../i18n/messages";
import { AutosaveIndicator } from "../../components/AutosaveIndicator";
import { Autosave, type AutosaveState, type SaveOutcome } from "../../lib/autosave";
import {
  caseFieldLabel,
  caseToForm,
  emptyCollaborator,
  emptyMetric,
  formToInput,
  type CaseForm,
  type CaseMeta,
  type LocalErrors,
} from "../../lib/caseForm";
import { formatKrw, parseKrw } from "../../lib/krw";
import { formatSeoulDateTime } from "../../lib/seoul";
import { DeadlineBadge, useNow } from "../RoundsPage";
import { AttachmentsPanel } from "./Attachments";
import { CaseReadView } from "./CaseReadView";
import { CollaboratorsEditor, EvidenceField, fieldId, MetricsEditor, TagsField } from "./CaseFields";
import { SimilarCasesPanel } from "./SimilarCasesPanel";

interface Loaded {
  value: Case;
  etag: string;
}

function etagOf(response: Response, value: Case): string {
  return response.headers.get("ETag") ?? `"${value.revision}"`;
}

/** `/cases/:caseId/edit` and `/cases/:caseId`: the editor, or the read-only case when it cannot be changed. */
export function CaseEditorPage() {
  const { caseId = "" } = useParams();
  const api = useApi();
  const load = useCallback(async () => {
    const { data, error, response } = await api.GET("/api/v1/cases/{caseId}", { params: { path: { caseId } } });
    return { data: data ? { value: data, etag: etagOf(response, data) } : undefined, error, response };
  }, [api, caseId]);
  const loaded = useLoad<Loaded>(load);
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <LoadError error={loaded.error} httpStatus={loaded.httpStatus} onRetry={loaded.reload} />;
  return <WithRound key={loaded.data.value.id} initial={loaded.data} reload={loaded.reload} />;
}

/** Loads the case's round for its categories (the editor still works without it). */
function WithRound({ initial, reload }: { initial: Loaded; reload: () => void }) {
  const api = useApi();
  const roundId = initial.value.round.id;
  const load = useCallback(() => api.GET("/api/v1/rounds/{roundId}", { params: { path: { roundId } } }), [api, roundId]);
  const round = useLoad(load);
  if (round.status === "loading" && initial.value.editable) return <Loading />;
  return <CaseEditor initial={initial} round={round.status === "ok" ? round.data : null} reload={reload} />;
}

/** Paths the editor shows a message next to. */
const SHOWN = /^(title|summary|problem|solution|outcomes|category|tags|beneficiaries|costKrw|savingsKrw|startedOn|stage|evidenceLevel|licence|metrics|collaborators)$|^metrics\[\d+\](\.(name|unit|before|after|direction|period))?$|^collaborators\[\d+\]\.(name|kind|role)$/;
const ALIASES = { categoryId: "category" };

function metaOf(value: Case): CaseMeta {
  const {
    title: _title, summary: _s, problem: _p, solution: _so, outcomes: _o, category: _c, tags: _t, beneficiaries: _b,
    costKrw: _ck, savingsKrw: _sk, startedOn: _st, stage: _sg, evidenceLevel: _e, licence: _l, metrics: _m, collaborators: _co,
    ...meta
  } = value;
  return meta;
}

function localMessages(local: LocalErrors, t: (key: MessageKey) => string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [path, key] of Object.entries(local)) fields[path] = t(key);
  return fields;
}

/** A refused save: the server's problem and what the form found itself. */
interface RefusedSave {
  body: unknown;
  local: LocalErrors;
}

function useAutosaveState<D, V>(autosave: Autosave<D, V>): AutosaveState<V> {
  return useSyncExternalStore(autosave.subscribe, autosave.getState, autosave.getState);
}

function CaseEditor({ initial, round, reload }: { initial: Loaded; round: Round | null; reload: () => void }) {
  const { t, language } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const now = useNow();
  const caseId = initial.value.id;
  const [meta, setMeta] = useState<CaseMeta>(() => metaOf(initial.value));
  // The case as the server last answered (shown if it turns read-only while open).
  const [serverCase, setServerCase] = useState<Case>(initial.value);
  const adopt = useCallback((value: Case) => {
    setServerCase(value);
    setMeta(metaOf(value));
  }, []);
  const [form, setForm] = useState<CaseForm>(() => caseToForm(initial.value));
  const [closedCase, setClosedCase] = useState<{ value: Case | null; problem: unknown } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<PathErrors | null>(null);
  const [submitErrors, setSubmitErrors] = useState<PathErrors | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"submit" | "withdraw" | "delete" | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const conflictRef = useRef<HTMLDivElement | null>(null);

  const autosave = useMemo(
    () =>
      new Autosave<CaseForm, Case>({
        etag: initial.etag,
        save: async (draft, etag): Promise<SaveOutcome<Case>> => {
          const { input, errors } = formToInput(draft);
          const { data, error, response } = await api.PUT("/api/v1/cases/{caseId}", {
            params: { path: { caseId }, header: { "If-Match": etag } },
            body: input,
          });
          if (data) return { kind: "saved", value: data, etag: etagOf(response, data) };
          if (response.status === 412) {
            const current = (error as ConflictProblem | undefined)?.current ?? null;
            return {
              kind: "conflict",
              current,
              etag: response.headers.get("ETag") ?? (current ? `"${current.revision}"` : null),
            };
          }
          if (response.status === 409) return { kind: "closed", problem: error };
          if (response.status === 400) return { kind: "invalid", problem: { body: error, local: errors } satisfies RefusedSave };
          return { kind: "failed", problem: error };
        },
        onSaved: (value) => adopt(value),
      }),
    [api, caseId, initial.etag, adopt],
  );
  const state = useAutosaveState(autosave);

  // Field messages follow the outcome of each save (not each keystroke).
  useEffect(() => {
    if (state.status === "invalid") {
      const { body, local } = state.problem as RefusedSave;
      setFieldErrors(
        withLocalErrors(problemToPathErrors(body, (p) => SHOWN.test(p), t("autosave.invalid"), ALIASES), localMessages(local, t)),
      );
    } else if (state.status === "saved") {
      setFieldErrors(null);
    }
  }, [state.status, state.problem, t]);

  // When the deadline passes mid-edit, show the case as the server has it, read-only.
  useEffect(() => {
    if (state.status !== "closed" || closedCase) return;
    let live = true;
    api.GET("/api/v1/cases/{caseId}", { params: { path: { caseId } } }).then(
      ({ data }) => live && setClosedCase({ value: data ?? null, problem: state.problem }),
      () => live && setClosedCase({ value: null, problem: state.problem }),
    );
    return () => {
      live = false;
    };
  }, [state.status, state.problem, closedCase, api, caseId]);

  useEffect(() => {
    if (state.status === "conflict") conflictRef.current?.focus();
  }, [state.status]);

  // Save what is pending when leaving the page; warn before closing the tab with unsaved changes.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const status = autosave.getState().status;
      if (status === "dirty" || status === "saving" || status === "failed" || status === "conflict") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      void autosave.flush();
    };
  }, [autosave]);

  const latest = useRef(form);
  latest.current = form;
  const update = (change: Partial<CaseForm>) => {
    const next = { ...latest.current, ...change };
    latest.current = next;
    setForm(next);
    autosave.change(next);
    setSubmitErrors(null);
  };

  const loadLatest = () => {
    const current = state.current;
    if (!current || !state.currentEtag) {
      reload();
      return;
    }
    const next = caseToForm(current);
    latest.current = next;
    setForm(next);
    adopt(current);
    setFieldErrors(null);
    autosave.resume(state.currentEtag);
    setMessage(t("conflict.loaded"));
    requestAnimationFrame(() => document.getElementById(fieldId("title"))?.focus());
  };

  const onCase = adopt;

  const submit = async () => {
    setBusy(true);
    setMessage(null);
    setSubmitErrors(null);
    try {
      const saved = await autosave.flush();
      if (saved.status !== "saved" && saved.status !== "idle") {
        setDialog(null);
        if (saved.status === "invalid" || saved.status === "failed") {
          setSubmitErrors({ summary: t("submit.unsaved"), fields: {}, other: [], paths: [] });
          requestAnimationFrame(() => summaryRef.current?.focus());
        }
        return;
      }
      await autosave.exclusive(async (etag) => {
        const { data, error, response } = await api.POST("/api/v1/cases/{caseId}/submit", {
          params: { path: { caseId }, header: { "If-Match": etag } },
        });
        setDialog(null);
        if (data) {
          adopt(data);
          setMessage(t("submit.done", { n: data.submittedVersion }));
          return { result: undefined, etag: etagOf(response, data) };
        }
        if (response.status === 412) {
          const current = (error as ConflictProblem | undefined)?.current ?? null;
          autosave.conflict(current, response.headers.get("ETag") ?? (current ? `"${current.revision}"` : null));
        } else if (response.status === 409 && isProblem(error) && error.code === "submission_closed") {
          autosave.close(error);
        } else {
          const errors = problemToPathErrors(error, (p) => SHOWN.test(p), t("common.errorUnknown"), ALIASES);
          setSubmitErrors({ ...errors, summary: response.status === 400 ? t("submit.missing") : errors.summary });
          if (response.status === 400) setFieldErrors(errors);
          requestAnimationFrame(() => summaryRef.current?.focus());
        }
        return { result: undefined };
      });
    } catch {
      setDialog(null);
      setSubmitErrors({ summary: t("common.errorNetwork"), fields: {}, other: [], paths: [] });
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await autosave.flush();
      await autosave.exclusive(async () => {
        const { data, error, response } = await api.POST("/api/v1/cases/{caseId}/withdraw", { params: { path: { caseId } } });
        setDialog(null);
        if (data) {
          adopt(data);
          setMessage(t("withdraw.done"));
          return { result: undefined, etag: etagOf(response, data) };
        }
        if (response.status === 409 && isProblem(error) && error.code === "submission_closed") autosave.close(error);
        else setSubmitErrors(problemToPathErrors(error, () => false, t("common.errorUnknown")));
        return { result: undefined };
      });
    } catch {
      setDialog(null);
      setSubmitErrors({ summary: t("common.errorNetwork"), fields: {}, other: [], paths: [] });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      const ok = await autosave.exclusive(async () => {
        const { error, response } = await api.DELETE("/api/v1/cases/{caseId}", { params: { path: { caseId } } });
        if (response.ok) return { result: true };
        setSubmitErrors(problemToPathErrors(error, () => false, t("common.errorUnknown")));
        return { result: false };
      });
      setDialog(null);
      if (ok) {
        autosave.close();
        navigate("/cases", { state: { message: t("myCases.deleted") } });
      }
    } catch {
      setDialog(null);
      setSubmitErrors({ summary: t("common.errorNetwork"), fields: {}, other: [], paths: [] });
    } finally {
      setBusy(false);
    }
  };

  // ----- read-only: not editable when loaded, or closed while editing -----
  if (!meta.editable || state.status === "closed") {
    const closedNow = state.status === "closed";
    const shown: Case | null = closedNow ? (closedCase?.value ?? null) : serverCase;
    if (closedNow && !closedCase) return <Loading />;
    return (
      <ReadOnlyCase
        value={shown}
        fallbackForm={form}
        meta={shown ? metaOf(shown) : meta}
        midEdit={closedNow}
        problem={closedNow ? state.problem : null}
        now={now}
      />
    );
  }

  const err = (path: string): string | undefined => fieldErrors?.fields[path] ?? submitErrors?.fields[path];
  const categories = round?.categories ?? (initial.value.category ? [initial.value.category] : []);
  const krwHint = (value: string) => {
    const n = parseKrw(value);
    return n !== null && !Number.isNaN(n) ? formatKrw(n, language) : t("caseEditor.hint.krw");
  };
  const stopped = state.status === "conflict";
  const nextVersion = meta.submittedVersion + 1;

  return (
    <>
      <EditorHeader meta={meta} title={form.title} now={now} />

      <div className="editor-bar" role="region" aria-label={t("caseEditor.actions")}>
        <AutosaveIndicator state={state} onRetry={() => autosave.retry()} />
        <div className="row-actions">
          {meta.submittedVersion > 0 ? (
            <Link className="krds-btn tertiary small" to={`/cases/${caseId}/history`}>
              {t("caseEditor.history")}
            </Link>
          ) : null}
          {meta.status === "submitted" ? (
            <button type="button" className="krds-btn secondary small" disabled={busy || stopped} onClick={() => setDialog("withdraw")}>
              {t("caseEditor.withdraw")}
            </button>
          ) : null}
          {meta.submittedVersion === 0 ? (
            <button type="button" className="krds-btn tertiary small" disabled={busy} onClick={() => setDialog("delete")}>
              {t("caseEditor.delete")}
            </button>
          ) : null}
          <button type="button" className="krds-btn primary small" disabled={busy || stopped} onClick={() => setDialog("submit")}>
            {meta.status === "submitted" ? t("caseEditor.resubmit") : t("caseEditor.submit")}
          </button>
        </div>
      </div>

      <StatusMessage>{message}</StatusMessage>

      {state.status === "conflict" ? (
        <div className="conflict-banner" role="alert" tabIndex={-1} ref={conflictRef}>
          <h2 className="conflict-title">{t("conflict.title")}</h2>
          <p>{t("conflict.body")}</p>
          {state.current ? <p className="muted">{t("conflict.theirTitle", { title: state.current.title })}</p> : null}
          <p>{t("conflict.advice")}</p>
          <button type="button" className="krds-btn primary medium" onClick={loadLatest}>
            {t("conflict.load")}
          </button>
        </div>
      ) : null}

      {submitErrors && (submitErrors.summary || submitErrors.other.length > 0) ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <p className="error-summary-title">{submitErrors.summary}</p>
          {submitErrors.paths.length > 0 || submitErrors.other.length > 0 ? (
            <ul>
              {submitErrors.paths.map((path) => {
                const label = caseFieldLabel(path.split(/[.[]/)[0] ?? path);
                return (
                  <li key={path}>
                    <a href={`#${fieldId(path)}`}>{label ? t(label) : path}</a>
                    {submitErrors.fields[path] ? `: ${submitErrors.fields[path]}` : null}
                  </li>
                );
              })}
              {submitErrors.other.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {meta.status === "submitted" && meta.hasUnsubmittedChanges ? (
        <Notice>
          <p>{t("caseEditor.unsubmittedChanges")}</p>
        </Notice>
      ) : null}

      <form className="case-form" noValidate onSubmit={(e: FormEvent) => e.preventDefault()} aria-describedby="autosave-status">
        {fieldErrors && fieldErrors.other.length > 0 ? (
          <div className="error-summary">
            <p className="error-summary-title">{fieldErrors.summary}</p>
            <ul>
              {fieldErrors.other.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        ) : null}

        <section className="panel" aria-labelledby="case-basic">
          <h2 id="case-basic" className="section-title">
            {t("caseEditor.section.basic")}
          </h2>
          <div className="stack-form">
            <TextField id={fieldId("title")} label={t("caseField.title")} required maxLength={100} autoComplete="off"
              hint={t("caseEditor.hint.title")} value={form.title} onValue={(title) => update({ title })} error={err("title")} />
            <TextField id={fieldId("summary")} label={t("caseField.summary")} maxLength={300} autoComplete="off"
              hint={t("caseEditor.hint.summary")} value={form.summary} onValue={(summary) => update({ summary })} error={err("summary")} />
            <SelectField id={fieldId("category")} label={t("caseField.category")} value={form.categoryId}
              onValue={(categoryId) => update({ categoryId })} error={err("category")}>
              <option value="">{t("caseEditor.categoryPlaceholder")}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          </div>
        </section>

        <section className="panel" aria-labelledby="case-story">
          <h2 id="case-story" className="section-title">
            {t("caseEditor.section.story")}
          </h2>
          <div className="stack-form">
            <TextAreaField id={fieldId("problem")} label={t("caseField.problem")} maxLength={20000} rows={6}
              hint={t("caseEditor.hint.problem")} value={form.problem} onValue={(problem) => update({ problem })} error={err("problem")} />
            <TextAreaField id={fieldId("solution")} label={t("caseField.solution")} maxLength={20000} rows={8}
              hint={t("caseEditor.hint.solution")} value={form.solution} onValue={(solution) => update({ solution })} error={err("solution")} />
            <TextAreaField id={fieldId("outcomes")} label={t("caseField.outcomes")} maxLength={20000} rows={6}
              hint={t("caseEditor.hint.outcomes")} value={form.outcomes} onValue={(outcomes) => update({ outcomes })} error={err("outcomes")} />
          </div>
        </section>

        <SimilarCasesPanel title={form.title} summary={form.summary} problem={form.problem} solution={form.solution}
          category={categories.find((c) => c.id === form.categoryId)?.name} />

        <section className="panel" aria-labelledby="case-metrics">
          <h2 id="case-metrics" className="section-title">
            {t("caseField.metrics")}
          </h2>
          <p className="form-hint section-lead">{t("caseEditor.metricsHint")}</p>
          {err("metrics") ? <p className="form-hint-invalid" id={`${fieldId("metrics")}-error`}>{err("metrics")}</p> : null}
          <MetricsEditor rows={form.metrics} onRows={(metrics) => update({ metrics })} errorOf={err} />
          <p className="button-row">
            <button type="button" className="krds-btn secondary medium" disabled={form.metrics.length >= 20}
              onClick={() => {
                update({ metrics: [...form.metrics, emptyMetric()] });
                requestAnimationFrame(() => document.getElementById(fieldId(`metrics[${form.metrics.length}].name`))?.focus());
              }}>
              {t("caseEditor.metricAdd")}
            </button>
          </p>
        </section>

        <section className="panel" aria-labelledby="case-details">
          <h2 id="case-details" className="section-title">
            {t("caseEditor.section.details")}
          </h2>
          <div className="stack-form">
            <TagsField tags={form.tags} onTags={(tags) => update({ tags })} error={err("tags")} />
            <div className="grid-form">
              <TextField id={fieldId("beneficiaries")} label={t("caseField.beneficiaries")} optional maxLength={200}
                hint={t("caseEditor.hint.beneficiaries")} value={form.beneficiaries}
                onValue={(beneficiaries) => update({ beneficiaries })} error={err("beneficiaries")} />
              <TextField id={fieldId("startedOn")} label={t("caseField.startedOn")} optional type="date" value={form.startedOn}
                onValue={(startedOn) => update({ startedOn })} error={err("startedOn")} />
              <TextField id={fieldId("costKrw")} label={t("caseField.costKrw")} optional inputMode="numeric" value={form.costKrw}
                hint={krwHint(form.costKrw)} onValue={(costKrw) => update({ costKrw })} error={err("costKrw")} />
              <TextField id={fieldId("savingsKrw")} label={t("caseField.savingsKrw")} optional inputMode="numeric" value={form.savingsKrw}
                hint={krwHint(form.savingsKrw)} onValue={(savingsKrw) => update({ savingsKrw })} error={err("savingsKrw")} />
              <SelectField id={fieldId("stage")} label={t("caseField.stage")} value={form.stage}
                onValue={(stage) => update({ stage: stage as CaseForm["stage"] })} error={err("stage")}>
                <option value="">{t("caseEditor.placeholder")}</option>
                {CASE_STAGES.map((stage) => (
                  <option key={stage} value={stage}>
                    {t(`stage.${stage}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField id={fieldId("licence")} label={t("caseField.licence")} value={form.licence}
                onValue={(licence) => update({ licence: licence as CaseForm["licence"] })} error={err("licence")}>
                <option value="">{t("caseEditor.placeholder")}</option>
                {LICENCES.map((licence) => (
                  <option key={licence} value={licence}>
                    {t(`licence.${licence}`)}
                  </option>
                ))}
              </SelectField>
            </div>
            <EvidenceField value={form.evidenceLevel} onValue={(evidenceLevel) => update({ evidenceLevel })} error={err("evidenceLevel")} />
          </div>
        </section>

        <section className="panel" aria-labelledby="case-collaborators">
          <h2 id="case-collaborators" className="section-title">
            {t("caseField.collaborators")}
          </h2>
          <p className="form-hint section-lead">{t("caseEditor.collaboratorsHint")}</p>
          <CollaboratorsEditor rows={form.collaborators} onRows={(collaborators) => update({ collaborators })} errorOf={err} />
          <p className="button-row">
            <button type="button" className="krds-btn secondary medium" disabled={form.collaborators.length >= 30}
              onClick={() => {
                update({ collaborators: [...form.collaborators, emptyCollaborator()] });
                requestAnimationFrame(() =>
                  document.getElementById(fieldId(`collaborators[${form.collaborators.length}].name`))?.focus(),
                );
              }}>
              {t("caseEditor.collaboratorAdd")}
            </button>
          </p>
        </section>
      </form>

      <section className="panel" aria-labelledby="case-attachments">
        <h2 id="case-attachments" className="section-title">
          {t("caseField.attachments")}
        </h2>
        <AttachmentsPanel caseId={caseId} attachments={meta.attachments} autosave={autosave} onCase={onCase}
          onClosed={(problem) => autosave.close(problem)} disabled={stopped} />
      </section>

      <Dialog
        open={dialog === "submit"}
        busy={busy}
        title={t("submitDialog.title")}
        onClose={() => setDialog(null)}
        actions={
          <>
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={submit}>
              {busy ? t("submitDialog.submitting") : t("submitDialog.confirm")}
            </button>
            <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setDialog(null)}>
              {t("common.cancel")}
            </button>
          </>
        }
      >
        <p>{t("submitDialog.intro", { n: nextVersion })}</p>
        <dl className="detail-list dialog-summary">
          <div>
            <dt>{t("caseField.title")}</dt>
            <dd>{form.title}</dd>
          </div>
          <div>
            <dt>{t("caseField.category")}</dt>
            <dd>{categories.find((c) => c.id === form.categoryId)?.name ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("caseEditor.round")}</dt>
            <dd>{meta.round.title}</dd>
          </div>
          <div>
            <dt>{t("caseEditor.team")}</dt>
            <dd>{meta.team.name}</dd>
          </div>
        </dl>
        <ul className="dialog-counts">
          <li>{t("submitDialog.metrics", { count: form.metrics.length })}</li>
          <li>{t("submitDialog.collaborators", { count: form.collaborators.length })}</li>
          <li>{t("submitDialog.attachments", { count: meta.attachments.length })}</li>
        </ul>
      </Dialog>

      <Dialog
        open={dialog === "withdraw"}
        busy={busy}
        title={t("withdrawDialog.title")}
        onClose={() => setDialog(null)}
        actions={
          <>
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={withdraw}>
              {t("withdrawDialog.confirm")}
            </button>
            <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setDialog(null)}>
              {t("common.cancel")}
            </button>
          </>
        }
      >
        <p>{t("withdrawDialog.body")}</p>
      </Dialog>

      <Dialog
        open={dialog === "delete"}
        busy={busy}
        title={t("deleteDialog.title")}
        onClose={() => setDialog(null)}
        actions={
          <>
            <button type="button" className="krds-btn primary medium danger" disabled={busy} onClick={remove}>
              {t("deleteDialog.confirm")}
            </button>
            <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setDialog(null)}>
              {t("common.cancel")}
            </button>
          </>
        }
      >
        <p>{t("deleteDialog.body", { title: form.title })}</p>
      </Dialog>
    </>
  );
}

function EditorHeader({ meta, title, now, readOnly = false }: { meta: CaseMeta; title: string; now: Date; readOnly?: boolean }) {
  const { t, language } = useI18n();
  return (
    <PageHeader title={readOnly ? title || t("caseEditor.untitled") : t("caseEditor.title")}
      lead={readOnly ? undefined : title || undefined}>
      <dl className="detail-list compact case-meta">
        <div>
          <dt>{t("caseEditor.round")}</dt>
          <dd>
            <Link to={`/rounds/${meta.round.id}`}>{meta.round.title}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("caseEditor.team")}</dt>
          <dd>
            <Link to={`/teams/${meta.team.id}`}>{meta.team.name}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("caseEditor.status")}</dt>
          <dd>
            <CaseStatusBadge status={meta.status} />
          </dd>
        </div>
        <div className="case-view">
          <dt>{t("caseEditor.view")}</dt>
          <dd>
            <span className={`view-badge case-view-${meta.view}`}>{t(`caseEditor.view.${meta.view}`)}</span>{" "}
            <span className="muted cell-sub">
              {meta.view === "submitted"
                ? t("caseEditor.view.submittedHint", { n: meta.submittedVersion })
                : t("caseEditor.view.working_copyHint")}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("caseEditor.version")}</dt>
          <dd>
            {meta.submittedVersion > 0 ? t("caseEditor.versionN", { n: meta.submittedVersion }) : t("myCases.notSubmitted")}
            {meta.submittedAt ? <span className="muted cell-sub">{formatSeoulDateTime(meta.submittedAt, language)}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t("caseEditor.deadline")}</dt>
          <dd>
            <time dateTime={meta.round.submissionClosesAt}>{formatSeoulDateTime(meta.round.submissionClosesAt, language)}</time>{" "}
            <DeadlineBadge closesAt={meta.round.submissionClosesAt} now={now} />
          </dd>
        </div>
      </dl>
    </PageHeader>
  );
}

function ReadOnlyCase({
  value,
  fallbackForm,
  meta,
  midEdit,
  problem,
  now,
}: {
  value: Case | null;
  fallbackForm: CaseForm;
  meta: CaseMeta;
  midEdit: boolean;
  problem: unknown;
  now: Date;
}) {
  const { t, language } = useI18n();
  const deadlinePassed = now.getTime() >= new Date(meta.round.submissionClosesAt).getTime();
  const closedByDeadline = (isProblem(problem) && problem.code === "submission_closed") || deadlinePassed;
  return (
    <>
      <EditorHeader meta={meta} title={value?.title ?? fallbackForm.title} now={now} readOnly />
      {closedByDeadline ? (
        <Notice tone="danger">
          <p>
            <strong>{t("closed.notice")}</strong>
          </p>
          <p>{t("closed.detail", { deadline: formatSeoulDateTime(meta.round.submissionClosesAt, language) })}</p>
          {midEdit ? <p>{t("closed.midEdit")}</p> : null}
        </Notice>
      ) : (
        <Notice>
          <p>{isProblem(problem) ? (problem.detail ?? problem.title) : t("caseEditor.readOnly")}</p>
        </Notice>
      )}
      {meta.submittedVersion > 0 ? (
        <p className="button-row">
          <Link className="krds-btn secondary medium" to={`/cases/${meta.id}/history`}>
            {t("caseEditor.history")}
          </Link>
        </p>
      ) : null}
      {value ? <CaseReadView content={value} attachments={value.attachments} caseId={value.id} /> : null}
    </>
  );
}
