import { useCallback } from "react";
import { useParams } from "react-router";
import type { Round } from "../../api/types";
import { useApi } from "../../app/context";
import { LoadError, Loading } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { RoundJudgingHeader } from "../organizer/judging/RoundJudgingPage";
import { AuditTable } from "./AuditTable";
import { pairsOf, useNames } from "./useNames";

/** The API answers a round's log in one piece, newest first, up to this many events. */
export const ROUND_AUDIT_CAP = 500;

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
  const loadEvents = useCallback(() => api.GET("/api/v1/rounds/{roundId}/audit", { params: { path: { roundId } } }), [api, roundId]);
  const events = useLoad(loadEvents);

  const loadNames = useCallback(async () => {
    const path = { params: { path: { roundId } } };
    const [stages, cases] = await Promise.all([
      pairsOf(api.GET("/api/v1/rounds/{roundId}/stages", path), (d) => d.items.map((s) => [s.id, s.name] as const)),
      pairsOf(api.GET("/api/v1/rounds/{roundId}/cases", path), (d) => d.items.map((c) => [c.id, c.title] as const)),
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
        {events.status === "ok" && events.data.items.length > 0 ? (
          <p className="muted">{t("audit.shown", { count: events.data.items.length })}</p>
        ) : null}
      </div>
      <p className="section-lead muted">{t("audit.round.intro")}</p>
      {events.status === "loading" ? <Loading /> : null}
      {events.status === "error" ? <LoadError error={events.error} httpStatus={events.httpStatus} onRetry={events.reload} /> : null}
      {events.status === "ok" && events.data.items.length === 0 ? <p className="empty">{t("audit.empty")}</p> : null}
      {events.status === "ok" && events.data.items.length > 0 ? (
        <>
          <AuditTable items={events.data.items} names={names} />
          {events.data.items.length >= ROUND_AUDIT_CAP ? (
            <p className="small-note muted">{t("audit.round.capped", { count: ROUND_AUDIT_CAP })}</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
