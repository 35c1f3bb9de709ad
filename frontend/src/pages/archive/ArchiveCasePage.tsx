import { useCallback, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useApi } from "../../app/context";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { AttachmentTable } from "../case/Attachments";
import { CollaboratorsTable, MetricsTable } from "../case/CaseReadView";
import { AdoptionSection } from "./AdoptionSection";
import { browserClientId } from "./clientId";
import { HelpfulButton } from "./HelpfulButton";
import { evidenceLabel, formatDay, licenceLabel, stageLabel, teamKindLabel, yearPeriod } from "./labels";
import { agencyPath, AwardTierBadge, casePath, MetricsBadge, OutcomeChart } from "./parts";
import { QuestionsSection } from "./QuestionsSection";
import type { ArchiveCase, SimilarCase } from "./types";
import "./archive.css";

/** `/archive/:entryId`: a winning case as published, its spread and similar cases. Public. */
export function ArchiveCasePage() {
  const { entryId = "" } = useParams();
  const api = useApi();
  const load = useCallback(
    // The browser's id tells the server whose 도움이 됐어요 to report back for visitors.
    () => api.GET("/api/v1/archive/cases/{entryId}", { params: { path: { entryId }, header: { "X-Client-Id": browserClientId() } } }),
    [api, entryId],
  );
  const entry = useLoad(load);
  if (entry.status === "loading") return <Loading />;
  if (entry.status === "error") {
    return (
      <>
        <LoadError error={entry.error} httpStatus={entry.httpStatus} onRetry={entry.reload} />
        <BackToArchive />
      </>
    );
  }
  return <CaseView entry={entry.data} reload={entry.reload} />;
}

function BackToArchive() {
  const { t } = useI18n();
  return (
    <p className="button-row">
      <Link className="krds-btn tertiary small" to="/archive">
        {t("archive.back")}
      </Link>
    </p>
  );
}

