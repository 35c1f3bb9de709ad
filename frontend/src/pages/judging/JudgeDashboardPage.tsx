import { useCallback } from "react";
import { Link, useLocation } from "react-router";
import { useApi } from "../../app/context";
import { StatusMessage } from "../../components/forms";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { TableWrap } from "../../components/TableWrap";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../lib/seoul";
import { DeadlineBadge, useNow } from "../RoundsPage";
import { formatScore } from "./format";
import type { JudgeStage } from "./types";
import { ProgressBar, SheetStatusBadge, StageKindBadge } from "./ui";

/** `/judging`: the open stages the judge sits on, their progress and cases. */
export function JudgeDashboardPage() {
  const { t } = useI18n();
  const api = useApi();
  const location = useLocation();
  const message = (location.state as { message?: string } | null)?.message ?? null;
  const load = useCallback(() => api.GET("/api/v1/judging/assignments"), [api]);
  const dashboard = useLoad(load);
  return (
    <>
      <PageHeader title={t("judging.dashboard.title")} lead={t("judging.dashboard.lead")} />
      <StatusMessage>{message}</StatusMessage>
      {dashboard.status === "loading" ? <Loading /> : null}
      {dashboard.status === "error" ? (
        <LoadError error={dashboard.error} httpStatus={dashboard.httpStatus} onRetry={dashboard.reload} />
      ) : null}
      {dashboard.status === "ok" ? (
        dashboard.data.items.length === 0 ? (
          <p className="empty">{t("judging.dashboard.empty")}</p>
        ) : (
          <ul className="plain-list judge-stages">
            {dashboard.data.items.map((item) => (
              <li key={item.stage.id}>
                <StageCard item={item} />
              </li>
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}

function StageCard({ item }: { item: JudgeStage }) {
  const { t, language } = useI18n();
  const now = useNow();
  const { stage } = item;
  const headingId = `stage-${stage.id}`;
  return (
    <section className="panel judge-stage" aria-labelledby={headingId}>
      <div className="judge-stage-head">
        <h2 id={headingId} className="section-title">
          {item.roundTitle} <span className="title-sep">·</span> {stage.name}
        </h2>
        <div className="badge-row">
          <StageKindBadge kind={stage.kind} />
          {stage.blind ? <span className="status-badge blind-badge">{t("judging.blind")}</span> : null}
          <DeadlineBadge closesAt={stage.scoringClosesAt} now={now} />
        </div>
      </div>
      <p className="judge-stage-deadline">
        {t("judging.dashboard.deadline")}{" "}
        <time dateTime={stage.scoringClosesAt}>{formatSeoulDateTime(stage.scoringClosesAt, language)}</time>
      </p>
      <ProgressBar value={item.submitted} max={item.assigned} label={t("judging.dashboard.progress", { stage: stage.name })} />
      {item.cases.length === 0 ? (
        <p className="muted">{t("judging.dashboard.noCases")}</p>
      ) : (
        <TableWrap label={t("judging.dashboard.casesCaption", { stage: stage.name })}>
          <table className="tbl col data compact-table">
            <caption className="sr-only">{t("judging.dashboard.casesCaption", { stage: stage.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("judging.dashboard.col.case")}</th>
                <th scope="col">{t("judging.dashboard.col.status")}</th>
                <th scope="col" className="num">
                  {t("judging.dashboard.col.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {item.cases.map((c) => (
                <tr key={c.caseId}>
                  <th scope="row">
                    <Link to={`/judging/stages/${stage.id}/cases/${c.caseId}`}>{c.title}</Link>
                  </th>
                  <td>
                    <SheetStatusBadge status={c.sheetStatus} />
                  </td>
                  <td className="num">{c.total !== undefined && c.total !== null ? formatScore(c.total, language) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
