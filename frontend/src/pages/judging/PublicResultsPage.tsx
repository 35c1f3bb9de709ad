import { useCallback } from "react";
import { useParams } from "react-router";
import { useApi } from "../../app/context";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { TableWrap } from "../../components/TableWrap";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../lib/seoul";
import { PublicVoteTable } from "../vote/VoteBreakdown";
import { formatScore } from "./format";
import { scaleRange, weightedTotal } from "./scoring";
import type { Criterion, PublicResultCase, PublicResults } from "./types";
import { ObjectionWindow } from "./ui";
import "./judging.css";

/** `/results/:roundId`: published results anyone may read and print, with the anonymized scores. */
export function PublicResultsPage() {
  const { roundId = "" } = useParams();
  const api = useApi();
  const { t } = useI18n();
  const load = useCallback(() => api.GET("/api/v1/public/rounds/{roundId}/results", { params: { path: { roundId } } }), [api, roundId]);
  const results = useLoad(load);
  if (results.status === "loading") return <Loading />;
  if (results.status === "error") {
    if (results.httpStatus === 404) {
      return (
        <>
          <PageHeader title={t("publicResults.title")} />
          <p className="empty">{t("publicResults.notFound")}</p>
        </>
      );
    }
    return <LoadError error={results.error} httpStatus={results.httpStatus} onRetry={results.reload} />;
  }
  return <PublicResultsView results={results.data} />;
}

/** Judges J1…Jn in order of their number. */
function judgesOf(c: PublicResultCase): string[] {
  const names = [...new Set(c.scores.map((s) => s.judge))];
  return names.sort((a, b) => Number(a.replace(/\D/g, "")) - Number(b.replace(/\D/g, "")) || a.localeCompare(b));
}

export function PublicResultsView({ results }: { results: PublicResults }) {
  const { t, language } = useI18n();
  const ranked = [...results.cases].sort((a, b) => a.rank - b.rank);
  return (
    <article className="public-results">
      <PageHeader title={results.title} lead={t("publicResults.lead", { at: formatSeoulDateTime(results.publishedAt, language) })}>
        <p className="button-row no-print">
          <button type="button" className="krds-btn secondary medium" onClick={() => window.print()}>
            {t("publicResults.print")}
          </button>
        </p>
      </PageHeader>
      <ObjectionWindow closesAt={results.objectionsCloseAt} />

      <section aria-labelledby="pr-method">
        <h2 id="pr-method" className="section-title">
          {t("publicResults.howTitle")}
        </h2>
        <dl className="detail-list">
          <div>
            <dt>{t("publicResults.method")}</dt>
            <dd>
              <strong>{t(`method.${results.method}`)}</strong> — {t(`method.desc.${results.method}`)}
            </dd>
          </div>
          <div>
            <dt>{t("publicResults.tieBreaks")}</dt>
            <dd>
              {results.tieBreaks.length === 0 ? (
                t("publicResults.noTieBreaks")
              ) : (
                <ol className="inline-ol">
                  {results.tieBreaks.map((tb, i) => (
                    <li key={i}>
                      {tb.kind === "criterion" ? t("tieBreak.criterionNamed", { name: tb.criterionName ?? "–" }) : t(`tieBreak.kind.${tb.kind}`)}
                    </li>
                  ))}
                </ol>
              )}
            </dd>
          </div>
          {results.stage ? (
            <div>
              <dt>{t("publicResults.stage")}</dt>
              <dd>{results.stage}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="pr-criteria">
        <h2 id="pr-criteria" className="section-title">
          {t("publicResults.criteria")}
        </h2>
        <CriteriaTable criteria={results.criteria} />
      </section>

      <section aria-labelledby="pr-ranking">
        <h2 id="pr-ranking" className="section-title">
          {t("publicResults.ranking")}
        </h2>
        <TableWrap label={t("publicResults.rankingCaption")}>
          <table className="tbl col data compact-table print-table">
            <caption className="sr-only">{t("publicResults.rankingCaption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("results.col.rank")}
                </th>
                <th scope="col">{t("results.col.case")}</th>
                <th scope="col">{t("publicResults.col.team")}</th>
                <th scope="col" className="num">
                  {t("results.col.score")}
                </th>
                <th scope="col">{t("roundResults.col.tier")}</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((c) => (
                <tr key={c.caseId} className={c.tier ? "is-awarded" : undefined}>
                  <td className="num">{c.rank}</td>
                  <th scope="row">{c.title}</th>
                  <td>
                    {c.teamName ?? "–"}
                    {c.agencyName ? <span className="muted cell-sub">{c.agencyName}</span> : null}
                  </td>
                  <td className="num">{formatScore(c.score, language, 4)}</td>
                  <td>{c.tier ? <strong>{c.tier}</strong> : <span className="muted">{t("roundResults.noAward")}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <PublicVoteTable cases={ranked} />

      <section aria-labelledby="pr-scores">
        <h2 id="pr-scores" className="section-title">
          {t("publicResults.scores")}
        </h2>
        <p className="form-hint">{t("publicResults.scoresHint")}</p>
        {ranked.map((c) => (
          <CaseScores key={c.caseId} item={c} criteria={results.criteria} />
        ))}
      </section>
    </article>
  );
}

function CriteriaTable({ criteria }: { criteria: Criterion[] }) {
  const { t, language } = useI18n();
  return (
    <TableWrap label={t("publicResults.criteria")}>
      <table className="tbl col data compact-table print-table">
        <caption className="sr-only">{t("publicResults.criteria")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("stageForm.col.criterion")}</th>
            <th scope="col" className="num">
              {t("stageForm.col.weight")}
            </th>
            <th scope="col">{t("stageForm.col.scale")}</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => {
            const [lo, hi] = scaleRange(c.scale);
            return (
              <tr key={c.id}>
                <th scope="row">
                  {c.name}
                  {c.description ? <span className="muted cell-sub">{c.description}</span> : null}
                </th>
                <td className="num">{formatScore(c.weight, language)}</td>
                <td>
                  {c.scale.kind === "grades"
                    ? (c.scale.grades ?? []).map((g) => `${g.label} ${formatScore(g.points, language)}`).join(", ")
                    : t("stageForm.pointsScale", { min: formatScore(lo, language), max: formatScore(hi, language) })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

function CaseScores({ item, criteria }: { item: PublicResultCase; criteria: Criterion[] }) {
  const { t, language } = useI18n();
  const judges = judgesOf(item);
  const caption = t("publicResults.caseScores", { rank: item.rank, title: item.title });
  if (judges.length === 0) return null;
  return (
    <div className="case-scores">
      <h3 className="case-scores-title">{caption}</h3>
      <TableWrap label={caption}>
        <table className="tbl col data compact-table print-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("publicResults.col.judge")}</th>
              {criteria.map((c) => (
                <th key={c.id} scope="col" className="num">
                  {c.name}
                </th>
              ))}
              <th scope="col" className="num">
                {t("publicResults.col.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {judges.map((judge) => {
              const points = criteria.map((c) => item.scores.find((s) => s.judge === judge && s.criterion === c.name)?.points ?? null);
              const total = weightedTotal(criteria, points);
              return (
                <tr key={judge}>
                  <th scope="row">{judge}</th>
                  {points.map((p, i) => (
                    <td key={criteria[i]?.id ?? i} className="num">
                      {p === null ? "–" : formatScore(p, language)}
                    </td>
                  ))}
                  <td className="num">
                    <strong>{total === null ? "–" : formatScore(total, language, 4)}</strong>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
