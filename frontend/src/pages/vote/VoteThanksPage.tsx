import { useCallback } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useApi } from "../../app/context";
import { Notice, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../lib/seoul";
import type { ThanksState } from "./VotePage";
import "./vote.css";

function thanksOf(state: unknown, stageId: string): ThanksState | null {
  if (typeof state !== "object" || state === null) return null;
  const s = state as Partial<ThanksState>;
  if (!s.ballot || s.ballot.stageId !== stageId || !Array.isArray(s.ballot.caseIds) || !Array.isArray(s.titles)) return null;
  return s as ThanksState;
}

/**
 * `/votes/:stageId/thanks`: confirms the ballot just cast (kept in the history entry, so a
 * reload still shows it) with the current counts when the vote shows them.
 */
export function VoteThanksPage() {
  const { stageId = "" } = useParams();
  const location = useLocation();
  const { t, language } = useI18n();
  const api = useApi();
  const thanks = thanksOf(location.state, stageId);
  const load = useCallback(() => api.GET("/api/v1/public/stages/{stageId}/vote", { params: { path: { stageId } } }), [api, stageId]);
  const vote = useLoad(load);
  const current = vote.status === "ok" ? vote.data : null;

  return (
    <div className="vote-page vote-thanks">
      <PageHeader
        title={t("vote.thanks.title")}
        lead={current && thanks ? t("vote.thanks.lead", { round: current.roundTitle }) : undefined}
      />
      {thanks ? (
        <Notice tone="success">
          <h2 id="vote-thanks-chosen" className="section-title">
            {t("vote.thanks.chosen")}
          </h2>
          <ul className="vote-thanks-list" aria-labelledby="vote-thanks-chosen">
            {thanks.ballot.caseIds.map((id, i) => {
              const finalist = current?.cases.find((c) => c.caseId === id);
              return (
                <li key={id}>
                  <strong>{finalist?.title ?? thanks.titles[i] ?? id}</strong>
                  {current?.showCounts && finalist?.votes !== undefined ? (
                    <span className="vote-thanks-count">{t("vote.thanks.current", { count: finalist.votes })}</span>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <dl className="detail-list compact vote-thanks-facts">
            <div>
              <dt>{t("vote.thanks.at")}</dt>
              <dd>
                <time dateTime={thanks.ballot.castAt}>{formatSeoulDateTime(thanks.ballot.castAt, language)}</time>
              </dd>
            </div>
            <div>
              <dt>{t("vote.thanks.method")}</dt>
              <dd>{t(`vote.method.${thanks.ballot.verifiedBy}`)}</dd>
            </div>
          </dl>
        </Notice>
      ) : (
        <Notice>
          <p>{t("vote.thanks.missing")}</p>
        </Notice>
      )}
      <p className="vote-links">
        <Link className="krds-btn secondary medium" to={`/votes/${stageId}`}>
          {t("vote.thanks.back")}
        </Link>
        <Link className="krds-btn secondary medium" to="/votes">
          {t("vote.thanks.list")}
        </Link>
        <Link className="krds-btn tertiary medium" to="/archive">
          {t("vote.thanks.archive")}
        </Link>
      </p>
    </div>
  );
}
