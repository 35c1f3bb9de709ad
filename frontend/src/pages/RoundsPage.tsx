import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import type { Round } from "../api/types";
import { useApi } from "../app/context";
import { RoundStatusBadge } from "../components/badges";
import { LoadError, Loading, PageHeader } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { useI18n } from "../i18n/I18nProvider";
import { deadlineFrom, formatDeadline, formatSeoulDateTime } from "../lib/seoul";

/** The current time, refreshed every minute so D-day labels roll over at midnight. */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function DeadlineBadge({ closesAt, now }: { closesAt: string; now: Date }) {
  const { language } = useI18n();
  const deadline = deadlineFrom(closesAt, now);
  return <span className={`dday dday-${deadline.kind}`}>{formatDeadline(deadline, language)}</span>;
}

export function RoundsPage() {
  const { t } = useI18n();
  const api = useApi();
  const load = useCallback(() => api.GET("/api/v1/rounds"), [api]);
  const rounds = useLoad(load);
  return (
    <>
      <PageHeader title={t("rounds.title")} lead={t("rounds.intro")} />
      {rounds.status === "loading" ? <Loading /> : null}
      {rounds.status === "error" ? <LoadError error={rounds.error} httpStatus={rounds.httpStatus} onRetry={rounds.reload} /> : null}
      {rounds.status === "ok" ? <RoundCards items={rounds.data.items} /> : null}
    </>
  );
}

function RoundCards({ items }: { items: Round[] }) {
  const { t, language } = useI18n();
  const now = useNow();
  if (items.length === 0) return <p className="empty">{t("rounds.empty")}</p>;
  return (
    <ul className="card-grid round-grid">
      {items.map((round) => (
        <li key={round.id} className="card card-link round-card">
          <div className="badge-row">
            <RoundStatusBadge status={round.status} />
            {round.status === "open" ? <DeadlineBadge closesAt={round.schedule.submissionClosesAt} now={now} /> : null}
            {!round.published ? <span className="status-badge unpublished">{t("rounds.unpublished")}</span> : null}
          </div>
          <h2 className="card-title">
            <Link to={`/rounds/${round.id}`}>{round.title}</Link>
          </h2>
          <dl className="card-facts">
            <div>
              <dt>{t("rounds.award")}</dt>
              <dd>{round.awardName}</dd>
            </div>
            <div>
              <dt>{t("rounds.host")}</dt>
              <dd>{round.hostAgency.name}</dd>
            </div>
            <div>
              <dt>{t("rounds.submission")}</dt>
              <dd>
                {t("rounds.range", {
                  start: formatSeoulDateTime(round.schedule.submissionOpensAt, language),
                  end: formatSeoulDateTime(round.schedule.submissionClosesAt, language),
                })}
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
