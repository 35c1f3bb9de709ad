import { Link } from "react-router";
import { useI18n } from "../../i18n/I18nProvider";
import { localeOf } from "../../i18n/translate";
import { computeImprovement } from "../../lib/improvement";
import { ImprovementText } from "../case/MetricImprovement";
import { barWidths } from "./barScale";
import { Highlighted } from "./Highlighted";
import { yearPeriod } from "./labels";
import type { ArchiveSummary, Snippet } from "./types";
import "./archive.css";

const TIER_TONES: Record<string, string> = { 대상: "gold", 최우수: "silver", 우수: "bronze" };

/** 시상 등급 (대상, 최우수, 우수, 장려…) as a badge. */
export function AwardTierBadge({ tier }: { tier: string | undefined }) {
  if (!tier) return null;
  return <span className={`status-badge award-tier tier-${TIER_TONES[tier] ?? "other"}`}>{tier}</span>;
}

export function MetricsBadge() {
  const { t } = useI18n();
  return <span className="status-badge has-metrics">{t("archive.badge.metrics")}</span>;
}

export function agencyPath(agencyId: string): string {
  return `/archive/agencies/${agencyId}`;
}

export function casePath(entryId: string): string {
  return `/archive/${entryId}`;
}

const SNIPPET_FIELDS = {
  title: "caseField.title",
  summary: "caseField.summary",
  problem: "caseField.problem",
  solution: "caseField.solution",
  outcomes: "caseField.outcomes",
} as const;

function SnippetText({ snippet }: { snippet: Snippet }) {
  const { t } = useI18n();
  return (
    <>
      <span className="snippet-field">{t(SNIPPET_FIELDS[snippet.field])}</span>{" "}
      <Highlighted text={snippet.text} ranges={snippet.highlights} />
    </>
  );
}

/** One archived case in a list: highlighted title and snippet, agency, year, tier, adoptions. */
export function ResultCard({ item, headingLevel = 3 }: { item: ArchiveSummary; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const H = headingLevel === 2 ? "h2" : "h3";
  const titleId = `result-${item.id}`;
  return (
    <article className="archive-result" aria-labelledby={titleId}>
      <H id={titleId} className="archive-result-title">
        <Link to={casePath(item.id)}>
          <Highlighted text={item.title} ranges={item.titleHighlights} />
        </Link>
      </H>
      <div className="badge-row">
        <AwardTierBadge tier={item.awardTier} />
        {item.hasMetrics ? <MetricsBadge /> : null}
      </div>
      <p className="archive-snippet">
        {item.snippet ? <SnippetText snippet={item.snippet} /> : item.summary}
      </p>
      <dl className="archive-facts">
        <div>
          <dt>{t("archive.fact.agency")}</dt>
          <dd>
            <Link to={agencyPath(item.agency.id)}>{item.agency.name}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("archive.fact.when")}</dt>
          <dd>{yearPeriod(item.year, item.period, t)}</dd>
        </div>
        {item.category ? (
          <div>
            <dt>{t("archive.fact.category")}</dt>
            <dd>{item.category}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("archive.fact.adoptions")}</dt>
          <dd>{t("archive.places", { count: item.adoptionCount })}</dd>
        </div>
      </dl>
    </article>
  );
}

interface ChartMetric {
  name: string;
  unit: string;
  before: number;
  after: number;
  direction: "increase" | "decrease";
  period?: string | undefined;
  improvement?: Parameters<typeof ImprovementText>[0]["improvement"] | undefined;
}

/**
 * 성과 as before/after bars: for each metric two CSS bars scaled to the larger value, the
 * numbers with their unit and the improvement (+11.1%p, 60배 개선). The numbers are text,
 * so the chart reads as "지표, 도입 전 74.7%, 도입 후 85.8%, +11.1%p (개선)"; the bars are
 * decoration.
 */
export function OutcomeChart({ metrics, label }: { metrics: ChartMetric[]; label: string }) {
  const { t, language } = useI18n();
  const nf = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 6 });
  if (metrics.length === 0) return null;
  return (
    <ul className="outcome-charts" aria-label={label}>
      {metrics.map((m, i) => {
        const widths = barWidths(m.before, m.after);
        const improvement = m.improvement ?? computeImprovement(m);
        return (
          <li key={i} className="outcome-chart">
            <p className="outcome-name">
              <strong>{m.name}</strong>{" "}
              <span className="muted">
                ({t(`direction.${m.direction}`)}
                {m.period ? `, ${m.period}` : ""})
              </span>
            </p>
            <dl className="outcome-bars">
              <div className="outcome-row">
                <dt>{t("metricField.before")}</dt>
                <dd>
                  <span className="bar-track" aria-hidden="true">
                    <span className={`bar-fill bar-before${widths.before === 0 ? " is-zero" : ""}`} style={{ width: `${widths.before}%` }} />
                  </span>
                  <span className="outcome-value">
                    {nf.format(m.before)}
                    {m.unit}
                  </span>
                </dd>
              </div>
              <div className="outcome-row">
                <dt>{t("metricField.after")}</dt>
                <dd>
                  <span className="bar-track" aria-hidden="true">
                    <span className={`bar-fill bar-after${widths.after === 0 ? " is-zero" : ""}`} style={{ width: `${widths.after}%` }} />
                  </span>
                  <span className="outcome-value">
                    {nf.format(m.after)}
                    {m.unit}
                  </span>
                </dd>
              </div>
            </dl>
            <p className="outcome-change">
              <span className="sr-only">{t("caseEditor.improvement")}: </span>
              <ImprovementText improvement={improvement} unit={m.unit} />
            </p>
          </li>
        );
      })}
    </ul>
  );
}
