import { useCallback } from "react";
import { Link } from "react-router";
import { useApi } from "../../app/context";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../lib/seoul";
import { useNow } from "../RoundsPage";
import { VoteDday, VoteStatusBadge } from "./parts";
import type { PublicVoteSummary } from "./types";

const GROUPS = ["open", "scheduled", "closed"] as const;

/** `/votes`: public votes that are open, scheduled or closed in the last 30 days; no sign-in needed. */
export function VotesPage() {
  const { t } = useI18n();
  const api = useApi();
  const load = useCallback(() => api.GET("/api/v1/public/votes"), [api]);
  const votes = useLoad(load);
  return (
    <div className="vote-page">
      <PageHeader title={t("votes.title")} lead={t("votes.lead")} />
      {votes.status === "loading" ? <Loading /> : null}
      {votes.status === "error" ? <LoadError error={votes.error} httpStatus={votes.httpStatus} onRetry={votes.reload} /> : null}
      {votes.status === "ok" ? <VoteGroups items={votes.data.items} /> : null}
    </div>
  );
}

function VoteGroups({ items }: { items: PublicVoteSummary[] }) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="empty">{t("votes.empty")}</p>;
  return (
    <>
      {GROUPS.map((status) => {
        // The server lists the soonest closing first; each group keeps that order.
        const group = items.filter((v) => v.status === status);
        if (group.length === 0) return null;
        return (
          <section key={status} aria-labelledby={`votes-${status}`} className="vote-group">
            <h2 id={`votes-${status}`} className="section-title">
              {t(`votes.group.${status}`)}
            </h2>
            <ul className="vote-cards">
              {group.map((vote) => (
                <VoteCard key={vote.stageId} vote={vote} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function VoteCard({ vote }: { vote: PublicVoteSummary }) {
  const { t, language } = useI18n();
  const now = useNow();
  return (
    <li className="card card-link vote-card">
      <div className="badge-row">
        <VoteStatusBadge status={vote.status} />
        <VoteDday status={vote.status} opensAt={vote.opensAt} closesAt={vote.closesAt} now={now} />
      </div>
      <h3 className="card-title">
        <Link to={`/votes/${vote.stageId}`}>{vote.roundTitle}</Link>
      </h3>
      <p className="vote-card-stage">{t("votes.stage", { stage: vote.stageName })}</p>
      <dl className="card-facts">
        <div>
          <dt>{t("votes.period")}</dt>
          <dd>
            {t("votes.range", {
              start: formatSeoulDateTime(vote.opensAt, language),
              end: formatSeoulDateTime(vote.closesAt, language),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("votes.host")}</dt>
          <dd>{vote.hostAgency}</dd>
        </div>
        <div>
          <dt>{t("votes.finalists")}</dt>
          <dd>{t("votes.finalistsValue", { count: vote.finalists })}</dd>
        </div>
      </dl>
    </li>
  );
}
