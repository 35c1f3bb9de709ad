import { useCallback } from "react";
import { useParams } from "react-router";
import type { Round } from "../../api/types";
import { useApi } from "../../app/context";
import { LoadMore } from "../../components/LoadMore";
import { LoadError, Loading } from "../../components/Page";
import { fetchAllPages, useCursorList } from "../../components/useCursorList";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { RoundJudgingHeader } from "../organizer/judging/RoundJudgingPage";
import { AuditTable } from "./AuditTable";
import { pairsOf, useNames } from "./useNames";

/** `/organizer/rounds/:roundId/audit`: the round's judging events for its organizers. */
export function RoundAuditPage() {
  const { roundId = "" } = useParams();
  const api = useApi();
  const loadRound = useCallback(() => api.GET("/api/v1/rounds/{roundId}", { params: { path: { roundId } } }), [api, roundId]);
  const round = useLoad(loadRound);
  if (round.status === "loading") return <Loading />;
  if (round.status === "error") return <LoadError error={round.error} httpStatus={round.httpStatus} onRetry={round.reload} />;
  return (
    <>
      <RoundJudgingHeader round={round.data} current="audit" />
      <RoundAudit round={round.data} />
    </>
  );
}

function RoundAudit({ round }: { round: Round }) {
  const { t } = useI18n();
  const api = useApi();
  const roundId = round.id;
  const fetchPage = useCallback(
    (cursor?: string) => api.GET("/api/v1/rounds/{roundId}/audit", { params: { path: { roundId }, query: { cursor, limit: 50 } } }),
    [api, roundId],
  );
  const events = useCursorList(fetchPage, (d) => d.items);

  const loadNames = useCallback(async () => {
    const path = { params: { path: { roundId } } };
    const [stages, cases] = await Promise.all([
      pairsOf(api.GET("/api/v1/rounds/{roundId}/stages", path), (d) => d.items.map((s) => [s.id, s.name] as const)),
      fetchAllPages(
        (cursor) => api.GET("/api/v1/rounds/{roundId}/cases", { params: { path: { roundId }, query: { cursor, limit: 50 } } }),
        (d) => d.items.map((c) => [c.id, c.title] as const),
      ).catch(() => []),
    ]);
    // Judges are named per stage; external judges are not among the organizer's users.
    const judges = await Promise.all(
      stages.map(([stageId]) =>
        pairsOf(api.GET("/api/v1/stages/{stageId}/judges", { params: { path: { stageId } } }), (d) =>
          d.items.map((j) => [j.userId, j.displayName] as const),
        ),
      ),
    );
    return [
      [round.id, round.title] as const,
      ...round.awardTiers.map((tier) => [tier.id, tier.name] as const),
      ...stages,
      ...cases,
      ...judges.flat(),
    ];
  }, [api, round, roundId]);
  const names = useNames(loadNames);

  return (
    <section aria-labelledby="round-audit-title">
      <div className="audit-list-head">
        <h2 id="round-audit-title" className="section-title">
          {t("audit.listTitle")}
        </h2>
        {events.status === "ok" && events.items.length > 0 ? (
          <p className="muted">{t("audit.shown", { count: events.items.length })}</p>
        ) : null}
      </div>
      <p className="section-lead muted">{t("audit.round.intro")}</p>
      {events.status === "loading" ? <Loading /> : null}
      {events.status === "error" ? <LoadError error={events.error} httpStatus={events.httpStatus} onRetry={events.reload} /> : null}
      {events.status === "ok" && events.items.length === 0 ? <p className="empty">{t("audit.empty")}</p> : null}
      {events.status === "ok" && events.items.length > 0 ? (
        <>
          <AuditTable items={events.items} names={names} />
          <LoadMore list={events} className="audit-more" />
        </>
      ) : null}
    </section>
  );
}