function CaseView({ entry, reload }: { entry: ArchiveCase; reload: () => void }) {
  const { t, language } = useI18n();
  const licence = licenceLabel(entry.licence, t);
  const award = [entry.roundTitle, entry.awardName && entry.awardTier ? `${entry.awardName} ${entry.awardTier}` : entry.awardName]
    .filter(Boolean)
    .join(" · ");
  const facts: [string, ReactNode][] = [
    [t("archive.fact.agency"), <Link to={agencyPath(entry.agency.id)}>{entry.agency.name}</Link>],
    [t("archive.fact.award"), award],
    [t("archive.fact.when"), yearPeriod(entry.year, entry.period, t)],
    [t("archive.fact.category"), entry.category],
    [t("archive.fact.team"), entry.teamName ? `${entry.teamName}${entry.teamKind ? ` (${teamKindLabel(entry.teamKind, t)})` : ""}` : ""],
    [t("caseField.stage"), entry.stage ? stageLabel(entry.stage, t) : ""],
    [t("caseField.evidenceLevel"), entry.evidenceLevel ? evidenceLabel(entry.evidenceLevel, t) : ""],
    [t("archive.fact.published"), formatDay(entry.publishedOn, language)],
    [t("archive.fact.licence"), licence ?? ""],
  ];
  return (
    <>
      <p className="breadcrumb-back">
        <Link to="/archive">{t("archive.back")}</Link>
      </p>
      <PageHeader title={entry.title} lead={entry.summary || undefined}>
        <div className="badge-row">
          <AwardTierBadge tier={entry.awardTier} />
          {entry.hasMetrics ? <MetricsBadge /> : null}
          <span className="status-badge adoption-count">{t("archive.adoptionCount", { count: entry.adoptionCount })}</span>
        </div>
      </PageHeader>
      <HelpfulButton entry={entry} />

      <section aria-labelledby="archive-facts" className="panel">
        <h2 id="archive-facts" className="sr-only">
          {t("archive.facts")}
        </h2>
        <dl className="detail-list archive-case-facts">
          {facts
            .filter(([, value]) => value !== "" && value !== undefined)
            .map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        {entry.tags.length > 0 ? (
          <div className="archive-tags">
            <h3 className="sr-only">{t("caseField.tags")}</h3>
            <ul className="chip-list" aria-label={t("caseField.tags")}>
              {entry.tags.map((tag) => (
                <li key={tag} className="chip">
                  <Link to={`/archive?q=${encodeURIComponent(tag)}`}>#{tag}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {licence ? <p className="licence-note">{t("archive.licenceNote", { licence })}</p> : null}
      </section>

      {(["problem", "solution"] as const).map((field) => (
        <section key={field} aria-labelledby={`archive-${field}`}>
          <h2 id={`archive-${field}`} className="section-title">
            {t(`caseField.${field}`)}
          </h2>
          {entry[field].trim() ? <p className="prose">{entry[field]}</p> : <p className="muted">{t("archive.blank")}</p>}
        </section>
      ))}

      <section aria-labelledby="archive-outcomes">
        <h2 id="archive-outcomes" className="section-title">
          {t("caseField.outcomes")}
        </h2>
        {entry.outcomes.trim() ? <p className="prose">{entry.outcomes}</p> : null}
        {entry.metrics.length > 0 ? (
          <>
            <h3 className="subsection-title">{t("archive.chart.title")}</h3>
            <OutcomeChart metrics={entry.metrics} label={t("archive.chart.title")} />
            <details className="chart-table">
              <summary>{t("archive.chart.asTable")}</summary>
              <MetricsTable metrics={entry.metrics} />
            </details>
          </>
        ) : null}
        {!entry.outcomes.trim() && entry.metrics.length === 0 ? <p className="muted">{t("archive.blank")}</p> : null}
      </section>

      {entry.collaborators.length > 0 ? (
        <section aria-labelledby="archive-collaborators">
          <h2 id="archive-collaborators" className="section-title">
            {t("caseField.collaborators")}
          </h2>
          <CollaboratorsTable collaborators={entry.collaborators} />
        </section>
      ) : null}

      {entry.attachments.length > 0 ? (
        <section aria-labelledby="archive-attachments">
          <h2 id="archive-attachments" className="section-title">
            {t("archive.attachments")}
          </h2>
          <AttachmentTable caseId={null} attachments={entry.attachments} />
        </section>
      ) : null}

      <AdoptionSection entry={entry} onChanged={reload} />

      <QuestionsSection entry={entry} />

      <SimilarSection entryId={entry.id} />
    </>
  );
}

function SimilarSection({ entryId }: { entryId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const load = useCallback(
    () => api.GET("/api/v1/archive/cases/{entryId}/similar", { params: { path: { entryId } } }),
    [api, entryId],
  );
  const similar = useLoad(load);
  return (
    <section aria-labelledby="archive-similar">
      <h2 id="archive-similar" className="section-title">
        {t("archive.similar.title")}
      </h2>
      {similar.status === "loading" ? <Loading /> : null}
      {similar.status === "error" ? <LoadError error={similar.error} httpStatus={similar.httpStatus} onRetry={similar.reload} /> : null}
      {similar.status === "ok" ? <SimilarList items={similar.data.items} /> : null}
    </section>
  );
}

/** Similar archived cases with why; `newTab` opens them in a new tab (from the case editor). */
export function SimilarList({ items, newTab = false }: { items: SimilarCase[]; newTab?: boolean }) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="muted">{t("archive.similar.empty")}</p>;
  return (
    <ul className="similar-list">
      {items.map((s) => (
        <li key={s.id} className="similar-item">
          <p className="similar-title">
            {newTab ? (
              <a href={casePath(s.id)} target="_blank" rel="noopener noreferrer">
                {s.title}
                <span className="sr-only"> ({t("archive.newTab")})</span>
              </a>
            ) : (
              <Link to={casePath(s.id)}>{s.title}</Link>
            )}{" "}
            <AwardTierBadge tier={s.awardTier} />
          </p>
          <p className="muted similar-meta">
            {s.agency.name} · {t("archive.yearValue", { year: s.year })}
          </p>
          {s.reasons.length > 0 ? (
            <ul className="similar-reasons" aria-label={t("archive.similar.reasons")}>
              {s.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
