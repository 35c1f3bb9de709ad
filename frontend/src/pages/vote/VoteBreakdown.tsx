import { TableWrap } from "../../components/TableWrap";
import { useI18n } from "../../i18n/I18nProvider";
import type { Language, Translate } from "../../i18n/translate";
import { formatScore } from "../judging/format";
import type { PublicResultCase } from "../judging/types";
import { blendedScore, lacksPanelScore, scorePartsOf, type ScoreParts } from "./scoreParts";
import "./vote.css";

/** The citizen panel's score, or "심사단 점수 없음" when no member scored the case. */
export function panelScoreText(t: Translate, language: Language, p: ScoreParts): string {
  return p.panelScore === null ? t("voteResult.noPanelScore") : formatScore(p.panelScore, language, 2);
}

function panelPart(t: Translate, language: Language, p: ScoreParts): string {
  const share = formatScore(p.panelShare, language);
  return p.panelScore === null
    ? t("voteResult.noPanelPart", { share })
    : t("voteResult.panelPart", { panel: formatScore(p.panelScore, language, 2), share });
}

/** "본선: 심사위원 점수 80.28 · 득표 14표 · 투표 점수 100 · 반영 비율 20%", with the citizen panel's part when it has one. */
export function scorePartsLine(t: Translate, language: Language, stage: string, p: ScoreParts): string {
  if (p.voteShare <= 0) {
    return `${t("voteResult.judgeOnly", { stage, judge: formatScore(p.judgeScore, language, 2) })} · ${panelPart(t, language, p)}`;
  }
  const line = t("voteResult.line", {
    stage,
    judge: formatScore(p.judgeScore, language, 2),
    votes: p.votes,
    voteScore: formatScore(p.voteScore, language, 2),
    share: formatScore(p.voteShare, language),
  });
  if (p.panelShare <= 0) return line;
  return `${line} · ${panelPart(t, language, p)}`;
}

/** The one-line formula under a results table whose scores have these parts. */
export function ScoreFormula({ parts }: { parts: readonly ScoreParts[] }) {
  const { t } = useI18n();
  if (parts.length === 0) return null;
  const panel = parts.some((p) => p.panelShare > 0);
  const vote = parts.some((p) => p.voteShare > 0);
  const text = panel ? (vote ? t("voteResult.formulaPanel") : t("voteResult.formulaPanelOnly")) : t("voteResult.formula");
  const missing = parts.some(lacksPanelScore);
  return (
    <>
      <p className="form-hint vote-formula">{text}</p>
      {missing ? <p className="form-hint vote-formula">{t("voteResult.noPanelNote")}</p> : null}
    </>
  );
}

/**
 * The public results' table of how the citizen panel and the public vote went into each case's
 * score; each has its columns only when some stage gave it a share.
 */
export function PublicVoteTable({ cases }: { cases: readonly PublicResultCase[] }) {
  const { t, language } = useI18n();
  const rows = cases.flatMap((c) => {
    const parts = scorePartsOf(c.components);
    return parts ? [{ c, parts }] : [];
  });
  if (rows.length === 0) return null;
  const panel = rows.some((r) => r.parts.panelShare > 0);
  const vote = rows.some((r) => r.parts.voteShare > 0);
  const title = panel ? (vote ? t("voteResult.titlePanel") : t("voteResult.titlePanelOnly")) : t("voteResult.title");
  const caption = panel ? (vote ? t("voteResult.captionPanel") : t("voteResult.captionPanelOnly")) : t("voteResult.caption");
  return (
    <section aria-labelledby="pr-vote">
      <h2 id="pr-vote" className="section-title">
        {title}
      </h2>
      <TableWrap label={caption}>
        <table className="tbl col data compact-table print-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.col.case")}</th>
              <th scope="col" className="num">
                {t("voteResult.judgeScore")}
              </th>
              {panel ? (
                <>
                  <th scope="col" className="num">
                    {t("voteResult.panelScore")}
                  </th>
                  <th scope="col" className="num">
                    {t("voteResult.panelShare")}
                  </th>
                </>
              ) : null}
              {vote ? (
                <>
                  <th scope="col" className="num">
                    {t("voteResult.votes")}
                  </th>
                  <th scope="col" className="num">
                    {t("voteResult.voteScore")}
                  </th>
                  <th scope="col" className="num">
                    {panel ? t("voteResult.voteShare") : t("voteResult.share")}
                  </th>
                </>
              ) : null}
              <th scope="col" className="num">
                {t("voteResult.score")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ c, parts }) => (
              <tr key={c.caseId}>
                <th scope="row">{c.title}</th>
                <td className="num">{formatScore(parts.judgeScore, language, 2)}</td>
                {panel ? (
                  <>
                    <td className={parts.panelScore === null ? "num muted" : "num"}>{panelScoreText(t, language, parts)}</td>
                    <td className="num">{formatScore(parts.panelShare, language)}%</td>
                  </>
                ) : null}
                {vote ? (
                  <>
                    <td className="num">{parts.votes}</td>
                    <td className="num">{formatScore(parts.voteScore, language, 2)}</td>
                    <td className="num">{formatScore(parts.voteShare, language)}%</td>
                  </>
                ) : null}
                <td className="num">{formatScore(blendedScore(parts), language, 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ScoreFormula parts={rows.map((r) => r.parts)} />
    </section>
  );
}
