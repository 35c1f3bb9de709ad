import { useId, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { isProblem, problemToFormErrors } from "../../api/problem";
import { useServices, useSession } from "../../app/context";
import { ErrorSummary, FieldFrame } from "../../components/forms";
import { PageHeader } from "../../components/Page";
import { TableWrap } from "../../components/TableWrap";
import { useI18n } from "../../i18n/I18nProvider";
import type { MessageKey } from "../../i18n/messages";
import { acceptLanguageOf, type Translate } from "../../i18n/translate";
import { rolesOf } from "../../nav";
import { uploadImport } from "./importUpload";
import type { ImportReport } from "./types";
import "./archive.css";

/** The server takes uploads up to 20 MB (its multipart limit), whatever the importer allows. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = ".csv,.jsonl,.txt,text/csv,application/jsonl";

/** The columns of docs/import.md, summarized for the page. */
const COLUMNS: [string, MessageKey][] = [
  ["external_id", "archive.import.col.external_id"],
  ["title", "archive.import.col.title"],
  ["summary", "archive.import.col.summary"],
  ["problem · solution · outcomes", "archive.import.col.story"],
  ["metrics", "archive.import.col.metrics"],
  ["collaborators", "archive.import.col.collaborators"],
  ["agency", "archive.import.col.agency"],
  ["year", "archive.import.col.year"],
  ["period", "archive.import.col.period"],
  ["round · award_name · award_tier", "archive.import.col.award"],
  ["category", "archive.import.col.category"],
  ["tags", "archive.import.col.tags"],
  ["team_name", "archive.import.col.team_name"],
  ["published_date", "archive.import.col.published_date"],
];

export const SAMPLE_CSV =
  "external_id,title,summary,problem,solution,outcomes,metrics,collaborators,agency,year,period,round,award_name,award_tier,category,tags,team_name,published_date\n" +
  '2024-H1-001,민원 콜백 예약제,전화 대기 없이 상담받는 콜백 예약,민원 전화가 몰려 연결이 어려웠다,콜백 예약과 안내 문자를 도입했다,대기 시간이 크게 줄었다,"대기 시간|분|30|5|decrease;만족도|%|70|85|increase","민원여권과|department|운영",부천시,2024,H1,2024 상반기 으뜸상,으뜸상,우수,행정,"콜백;민원",부천 민원팀,2024-06-30\n';

type Phase =
  | { kind: "idle" }
  | { kind: "sending"; percent: number }
  | { kind: "checking" }
  | { kind: "done"; report: ImportReport; file: string }
  | { kind: "failed" };

/** The message for a refused import (413, 415, 403, 400 with the server's field messages). */
export function importErrorMessage(status: number | null, body: unknown, t: Translate): string {
  if (status === null) return t("common.errorNetwork");
  if (status === 413 || (isProblem(body) && body.code === "body_too_large")) return t("archive.import.error.tooLarge");
  if (status === 415) return t("archive.import.error.type");
  if (status === 403) return t("archive.import.error.forbidden");
  if (status === 401) return t("archive.adopt.error.login");
  return problemToFormErrors(body, [], t("common.errorUnknown")).summary ?? t("common.errorUnknown");
}

/** `/organizer/archive/import`: upload past winners (CSV or JSONL) and read the row report. */
export function ArchiveImportPage() {
  const { t } = useI18n();
  const services = useServices();
  const session = useSession();
  const isAdmin = session.status === "authenticated" && rolesOf(session.user).includes("admin");
  const inputRef = useRef<HTMLInputElement | null>(null);
  const fileId = useId();
  const progressId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [createAgencies, setCreateAgencies] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [errors, setErrors] = useState<{ summary: string | null; fields: Record<string, string>; other: string[] }>({
    summary: null,
    fields: {},
    other: [],
  });
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const busy = phase.kind === "sending" || phase.kind === "checking";

  const downloadSample = () => {
    const blob = new Blob(["\ufeff", SAMPLE_CSV], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = "eutteum-archive-sample.csv";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({ summary: null, fields: {}, other: [] });
    if (!file) {
      setFileError(t("archive.import.error.noFile"));
      inputRef.current?.focus();
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      setFileError(t("archive.import.error.tooLarge"));
      inputRef.current?.focus();
      return;
    }
    setFileError(undefined);
    setPhase({ kind: "sending", percent: 0 });
    try {
      const result = await uploadImport({
        file,
        createAgencies: isAdmin && createAgencies,
        getAccessToken: services.session.getAccessToken,
        refresh: () => services.session.refresh(),
        acceptLanguage: acceptLanguageOf(services.language.get()),
        onProgress: (percent) => setPhase((p) => (p.kind === "sending" ? { kind: "sending", percent } : p)),
        onSent: () => setPhase({ kind: "checking" }),
      });
      if (result.status === 200 && result.body && typeof result.body === "object") {
        setPhase({ kind: "done", report: result.body as ImportReport, file: file.name });
        requestAnimationFrame(() => document.getElementById("import-report-title")?.focus());
        return;
      }
      const other = isProblem(result.body) ? (result.body.errors ?? []).map((e) => e.message) : [];
      setErrors({ summary: importErrorMessage(result.status, result.body, t), fields: {}, other });
      setPhase({ kind: "failed" });
      requestAnimationFrame(() => summaryRef.current?.focus());
    } catch {
      setErrors({ summary: t("common.errorNetwork"), fields: {}, other: [] });
      setPhase({ kind: "failed" });
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  return (
    <>
      <p className="breadcrumb-back">
        <Link to="/archive">{t("archive.back")}</Link>
      </p>
      <PageHeader title={t("archive.import.title")} lead={t("archive.import.lead")} />

      <div className="import-layout">
        <section className="panel" aria-labelledby="import-form-title">
          <h2 id="import-form-title" className="section-title">
            {t("archive.import.upload")}
          </h2>
          <form className="stack-form" noValidate onSubmit={submit}>
            <ErrorSummary errors={errors} summaryRef={summaryRef} />
            <FieldFrame id={fileId} label={t("archive.import.file")} required error={fileError} hint={t("archive.import.fileHint")}>
              {(aria) => (
                <input {...aria} ref={inputRef} id={fileId} type="file" className="file-input" accept={ACCEPT} disabled={busy}
                  onChange={(event) => {
                    setFile(event.target.files?.[0] ?? null);
                    setFileError(undefined);
                  }} />
              )}
            </FieldFrame>
            {isAdmin ? (
              <div className="krds-form-check medium">
                <input type="checkbox" id="import-create-agencies" checked={createAgencies} disabled={busy}
                  aria-describedby="import-create-agencies-hint" onChange={(event) => setCreateAgencies(event.target.checked)} />
                <label htmlFor="import-create-agencies">{t("archive.import.createAgencies")}</label>
                <p className="form-hint" id="import-create-agencies-hint">
                  {t("archive.import.createAgenciesHint")}
                </p>
              </div>
            ) : (
              <p className="form-hint">{t("archive.import.organizerScope")}</p>
            )}
            <div className="form-actions">
              <button type="submit" className="krds-btn primary medium" disabled={busy} aria-disabled={busy}>
                {busy ? t("archive.import.importing") : t("archive.import.submit")}
              </button>
            </div>
            <div className="import-progress" role="status">
              {phase.kind === "sending" ? (
                <>
                  <label htmlFor={progressId}>{t("archive.import.sending")}</label>
                  <progress id={progressId} max={100} value={phase.percent} />
                  <span className="upload-percent" aria-hidden="true">
                    {phase.percent}%
                  </span>
                </>
              ) : null}
              {phase.kind === "checking" ? (
                <>
                  <label htmlFor={progressId}>{t("archive.import.checking")}</label>
                  <progress id={progressId} max={100} />
                </>
              ) : null}
              {phase.kind === "done" ? <p>{t("archive.import.done", { file: phase.file })}</p> : null}
            </div>
          </form>
        </section>

        <section className="panel import-format" aria-labelledby="import-format-title">
          <h2 id="import-format-title" className="section-title">
            {t("archive.import.format")}
          </h2>
          <p>{t("archive.import.formatLead")}</p>
          <dl className="import-columns">
            {COLUMNS.map(([name, key]) => (
              <div key={name}>
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>{t(key)}</dd>
              </div>
            ))}
          </dl>
          <ul className="import-notes">
            <li>{t("archive.import.note.encoding")}</li>
            <li>{t("archive.import.note.required")}</li>
            <li>{t("archive.import.note.rerun")}</li>
          </ul>
          <p className="button-row">
            <button type="button" className="krds-btn secondary small" onClick={downloadSample}>
              {t("archive.import.sample")}
            </button>
            <a className="krds-btn tertiary small" href="/docs#tag/archive/operation/importArchive">
              {t("archive.import.docs")}
            </a>
          </p>
        </section>
      </div>

      {phase.kind === "done" ? <ImportReportView report={phase.report} /> : null}
    </>
  );
}

/** The row report: counts, new agencies and a table of the rejected rows (line, field, reason). */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const counts: [string, number][] = [
    [t("archive.import.report.rows"), report.rows],
    [t("archive.import.report.imported"), report.imported],
    [t("archive.import.report.updated"), report.updated],
    [t("archive.import.report.unchanged"), report.unchanged],
    [t("archive.import.report.rejected"), report.rejected.length],
  ];
  return (
    <section aria-labelledby="import-report-title" className="import-report">
      <h2 id="import-report-title" className="section-title" tabIndex={-1}>
        {t("archive.import.report.title")}
      </h2>
      <dl className="spread-stats import-counts">
        {counts.map(([label, n]) => (
          <div key={label} className="panel">
            <dt>{label}</dt>
            <dd>{t("archive.count", { count: n })}</dd>
          </div>
        ))}
      </dl>
      {report.newAgencies.length > 0 ? (
        <p>
          {t("archive.import.report.newAgencies")} {report.newAgencies.join(", ")}
        </p>
      ) : null}
      {report.rejected.length === 0 ? (
        <p className="notice notice-success">{t("archive.import.report.noRejected")}</p>
      ) : (
        <>
          <h3 className="subsection-title">{t("archive.import.report.rejectedTitle")}</h3>
          <TableWrap label={t("archive.import.report.rejectedTitle")}>
            <table className="tbl col data compact-table">
              <caption className="sr-only">{t("archive.import.report.rejectedCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("archive.import.report.line")}</th>
                  <th scope="col">{t("archive.import.report.field")}</th>
                  <th scope="col">{t("archive.import.report.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.map((r, i) => (
                  <tr key={`${r.line}-${i}`}>
                    <th scope="row" className="num">
                      {r.line}
                    </th>
                    <td>{r.field ? <code>{r.field}</code> : "–"}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <p className="button-row">
        <Link className="krds-btn tertiary small" to="/archive?sort=newest">
          {t("archive.import.report.view")}
        </Link>
      </p>
    </section>
  );
}
