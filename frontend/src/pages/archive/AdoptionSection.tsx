import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { isProblem, problemToPathErrors } from "../../api/problem";
import { useApi, useSession } from "../../app/context";
import { Dialog } from "../../components/Dialog";
import { SelectField, StatusMessage, TextAreaField, TextField } from "../../components/forms";
import { useI18n } from "../../i18n/I18nProvider";
import type { Translate } from "../../i18n/translate";
import {
  ADAPTATION_MAX,
  adoptionToForm,
  emptyAdoptionForm,
  emptyResultRow,
  formToAdoptionInput,
  RESULTS_MAX,
  type AdoptionForm,
  type AdoptionStatus,
  type ResultRow,
} from "./adoptionForm";
import { formatDay } from "./labels";
import { agencyPath, OutcomeChart } from "./parts";
import type { Adoption, ArchiveCase } from "./types";

/** DOM id of a dialog control by API field path: "results[0].name" → "adopt-results-0-name". */
export function adoptFieldId(path: string): string {
  return `adopt-${path.replace(/\[(\d+)\]/g, "-$1").replace(/\./g, "-")}`;
}

const SHOWN = /^(status|adoptedOn|adaptation|results)$|^results\[\d+\]\.(name|unit|before|after|direction)$/;

interface FormProblem {
  summary: string | null;
  fields: Record<string, string>;
  other: string[];
}

const noProblem: FormProblem = { summary: null, fields: {}, other: [] };

/** The message for a refused PUT/DELETE of an adoption. */
export function adoptionErrorMessage(status: number | null, body: unknown, t: Translate): string {
  if (isProblem(body) && body.code === "own_agency_case") return t("archive.adopt.error.ownAgency");
  if (status === 401) return t("archive.adopt.error.login");
  if (status === null) return t("common.errorNetwork");
  if (status === 404) return t("archive.adopt.error.notFound");
  if (status === 400) return t("common.errorSummary");
  if (isProblem(body)) return body.detail ?? body.title ?? t("common.errorUnknown");
  return t("common.errorUnknown");
}

/** 벤치마킹: the caller's agency's record with 우리 기관도 도입했어요, and the list of adopting agencies. */
export function AdoptionSection({ entry, onChanged }: { entry: ArchiveCase; onChanged: () => void }) {
  const { t, language } = useI18n();
  const api = useApi();
  const session = useSession();
  const [dialog, setDialog] = useState<"record" | "withdraw" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const user = session.status === "authenticated" ? session.user : null;
  const own = user !== null && user.agency.id === entry.agency.id;
  const mine = user ? entry.adoptions.find((a) => a.agency.id === user.agency.id) : undefined;

  const withdraw = async () => {
    setBusy(true);
    setWithdrawError(null);
    try {
      const { error, response } = await api.DELETE("/api/v1/archive/cases/{entryId}/adoption", {
        params: { path: { entryId: entry.id } },
      });
      if (response.ok || response.status === 404) {
        setDialog(null);
        setMessage(t("archive.adopt.withdrawn"));
        onChanged();
      } else {
        setWithdrawError(adoptionErrorMessage(response.status, error, t));
      }
    } catch {
      setWithdrawError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="archive-adoptions" className="archive-adoptions">
      <h2 id="archive-adoptions" className="section-title">
        {t("archive.adoptions.title")}
      </h2>
      <div className="panel panel-accent adopt-panel">
        {session.status === "anonymous" ? (
          <p>
            {t("archive.adopt.signIn")}{" "}
            <Link to={`/login?next=${encodeURIComponent(`/archive/${entry.id}`)}`}>{t("common.goLogin")}</Link>
          </p>
        ) : null}
        {own ? <p>{t("archive.adopt.error.ownAgency")}</p> : null}
        {user && !own ? (
          <>
            {mine ? (
              <p>
                {t("archive.adopt.mine", { agency: user.agency.name })}{" "}
                <AdoptionStatusBadge status={mine.status} />
                {mine.status === "adopted" && mine.order > 0 ? <> {t("archive.adoptions.order", { n: mine.order })}</> : null}
                {mine.adoptedOn ? <> · {formatDay(mine.adoptedOn, language)}</> : null}
              </p>
            ) : (
              <p>{t("archive.adopt.intro")}</p>
            )}
            <p className="button-row">
              <button type="button" className="krds-btn primary medium" onClick={() => { setMessage(null); setDialog("record"); }}>
                {mine ? t("archive.adopt.edit") : t("archive.adopt.open")}
              </button>
              {mine ? (
                <button type="button" className="krds-btn secondary medium" onClick={() => { setMessage(null); setWithdrawError(null); setDialog("withdraw"); }}>
                  {t("archive.adopt.withdraw")}
                </button>
              ) : null}
            </p>
          </>
        ) : null}
        <StatusMessage>{message}</StatusMessage>
      </div>

      <AdoptionList adoptions={entry.adoptions} />

      {user && !own ? (
        <AdoptionDialog open={dialog === "record"} entry={entry} existing={mine} onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setMessage(saved.status === "adopted" ? t("archive.adopt.savedAdopted") : t("archive.adopt.savedInterested"));
            onChanged();
          }} />
      ) : null}

      <Dialog open={dialog === "withdraw"} busy={busy} title={t("archive.adopt.withdrawTitle")} onClose={() => setDialog(null)}
        actions={
          <>
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={withdraw}>
              {t("archive.adopt.withdrawConfirm")}
            </button>
            <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setDialog(null)}>
              {t("common.cancel")}
            </button>
          </>
        }>
        <p>{t("archive.adopt.withdrawBody", { title: entry.title })}</p>
        {withdrawError ? (
          <p className="form-hint-invalid" role="alert">
            {withdrawError}
          </p>
        ) : null}
      </Dialog>
    </section>
  );
}

