import type { MetricDirection } from "../../api/types";
import { useI18n } from "../../i18n/I18nProvider";
import { parseDecimal } from "../../lib/krw";
import { computeImprovement, formatImprovement, type Improvement } from "../../lib/improvement";

/** The change of a metric: "▲ +11.1%p" or "▼ -98.3% · 60배 개선", coloured by improved. */
export function ImprovementText({ improvement, unit }: { improvement: Improvement; unit: string }) {
  const { language } = useI18n();
  const text = formatImprovement(improvement, unit, language);
  const tone = improvement.delta === 0 ? "neutral" : text.improved ? "good" : "bad";
  return (
    <span className={`improvement improvement-${tone}`}>
      <span aria-hidden="true" className="improvement-arrow">
        {text.arrow}
      </span>{" "}
      <span className="improvement-change">{text.change}</span>
      {text.factor ? <span className="improvement-factor"> · {text.factor}</span> : null}
      <span className="sr-only"> ({text.verdict})</span>
    </span>
  );
}

/** The live improvement of a metric row as typed, or a hint while a value is missing. */
export function LiveImprovement(props: { id: string; unit: string; before: string; after: string; direction: MetricDirection; inputs: string }) {
  const { t } = useI18n();
  const before = parseDecimal(props.before);
  const after = parseDecimal(props.after);
  const ready = before !== null && after !== null && !Number.isNaN(before) && !Number.isNaN(after);
  return (
    <div className="live-improvement">
      <span className="live-improvement-label" id={`${props.id}-label`}>
        {t("caseEditor.improvement")}
      </span>
      <output id={props.id} htmlFor={props.inputs} aria-labelledby={`${props.id}-label`} aria-live="off">
        {ready ? (
          <ImprovementText
            unit={props.unit.trim()}
            improvement={computeImprovement({ unit: props.unit.trim(), before, after, direction: props.direction })}
          />
        ) : (
          <span className="muted">{t("caseEditor.improvementPending")}</span>
        )}
      </output>
    </div>
  );
}
