import { useCallback } from "react";
import { Link, useParams } from "react-router";
import type { CaseSummary, CountByKey, Round, RoundOverview } from "../../api/types";
import { useApi } from "../../app/context";
import { CaseStatusBadge, RoundStatusBadge } from "../../components/badges";
import { LoadMore } from "../../components/LoadMore";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { useCursorList } from "../../components/useCursorList";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../lib/seoul";
import { ScheduleList } from "../RoundPage";
import { DeadlineBadge, useNow } from "../RoundsPage";
import { TableWrap } from "../../components/TableWrap";

export function RoundOverviewPage() {
  const { roundId = "" } = useParams();
  const { t } = useI18n();
  const api = useApi();
  const loadRound = useCallback(() => api.GET("/api/v1/rounds/{roundId}", { params: { path: { roundId } } }), [api, roundId]);
  const loadOverview = useCallback(
    () => api.GET("/api/v1/rounds/{roundId}/overview", { params: { path: { roundId } } }),
    [api, roundId],
  );
  const fetchCases = useCallback(
    (cursor?: string) => api.GET("/api/v1/rounds/{roundId}/cases", { params: { path: { roundId }, query: { cursor } } }),
    [api, roundId],
  );
  const round = useLoad(loadRound);
  const overview = useLoad(loadOverview);
  const cases = useCursorList(fetchCases, (d) => d.items);
  if (round.status === "loading") return <Loading />;
  if (round.status === "error") return <LoadError error={round.error} httpStatus={round.httpStatus} onRetry={round.reload} />;
  return (
    <>
      <OverviewHeader round={round.data} />
      {overview.status === "loading" ? <Loading /> : null}
      {overview.status === "error" ? (
        <LoadError error={overview.error} httpStatus={overview.httpStatus} onRetry={overview.reload} />
      ) : null}
      {overview.status === "ok" ? <Charts overview={overview.data} /> : null}
      <section aria-labelledby="overview-cases">
        <h2 id="overview-cases" className="section-title">
          {t("overview.casesTitle")}
        </h2>
        {cases.status === "loading" ? <Loading /> : null}
        {cases.status === "error" ? <LoadError error={cases.error} httpStatus={cases.httpStatus} onRetry={cases.reload} /> : null}
        {cases.status === "ok" ? (
          <>
            <SubmittedCases items={cases.items} />
            <LoadMore list={cases} />
          </>
        ) : null}
      </section>
    </>
  );
}

function OverviewHeader({ round }: { round: Round }) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <>
      <PageHeader title={round.title} lead={t("overview.lead")}>
        <div className="badge-row">
          <RoundStatusBadge status={round.status} />
          {round.status === "open" ? <DeadlineBadge closesAt={round.schedule.submissionClosesAt} now={now} /> : null}
          {round.published ? (
            <span className="status-badge published">{t("orgRounds.published")}</span>
          ) : (
            <span className="status-badge unpublished">{t("orgRounds.unpublished")}</span>
          )}
        </div>
        <p className="button-row">
          <Link className="krds-btn secondary medium" to={`/organizer/rounds/${round.id}/edit`}>
            {t("overview.edit")}
          </Link>
          <Link className="krds-btn secondary medium" to={`/organizer/rounds/${round.id}/judging`}>
            {t("judging.manage")}
          </Link>
          <Link className="krds-btn secondary medium" to={`/organizer/rounds/${round.id}/results`}>
            {t("judging.results")}
          </Link>
          <Link className="krds-btn secondary medium" to={`/organizer/rounds/${round.id}/audit`}>
            {t("audit.round.title")}
          </Link>
          <Link className="krds-btn tertiary medium" to={`/rounds/${round.id}`}>
            {t("rounds.title")}
          </Link>
        </p>
      </PageHeader>
      <section aria-labelledby="overview-schedule">
        <h2 id="overview-schedule" className="section-title">
          {t("round.schedule")}
        </h2>
        <ScheduleList round={round} />
      </section>
    </>
  );
}

function Charts({ overview }: { overview: RoundOverview }) {
  const { t } = useI18n();
  return (
    <>
      <p className="overview-total">{t("overview.total", { count: overview.total })}</p>
      <div className="chart-grid">
        <BarChart id="chart-status" title={t("overview.byStatus")} items={overview.byStatus}
          label={(item) => (isCaseStatus(item.key) ? t(`caseStatus.${item.key}`) : item.label)} />
        <BarChart id="chart-category" title={t("overview.byCategory")} items={overview.byCategory} label={(item) => item.label} />
        <BarChart id="chart-kind" title={t("overview.byTeamKind")} items={overview.byTeamKind}
          label={(item) => (isTeamKind(item.key) ? t(`teamKind.${item.key}`) : item.label)} />
      </div>
    </>
  );
}

const CASE_STATUS_KEYS = ["draft", "submitted", "withdrawn", "judging", "awarded", "not_awarded"] as const;
const TEAM_KIND_KEYS = ["innovation_team", "mz_discovery_group", "policy_club", "department", "individual"] as const;
function isCaseStatus(key: string): key is (typeof CASE_STATUS_KEYS)[number] {
  return (CASE_STATUS_KEYS as readonly string[]).includes(key);
}
function isTeamKind(key: string): key is (typeof TEAM_KIND_KEYS)[number] {
  return (TEAM_KIND_KEYS as readonly string[]).includes(key);
}

/** A horizontal bar chart in CSS: each row reads "label count" to assistive technology. */
export function BarChart({
  id,
  title,
  items,
  label,
}: {
  id: string;
  title: string;
  items: CountByKey[];
  label: (item: CountByKey) => string;
}) {
  const { t } = useI18n();
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <figure className="bar-chart panel" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="section-title">
        {title}
      </figcaption>
      {items.length === 0 ? (
        <p className="muted">{t("overview.noData")}</p>
      ) : (
        <ul className="bars">
          {items.map((item) => (
            <li key={item.key} className="bar-row">
              <span className="bar-label">{label(item)}</span>
              <span className="bar-track" aria-hidden="true">
                <span className={`bar-fill${item.count === 0 ? " is-zero" : ""}`} style={{ width: `${(item.count / max) * 100}%` }} />
              </span>
              <span className="bar-value">{t("overview.count", { count: item.count })}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

function SubmittedCases({ items }: { items: CaseSummary[] }) {
  const { t, language } = useI18n();
  if (items.length === 0) return <p className="empty">{t("overview.casesEmpty")}</p>;
  return (
    <TableWrap label={t("overview.casesCaption")}>
      <table className="tbl col data">
        <caption>{t("overview.casesCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("overview.col.title")}</th>
            <th scope="col">{t("overview.col.team")}</th>
            <th scope="col">{t("overview.col.category")}</th>
            <th scope="col">{t("overview.col.status")}</th>
            <th scope="col">{t("overview.col.version")}</th>
            <th scope="col">{t("overview.col.submittedAt")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/cases/${c.id}`}>{c.title}</Link>
              </th>
              <td>
                {c.team.name} <span className="muted cell-sub">{t(`teamKind.${c.team.kind}`)}</span>
              </td>
              <td>{c.category?.name ?? "–"}</td>
              <td>
                <CaseStatusBadge status={c.status} />
              </td>
              <td>{t("myCases.version", { n: c.submittedVersion })}</td>
              <td>{formatSeoulDateTime(c.submittedAt, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
