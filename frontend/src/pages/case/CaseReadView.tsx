import type { Attachment, CaseContent } from "../../api/types";
import { useI18n } from "../../i18n/I18nProvider";
import { localeOf } from "../../i18n/translate";
import { formatKrw } from "../../lib/krw";
import { AttachmentTable } from "./Attachments";
import { dateOnly } from "./format";
import { ImprovementText } from "./MetricImprovement";
import { TableWrap } from "../../components/TableWrap";

/** A case (working copy or a submitted version) as a read-only document. */
export function CaseReadView({
  content,
  attachments,
  caseId,
  headingLevel = 2,
}: {
  content: CaseContent;
  attachments: Attachment[];
  /** For downloads; null hides the download buttons. */
  caseId: string | null;
  headingLevel?: 2 | 3;
}) {
  const { t, language } = useI18n();
  const H = headingLevel === 2 ? "h2" : "h3";
  const text = (value: string | undefined) =>
    value && value.trim() ? <p className="prose">{value}</p> : <p className="muted">{t("history.blank")}</p>;
  const details: [string, string][] = [
    [t("caseField.category"), content.category?.name ?? ""],
    [t("caseField.tags"), (content.tags ?? []).join(", ")],
    [t("caseField.beneficiaries"), content.beneficiaries ?? ""],
    [t("caseField.costKrw"), content.costKrw !== undefined ? formatKrw(content.costKrw, language) : ""],
    [t("caseField.savingsKrw"), content.savingsKrw !== undefined ? formatKrw(content.savingsKrw, language) : ""],
    [t("caseField.startedOn"), content.startedOn ? dateOnly(content.startedOn) : ""],
    [t("caseField.stage"), content.stage ? t(`stage.${content.stage}`) : ""],
    [
      t("caseField.evidenceLevel"),
      content.evidenceLevel ? t(`evidence.${content.evidenceLevel as 1 | 2 | 3 | 4 | 5}`) : "",
    ],
    [t("caseField.licence"), content.licence ? t(`licence.${content.licence}`) : ""],
  ];
  return (
    <div className="case-read">
      <section aria-labelledby="read-title">
        <H id="read-title" className="section-title read-title">
          {content.title || t("caseEditor.untitled")}
        </H>
        <p className="read-summary">{content.summary || <span className="muted">{t("history.blank")}</span>}</p>
      </section>
      {(["problem", "solution", "outcomes"] as const).map((field) => (
        <section key={field} aria-labelledby={`read-${field}`}>
          <H id={`read-${field}`} className="section-title">
            {t(`caseField.${field}`)}
          </H>
          {text(content[field])}
        </section>
      ))}
      <section aria-labelledby="read-details">
        <H id="read-details" className="section-title">
          {t("caseEditor.section.details")}
        </H>
        <dl className="detail-list">
          {details.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value || <span className="muted">–</span>}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="read-metrics">
        <H id="read-metrics" className="section-title">
          {t("caseField.metrics")}
        </H>
        <MetricsTable metrics={content.metrics ?? []} />
      </section>
      <section aria-labelledby="read-collaborators">
        <H id="read-collaborators" className="section-title">
          {t("caseField.collaborators")}
        </H>
        <CollaboratorsTable collaborators={content.collaborators ?? []} />
      </section>
      <section aria-labelledby="read-attachments">
        <H id="read-attachments" className="section-title">
          {t("caseField.attachments")}
        </H>
        <AttachmentTable caseId={caseId} attachments={attachments} />
      </section>
    </div>
  );
}

type MetricLike = {
  name: string;
  unit: string;
  before: number;
  after: number;
  direction: "increase" | "decrease";
  period?: string;
  improvement?: CaseContent["metrics"][number]["improvement"];
};

export function MetricsTable({ metrics }: { metrics: MetricLike[] }) {
  const { t, language } = useI18n();
  const nf = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 6 });
  if (metrics.length === 0) return <p className="muted">{t("caseEditor.metricsEmpty")}</p>;
  return (
    <TableWrap label={t("caseField.metrics")}>
      <table className="tbl col data compact-table">
        <caption className="sr-only">{t("caseField.metrics")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("metricField.name")}</th>
            <th scope="col">{t("metricField.before")}</th>
            <th scope="col">{t("metricField.after")}</th>
            <th scope="col">{t("metricField.direction")}</th>
            <th scope="col">{t("metricField.period")}</th>
            {metrics.some((m) => m.improvement) ? <th scope="col">{t("caseEditor.improvement")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {metrics.map((m, i) => (
            <tr key={i}>
              <th scope="row">{m.name}</th>
              <td className="num">
                {nf.format(m.before)}
                {m.unit}
              </td>
              <td className="num">
                {nf.format(m.after)}
                {m.unit}
              </td>
              <td>{t(`direction.${m.direction}`)}</td>
              <td>{m.period ?? ""}</td>
              {m.improvement ? (
                <td>
                  <ImprovementText improvement={m.improvement} unit={m.unit} />
                </td>
              ) : metrics.some((x) => x.improvement) ? (
                <td />
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function CollaboratorsTable({ collaborators }: { collaborators: CaseContent["collaborators"] }) {
  const { t } = useI18n();
  if (collaborators.length === 0) return <p className="muted">{t("caseEditor.collaboratorsEmpty")}</p>;
  return (
    <TableWrap label={t("caseField.collaborators")}>
      <table className="tbl col data compact-table">
        <caption className="sr-only">{t("caseField.collaborators")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("collaboratorField.name")}</th>
            <th scope="col">{t("collaboratorField.kind")}</th>
            <th scope="col">{t("collaboratorField.role")}</th>
          </tr>
        </thead>
        <tbody>
          {collaborators.map((c, i) => (
            <tr key={i}>
              <th scope="row">{c.name}</th>
              <td>{t(`collaboratorKind.${c.kind}`)}</td>
              <td>{c.role ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