export function AdoptionStatusBadge({ status }: { status: AdoptionStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge adoption-${status}`}>{t(`archive.adoption.${status}`)}</span>;
}

/** Agencies that adopted (first adopter first) or showed interest. */
export function AdoptionList({ adoptions }: { adoptions: Adoption[] }) {
  const { t, language } = useI18n();
  if (adoptions.length === 0) return <p className="empty">{t("archive.adoptions.empty")}</p>;
  const adopted = adoptions.filter((a) => a.status === "adopted").length;
  return (
    <>
      <p className="adoption-summary">
        {t("archive.adoptions.summary", { adopted, interested: adoptions.length - adopted })}
      </p>
      <ol className="adoption-list" aria-label={t("archive.adoptions.listLabel")}>
        {adoptions.map((a) => (
          <li key={a.agency.id} className="adoption-item">
            <p className="adoption-head">
              <Link to={agencyPath(a.agency.id)} className="adoption-agency">
                {a.agency.name}
              </Link>{" "}
              <AdoptionStatusBadge status={a.status} />
              {a.status === "adopted" && a.order > 0 ? (
                <span className="adoption-order">{t("archive.adoptions.order", { n: a.order })}</span>
              ) : null}
              {a.adoptedOn ? (
                <span className="muted">
                  {t("archive.adoptions.on")} <time dateTime={a.adoptedOn}>{formatDay(a.adoptedOn, language)}</time>
                </span>
              ) : null}
            </p>
            {a.adaptation ? (
              <p className="prose adoption-adaptation">
                <span className="snippet-field">{t("archive.adopt.adaptation")}</span> {a.adaptation}
              </p>
            ) : null}
            {a.results && a.results.length > 0 ? (
              <OutcomeChart metrics={a.results} label={t("archive.adoptions.results", { agency: a.agency.name })} />
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function AdoptionDialog({
  open,
  entry,
  existing,
  onClose,
  onSaved,
}: {
  open: boolean;
  entry: ArchiveCase;
  existing: Adoption | undefined;
  onClose: () => void;
  onSaved: (saved: Adoption) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [form, setForm] = useState<AdoptionForm>(() => (existing ? adoptionToForm(existing) : emptyAdoptionForm()));
  const [problem, setProblem] = useState<FormProblem>(noProblem);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const formId = "adoption-form";

  // Each opening starts from the agency's current record.
  useEffect(() => {
    if (!open) return;
    setForm(existing ? adoptionToForm(existing) : emptyAdoptionForm());
    setProblem(noProblem);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>("input[name='adopt-status']:checked")?.focus());
  }, [open, existing]);

  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? summaryRef.current)?.focus();
  }, [attempt]);

  const update = (change: Partial<AdoptionForm>) => setForm((f) => ({ ...f, ...change }));
  const updateRow = (index: number, change: Partial<ResultRow>) =>
    setForm((f) => ({ ...f, results: f.results.map((r, i) => (i === index ? { ...r, ...change } : r)) }));

  const report = (next: FormProblem) => {
    setProblem(next);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { input, errors } = formToAdoptionInput(form);
    if (!input) {
      const fields: Record<string, string> = {};
      for (const [path, key] of Object.entries(errors)) fields[path] = t(key);
      report({ summary: t("common.errorSummary"), fields, other: [] });
      return;
    }
    setBusy(true);
    try {
      const { data, error, response } = await api.PUT("/api/v1/archive/cases/{entryId}/adoption", {
        params: { path: { entryId: entry.id } },
        body: input,
      });
      if (data) {
        setProblem(noProblem);
        onSaved(data);
        return;
      }
      const paths = response.status === 400 ? problemToPathErrors(error, (p) => SHOWN.test(p), t("common.errorSummary")) : null;
      report({
        summary: adoptionErrorMessage(response.status, error, t),
        fields: paths?.fields ?? {},
        other: paths?.other ?? [],
      });
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  const err = (path: string) => problem.fields[path];
  const adopted = form.status === "adopted";

  return (
    <Dialog open={open} busy={busy} title={t("archive.adopt.dialogTitle")} onClose={onClose}
      actions={
        <>
          <button type="submit" form={formId} className="krds-btn primary medium" disabled={busy}>
            {busy ? t("common.saving") : t("archive.adopt.save")}
          </button>
          <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={onClose}>
            {t("common.cancel")}
          </button>
        </>
      }>
      <form id={formId} ref={formRef} noValidate onSubmit={submit} className="stack-form adopt-form">
        <p className="muted">{t("archive.adopt.dialogLead", { title: entry.title })}</p>
        {problem.summary || problem.other.length > 0 ? (
          <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
            <p className="error-summary-title">{problem.summary}</p>
            {problem.other.length > 0 ? (
              <ul>
                {problem.other.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {/* KRDS hides every legend: groups are named by visible text instead. */}
        <fieldset className="radio-group" aria-labelledby="adopt-status-title">
          <p id="adopt-status-title" className="group-title">
            {t("archive.adopt.status")}
          </p>
          <div className="radio-list">
            {(["interested", "adopted"] as const).map((status) => (
              <div key={status} className="krds-form-check medium">
                <input type="radio" id={adoptFieldId(`status-${status}`)} name="adopt-status" value={status}
                  aria-describedby={adoptFieldId(`status-${status}-desc`)} checked={form.status === status}
                  onChange={() => update({ status })} />
                <label htmlFor={adoptFieldId(`status-${status}`)}>{t(`archive.adopt.status.${status}`)}</label>
                <span className="radio-desc" id={adoptFieldId(`status-${status}-desc`)}>
                  {t(`archive.adopt.status.${status}.desc`)}
                </span>
              </div>
            ))}
          </div>
        </fieldset>
        {adopted ? (
          <TextField id={adoptFieldId("adoptedOn")} label={t("archive.adopt.date")} type="date" required value={form.adoptedOn}
            onValue={(adoptedOn) => update({ adoptedOn })} error={err("adoptedOn")} hint={t("archive.adopt.dateHint")} />
        ) : null}
        <TextAreaField id={adoptFieldId("adaptation")} label={t("archive.adopt.adaptation")} optional rows={4}
          maxLength={ADAPTATION_MAX} hint={t("archive.adopt.adaptationHint")} value={form.adaptation}
          onValue={(adaptation) => update({ adaptation })} error={err("adaptation")} />
        {adopted ? (
          <fieldset className="adopt-results" aria-labelledby="adopt-results-title">
            <p id="adopt-results-title" className="group-title">
              {t("archive.adopt.results")}
            </p>
            <p className="form-hint">{t("archive.adopt.resultsHint")}</p>
            {err("results") ? <p className="form-hint-invalid">{err("results")}</p> : null}
            <ol className="row-editor">
              {form.results.map((row, i) => (
                <li key={row.key}>
                  <fieldset className="row-fieldset" aria-labelledby={`${row.key}-title`}>
                    <p id={`${row.key}-title`} className="group-title">
                      {t("archive.adopt.resultN", { n: i + 1 })}
                    </p>
                    <div className="adopt-result-grid">
                      <TextField id={adoptFieldId(`results[${i}].name`)} label={t("metricField.name")} required maxLength={100}
                        value={row.name} onValue={(name) => updateRow(i, { name })} error={err(`results[${i}].name`)} />
                      <TextField id={adoptFieldId(`results[${i}].unit`)} label={t("metricField.unit")} maxLength={20}
                        value={row.unit} onValue={(unit) => updateRow(i, { unit })} error={err(`results[${i}].unit`)} />
                      <TextField id={adoptFieldId(`results[${i}].before`)} label={t("metricField.before")} required inputMode="decimal"
                        value={row.before} onValue={(before) => updateRow(i, { before })} error={err(`results[${i}].before`)} />
                      <TextField id={adoptFieldId(`results[${i}].after`)} label={t("metricField.after")} required inputMode="decimal"
                        value={row.after} onValue={(after) => updateRow(i, { after })} error={err(`results[${i}].after`)} />
                      <SelectField id={adoptFieldId(`results[${i}].direction`)} label={t("metricField.direction")} value={row.direction}
                        onValue={(direction) => updateRow(i, { direction: direction as ResultRow["direction"] })}
                        error={err(`results[${i}].direction`)}>
                        <option value="increase">{t("direction.increase")}</option>
                        <option value="decrease">{t("direction.decrease")}</option>
                      </SelectField>
                    </div>
                    <button type="button" className="krds-btn tertiary small row-remove"
                      aria-label={t("archive.adopt.removeResult", { n: i + 1 })}
                      onClick={() => setForm((f) => ({ ...f, results: f.results.filter((_, j) => j !== i) }))}>
                      {t("archive.adopt.remove")}
                    </button>
                  </fieldset>
                </li>
              ))}
            </ol>
            <button type="button" className="krds-btn secondary small" disabled={form.results.length >= RESULTS_MAX}
              onClick={() => {
                const index = form.results.length;
                update({ results: [...form.results, emptyResultRow()] });
                requestAnimationFrame(() => document.getElementById(adoptFieldId(`results[${index}].name`))?.focus());
              }}>
              {t("archive.adopt.addResult")}
            </button>
          </fieldset>
        ) : null}
      </form>
    </Dialog>
  );
}
