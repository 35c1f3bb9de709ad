import { useCallback } from "react";
import { Link, useParams } from "react-router";
import { useApi } from "../../app/context";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { countWidth } from "./barScale";
import { formatDay } from "./labels";
import { agencyPath, casePath, ResultCard } from "./parts";
import { queryToParams } from "./searchQuery";
import type { AgencySpread } from "./types";
import "./archive.css";

/** `/archive/agencies/:agencyId`: how far an agency's cases spread, and what it adopted. Public. */
export function AgencySpreadPage() {
  const { agencyId = "" } = useParams();
  const api = useApi();
  const load = useCallback(
    () => api.GET("/api/v1/archive/agencies/{agencyId}/spread", { params: { path: { agencyId } } }),
    [api, agencyId],
  );
  const spread = useLoad(load);
  if (spread.status === "loading") return <Loading />;
  if (spread.status === "error") return <LoadError error={spread.error} httpStatus={spread.httpStatus} onRetry={spread.reload} />;
  return <SpreadView spread={spread.data} />;
}

function SpreadView({ spread }: { spread: AgencySpread }) {
  const { t, language } = useI18n();
  const max = Math.max(0, ...spread.adoptingAgencies.map((a) => a.count));
  const search = `/archive?${queryToParams({ q: "", filters: { agencyId: spread.agency.id }, sort: "" }).toString()}`;
  const top = spread.topCases ?? [];
  return (
    <>
      <p className="breadcrumb-back">
        <Link to="/archive">{t("archive.back")}</Link>
      </p>
      <PageHeader title={t("archive.spread.title", { agency: spread.agency.name })} lead={t("archive.spread.lead")}>
        <p className="button-row">
          <Link className="krds-btn secondary medium" to={search}>
            {t("archive.spread.allCases")}
          </Link>
        </p>
      </PageHeader>

      <dl className="spread-stats">
        <div className="panel">
          <dt>{t("archive.spread.cases")}</dt>
          <dd>{t("archive.count", { count: spread.cases })}</dd>
        </div>
        <div className="panel">
          <dt>{t("archive.spread.received")}</dt>
          <dd>{t("archive.count", { count: spread.adoptionsReceived })}</dd>
        </div>
        <div className="panel">
          <dt>{t("archive.spread.made")}</dt>
          <dd>{t("archive.count", { count: spread.adoptionsMade.length })}</dd>
        </div>
      </dl>

      <section aria-labelledby="spread-adopters">
        <h2 id="spread-adopters" className="section-title">
          {t("archive.spread.adopters")}
        </h2>
        {spread.adoptingAgencies.length === 0 ? (
          <p className="empty">{t("archive.spread.adoptersEmpty")}</p>
        ) : (
          <ul className="bars spread-bars">
            {spread.adoptingAgencies.map((a) => (
              <li key={a.value} className="bar-row">
                <span className="bar-label">
                  <Link to={agencyPath(a.value)}>{a.label}</Link>
                </span>
                <span className="bar-track" aria-hidden="true">
                  <span className="bar-fill" style={{ width: `${countWidth(a.count, max)}%` }} />
                </span>
                <span className="bar-value">{t("archive.count", { count: a.count })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="spread-top">
        <h2 id="spread-top" className="section-title">
          {t("archive.spread.top")}
        </h2>
        {top.length === 0 ? (
          <p className="empty">{t("archive.spread.topEmpty")}</p>
        ) : (
          <ol className="archive-list">
            {top.map((item) => (
              <li key={item.id}>
                <ResultCard item={item} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="spread-made">
        <h2 id="spread-made" className="section-title">
          {t("archive.spread.madeTitle")}
        </h2>
        {spread.adoptionsMade.length === 0 ? (
          <p className="empty">{t("archive.spread.madeEmpty")}</p>
        ) : (
          <ul className="plain-list spread-made">
            {spread.adoptionsMade.map((m) => (
              <li key={m.entryId} className="list-row">
                <span>
                  <Link to={casePath(m.entryId)}>{m.title}</Link>{" "}
                  <span className="muted">
                    · <Link to={agencyPath(m.agency.id)}>{m.agency.name}</Link>
                  </span>
                </span>
                <span className="muted">
                  {t("archive.adoptions.on")} <time dateTime={m.adoptedOn}>{formatDay(m.adoptedOn, language)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
