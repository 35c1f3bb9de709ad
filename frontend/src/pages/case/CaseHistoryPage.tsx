import { useCallback, useEffect, useRef } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import type { CaseVersionInfo, FieldChange } from "../../api/types";
import { useApi } from "../../app/context";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { caseFieldLabel } from "../../lib/caseForm";
import { formatKrw } from "../../lib/krw";
import { formatSeoulDateTime } from "../../lib/seoul";
import { CaseReadView, CollaboratorsTable, MetricsTable } from "./CaseReadView";
import { dateOnly } from "./format";

/** `/cases/:caseId/history`: submitted versions, newest first, with what changed; `?v=n` shows one. */
export function CaseHistoryPage() {
  const { caseId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useI18n();
  const api = useApi();
  const loadCase = useCallback(() => api.GET("/api/v1/cases/{caseId}", { params: { path: { caseId } } }), [api, caseId]);
  const loadVersions = useCallback(
    () => api.GET("/api/v1/cases/{caseId}/versions", { params: { path: { caseId } } }),
    [api, caseId],
  );
  const theCase = useLoad(loadCase);
  const versions = useLoad(loadVersions);
  const selected = Number(params.get("v") ?? "0") || null;

  return (
    <>
      <PageHeader
        title={t("history.title")}
        lead={theCase.status === "ok" ? theCase.data.title : undefined}
      >
        <p className="button-row">
          <Link className="krds-btn secondary medium" to={`/cases/${caseId}/edit`}>
            {t("history.backToCase")}
          </Link>
        </p>
      </PageHeader>
      <p className="muted section-lead">{t("history.intro")}</p>
      {versions.status === "loading" ? <Loading /> : null}
      {versions.status === "error" ? (
        <LoadError error={versions.error} httpStatus={versions.httpStatus} onRetry={versions.reload} />
      ) : null}
      {versions.status === "ok" ? (
        versions.data.items.length === 0 ? (
          <p className="empty">{t("history.empty")}</p>
        ) : (
          <ol className="version-list">
            {versions.data.items.map((v) => (
              <VersionItem key={v.version} caseId={caseId} info={v} open={selected === v.version}
                onView={() => setParams(selected === v.version ? {} : { v: String(v.version) })} />
            ))}
          </ol>
        )
      ) : null}
    </>
  );
}

function VersionItem({ caseId, info, open, onView }: { caseId: string; info: CaseVersionInfo; open: boolean; onView: () => void }) {
  const { t, language } = useI18n();
  const headingId = `version-${info.version}`;
  return (
    <li className="version-item" aria-labelledby={headingId}>
      <div className="version-head">
        <h2 id={headingId} className="section-title">
          {t("history.version", { n: info.version })}
        </h2>
        <p className="muted">{t("history.by", { name: info.submittedBy, date: formatSeoulDateTime(info.submittedAt, language) })}</p>
        <button type="button" className="krds-btn secondary small" aria-expanded={open} aria-controls={`${headingId}-content`} onClick={onView}>
          {t("history.view", { n: info.version })}
        </button>
      </div>
      {info.version === 1 && info.changes.length === 0 ? (
        <p>{t("history.first")}</p>
      ) : info.changes.length === 0 ? (
        <p>{t("history.noChanges")}</p>
      ) : (
        <>
          <p className="changes-count">{t("history.changes", { count: info.changes.length })}</p>
          <ul className="change-list">
            {info.changes.map((change) => (
              <ChangeItem key={change.field} change={change} />
            ))}
          </ul>
        </>
      )}
      <div id={`${headingId}-content`}>{open ? <VersionContent caseId={caseId} version={info.version} /> : null}</div>
    </li>
  );
}

function VersionContent({ caseId, version }: { caseId: string; version: number }) {
  const { t } = useI18n();
  const api = useApi();
  const ref = useRef<HTMLDivElement | null>(null);
  const load = useCallback(
    () => api.GET("/api/v1/cases/{caseId}/versions/{version}", { params: { path: { caseId, version } } }),
    [api, caseId, version],
  );
  const v = useLoad(load);
  useEffect(() => {
    if (v.status === "ok") ref.current?.focus();
  }, [v.status]);
  if (v.status === "loading") return <Loading />;
  if (v.status === "error") return <LoadError error={v.error} httpStatus={v.httpStatus} onRetry={v.reload} />;
  return (
    <div className="panel version-content" tabIndex={-1} ref={ref} aria-label={t("history.viewing", { n: version })}>
      <CaseReadView content={v.data.content} attachments={v.data.attachments} caseId={null} headingLevel={3} />
    </div>
  );
}

type Row = { name: string; unit: string; before: number; after: number; direction: "increase" | "decrease"; period?: string };
type Collaborator = { name: string; kind: "department" | "external"; role?: string };

function ChangeItem({ change }: { change: FieldChange }) {
  const { t } = useI18n();
  const label = caseFieldLabel(change.field);
  return (
    <li className="change-item">
      <h3 className="change-field">{label ? t(label) : change.field}</h3>
      <div className="change-sides">
        <div className="change-side change-before">
          <p className="change-tag">{t("history.before")}</p>
          <ChangeValue field={change.field} value={change.before} />
        </div>
        <span className="change-arrow" aria-hidden="true">
          →
        </span>
        <div className="change-side change-after">
          <p className="change-tag">{t("history.after")}</p>
          <ChangeValue field={change.field} value={change.after} />
        </div>
      </div>
    </li>
  );
}

function ChangeValue({ field, value }: { field: string; value: unknown }) {
  const { t, language } = useI18n();
  const blank = <p className="muted">{t("history.blank")}</p>;
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return blank;
  switch (field) {
    case "metrics":
      return Array.isArray(value) ? <MetricsTable metrics={value as Row[]} /> : blank;
    case "collaborators":
      return Array.isArray(value) ? <CollaboratorsTable collaborators={value as Collaborator[]} /> : blank;
    case "tags":
    case "attachments":
      return Array.isArray(value) ? (
        <ul className="chip-list">
          {(value as unknown[]).map((item, i) => (
            <li key={i} className="chip">
              {String(item)}
            </li>
          ))}
        </ul>
      ) : blank;
    case "costKrw":
    case "savingsKrw":
      return <p>{typeof value === "number" ? formatKrw(value, language) : String(value)}</p>;
    case "startedOn":
      return <p>{dateOnly(String(value))}</p>;
    case "stage":
      return <p>{["idea", "pilot", "implemented", "spread"].includes(String(value)) ? t(`stage.${value as "idea"}`) : String(value)}</p>;
    case "licence":
      return <p>{["kogl1", "kogl2", "kogl3", "kogl4", "none"].includes(String(value)) ? t(`licence.${value as "kogl1"}`) : String(value)}</p>;
    case "evidenceLevel":
      return <p>{[1, 2, 3, 4, 5].includes(Number(value)) ? t(`evidence.${Number(value) as 1}`) : String(value)}</p>;
    default:
      return typeof value === "string" ? <p className="prose">{value}</p> : <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
  }
}
