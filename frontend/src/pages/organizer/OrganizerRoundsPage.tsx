import { useCallback } from "react";
import { Link, useLocation } from "react-router";
import type { Round } from "../../api/types";
import { useApi } from "../../app/context";
import { RoundStatusBadge } from "../../components/badges";
import { StatusMessage } from "../../components/forms";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../lib/seoul";
import { TableWrap } from "../../components/TableWrap";

export function OrganizerRoundsPage() {
  const { t } = useI18n();
  const api = useApi();
  const location = useLocation();
  const flash = (location.state as { message?: string } | null)?.message ?? null;
  const load = useCallback(() => api.GET("/api/v1/rounds"), [api]);
  const rounds = useLoad(load);
  return (
    <>
      <PageHeader title={t("orgRounds.title")} lead={t("orgRounds.intro")}>
        <p className="button-row">
          <Link className="krds-btn primary medium" to="/organizer/rounds/new">
            {t("orgRounds.new")}
          </Link>
        </p>
      </PageHeader>
      <StatusMessage>{flash}</StatusMessage>
      {rounds.status === "loading" ? <Loading /> : null}
      {rounds.status === "error" ? <LoadError error={rounds.error} httpStatus={rounds.httpStatus} onRetry={rounds.reload} /> : null}
      {rounds.status === "ok" ? <ManagedRounds items={rounds.data.items.filter((r) => r.canManage)} /> : null}
    </>
  );
}

function ManagedRounds({ items }: { items: Round[] }) {
  const { t, language } = useI18n();
  if (items.length === 0) return <p className="empty">{t("orgRounds.empty")}</p>;
  return (
    <TableWrap label={t("orgRounds.caption")}>
      <table className="tbl col data">
        <caption>{t("orgRounds.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("orgRounds.col.title")}</th>
            <th scope="col">{t("orgRounds.col.status")}</th>
            <th scope="col">{t("orgRounds.col.published")}</th>
            <th scope="col">{t("orgRounds.col.closes")}</th>
            <th scope="col">{t("orgRounds.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((round) => (
            <tr key={round.id}>
              <th scope="row">
                <Link to={`/organizer/rounds/${round.id}`}>{round.title}</Link>
                <span className="muted cell-sub">{round.hostAgency.name}</span>
              </th>
              <td>
                <RoundStatusBadge status={round.status} />
              </td>
              <td>
                {round.published ? (
                  <span className="status-badge published">{t("orgRounds.published")}</span>
                ) : (
                  <span className="status-badge unpublished">{t("orgRounds.unpublished")}</span>
                )}
              </td>
              <td>{formatSeoulDateTime(round.schedule.submissionClosesAt, language)}</td>
              <td>
                <div className="row-actions">
                  <Link className="krds-btn secondary small" to={`/organizer/rounds/${round.id}`}
                    aria-label={t("orgRounds.overviewLabel", { title: round.title })}>
                    {t("orgRounds.overview")}
                  </Link>
                  <Link className="krds-btn tertiary small" to={`/organizer/rounds/${round.id}/edit`}
                    aria-label={t("orgRounds.editLabel", { title: round.title })}>
                    {t("orgRounds.edit")}
                  </Link>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
