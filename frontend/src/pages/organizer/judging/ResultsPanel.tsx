import { useCallback, useState } from "react";
import { useApi } from "../../../app/context";
import { LoadError, Loading, Notice } from "../../../components/Page";
import { TableWrap } from "../../../components/TableWrap";
import { useLoad } from "../../../components/useLoad";
import { useI18n } from "../../../i18n/I18nProvider";
import { formatScore } from "../../judging/format";
import { ChoiceGroup } from "../../judging/ScoreForm";
import type { AggregationMethod, Stage, StageResults } from "../../judging/types";
import { methodOrder, pickRanking } from "./methods";

/** 결과 미리보기 tab: the score matrix with disagreement, and the ranking under each method. */
export function ResultsPanel({ stage }: { stage: Stage }) {
  const api = useApi();
  const stageId = stage.id;
  const load = useCallback(() => api.GET("/api/v1/stages/{stageId}/results", { params: { path: { stageId } } }), [api, stageId]);
  const results = useLoad(load);
  if (results.status === "loading") return <Loading />;
  if (results.status === "error") return <LoadError error={results.error} httpStatus={results.httpStatus} onRetry={results.reload} />;
  return <ResultsView results={results.data} />;
}

export function ResultsView({ results }: { results: StageResults }) {
  const { t } = useI18n();
  return (
    <div className="stage-panel">
      <h2 className="section-title">{t("stagePage.tab.results")}</h2>
      <p className="form-hint">{t("results.hint")}</p>
      <ScoreMatrix results={results} />
      <MethodSwitch results={results} />
    </div>
  );
}

function ScoreMatrix({ results }: { results: StageResults }) {
  const { t, language } = useI18n();
  if (results.matrix.length === 0) return <p className="empty">{t("results.noScores")}</p>;
  const names = Object.fromEntries(results.judges.map((j) => [j.userId, j.displayName]));
  return (
    <section aria-labelledby="matrix-title">
      <h3 id="matrix-title" className="section-title">
        {t("results.matrixTitle")}
      </h3>
      <p className="small-note">
        <span className="outlier-mark" aria-hidden="true">
          ▲
        </span>{" "}
        {t("results.outlierLegend")}
      </p>
      <TableWrap label={t("results.matrixCaption")}>
        <table className="tbl col data compact-table score-matrix">
          <caption className="sr-only">{t("results.matrixCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.col.case")}</th>
              {results.judges.map((j) => (
                <th key={j.userId} scope="col" className="num">
                  {j.displayName}
                </th>
              ))}
              <th scope="col" className="num">
                {t("results.col.stdDev")}
              </th>
              <th scope="col" className="num">
                {t("results.col.range")}
              </th>
            </tr>
          </thead>
          <tbody>
            {results.matrix.map((row) => (
              <tr key={row.caseId}>
                <th scope="row">{row.title}</th>
                {results.judges.map((j) => {
                  const cell = row.totals.find((x) => x.judgeId === j.userId);
                  const outlier = row.outliers.includes(j.userId);
                  return (
                    <td key={j.userId} className={`num${outlier ? " is-outlier" : ""}`}>
                      {cell ? formatScore(cell.total, language) : <span className="muted">–</span>}
                      {outlier ? (
                        <>
                          {" "}
                          <span className="outlier-mark" aria-hidden="true">
                            ▲
                          </span>
                          <span className="sr-only">({t("results.outlier", { name: names[j.userId] ?? "" })})</span>
                        </>
                      ) : null}
                    </td>
                  );
                })}
                <td className="num">{formatScore(row.stdDev, language)}</td>
                <td className={`num${row.range >= 20 ? " is-wide" : ""}`}>{formatScore(row.range, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

const TIE_BROKEN_BY = ["criterion", "first_places", "earlier_submission", "case_id"] as const;

/** What separated a row from the one above it: a declared tie-break, or the case number. */
function tieBrokenText(t: ReturnType<typeof useI18n>["t"], key: string): string {
  const known = TIE_BROKEN_BY.find((k) => k === key);
  return known ? t(`results.tieBrokenBy.${known}`) : key;
}

/** The ranking under a chosen method (the round's first), or why that method cannot rank. */
export function MethodSwitch({ results }: { results: StageResults }) {
  const { t, language } = useI18n();
  const [method, setMethod] = useState<AggregationMethod | null>(null);
  const order = methodOrder(results);
  const view = pickRanking(results, method);
  const names = Object.fromEntries(results.judges.map((j) => [j.userId, j.displayName]));
  return (
    <section aria-labelledby="method-switch-title" className="top-gap method-switch">
      <h3 id="method-switch-title" className="section-title">
        {t("results.rankingTitle")}
      </h3>
      <ChoiceGroup
        id="method-switch"
        legend={t("results.methodLegend")}
        value={view.method}
        onChange={(m) => setMethod(m as AggregationMethod)}
        choices={order.map((m) => ({
          value: m,
          label: m === results.method ? t("results.roundMethod", { method: t(`method.${m}`) }) : t(`method.${m}`),
        }))}
      />
      <p className="small-note">{t(`method.desc.${view.method}`)}</p>
      <div aria-live="polite">
        {view.kind === "error" ? (
          <Notice tone="danger">
            <p>
              <strong>{t("results.methodError", { method: t(`method.${view.method}`) })}</strong> {view.message}
            </p>
          </Notice>
        ) : null}
        {view.kind === "empty" ? <p className="empty">{t("results.noScores")}</p> : null}
        {view.kind === "rows" ? (
          <TableWrap label={t("results.rankingCaption", { method: t(`method.${view.method}`) })}>
            <table className="tbl col data compact-table ranking-table">
              <caption className="sr-only">{t("results.rankingCaption", { method: t(`method.${view.method}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t("results.col.rank")}
                  </th>
                  <th scope="col">{t("results.col.case")}</th>
                  <th scope="col" className="num">
                    {t("results.col.score")}
                  </th>
                  <th scope="col">{t("results.col.tieBreak")}</th>
                  {view.rows.some((r) => r.dropped && r.dropped.length > 0) ? <th scope="col">{t("results.col.dropped")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => (
                  <tr key={row.caseId}>
                    <td className="num">{row.rank}</td>
                    <th scope="row">{row.title}</th>
                    <td className="num">{formatScore(row.score, language, 4)}</td>
                    <td>{row.tieBrokenBy ? tieBrokenText(t, row.tieBrokenBy) : "–"}</td>
                    {view.rows.some((r) => r.dropped && r.dropped.length > 0) ? (
                      <td>{(row.dropped ?? []).map((id) => names[id] ?? id).join(", ") || "–"}</td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </div>
    </section>
  );
}
