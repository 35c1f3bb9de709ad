import { useState, type KeyboardEvent } from "react";
import type { CollaboratorKind, MetricDirection } from "../../api/types";
import { FieldFrame, SelectField, TextField } from "../../components/forms";
import { useI18n } from "../../i18n/I18nProvider";
import type { CollaboratorRow, MetricRow } from "../../lib/caseForm";
import { LiveImprovement } from "./MetricImprovement";

/** The DOM id of the control for an API field path: "metrics[0].name" → "case-metrics-0-name". */
export function fieldId(path: string): string {
  return `case-${path.replace(/\[(\d+)\]/g, "-$1").replace(/\./g, "-")}`;
}

type ErrorOf = (path: string) => string | undefined;

/** 태그 as removable chips with a text box that adds on Enter or comma. */
export function TagsField({
  tags,
  onTags,
  error,
  disabled,
}: {
  tags: string[];
  onTags: (tags: string[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [local, setLocal] = useState<string | null>(null);
  const id = fieldId("tags");

  const add = () => {
    const parts = text
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 0) return;
    if (parts.some((p) => [...p].length > 30)) {
      setLocal(t("caseEditor.error.tagLength"));
      return;
    }
    const next = [...tags];
    for (const p of parts) if (!next.includes(p)) next.push(p);
    if (next.length > 20) {
      setLocal(t("caseEditor.error.tooManyTags"));
      return;
    }
    setLocal(null);
    setText("");
    onTags(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    } else if (event.key === "Backspace" && text === "" && tags.length > 0) {
      onTags(tags.slice(0, -1));
    }
  };

  return (
    <FieldFrame id={id} label={t("caseField.tags")} optional hint={t("caseEditor.hint.tags")} error={local ?? error}>
      {(aria) => (
        <div className="tags-field">
          {tags.length > 0 ? (
            <ul className="chip-list" aria-label={t("caseField.tags")}>
              {tags.map((tag) => (
                <li key={tag} className="chip chip-removable">
                  <span>{tag}</span>
                  <button type="button" className="chip-remove" disabled={disabled}
                    aria-label={t("caseEditor.tagRemove", { tag })}
                    onClick={() => onTags(tags.filter((x) => x !== tag))}>
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="copy-row">
            <input {...aria} id={id} className="krds-input" value={text} disabled={disabled} maxLength={200}
              placeholder={t("caseEditor.tagInput")} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} onBlur={add} />
            <button type="button" className="krds-btn secondary medium" disabled={disabled} onClick={add}>
              {t("caseEditor.tagAdd")}
            </button>
          </div>
        </div>
      )}
    </FieldFrame>
  );
}

/** 근거 수준 1–5 as a radio group with a line explaining each level. */
export function EvidenceField({ value, onValue, error }: { value: string; onValue: (v: string) => void; error?: string | undefined }) {
  const { t } = useI18n();
  const id = fieldId("evidenceLevel");
  const levels = ["1", "2", "3", "4", "5"] as const;
  return (
    <fieldset className="form-group radio-group" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="form-tit">
        {t("caseField.evidenceLevel")} <span className="field-flag">({t("common.optional")})</span>
      </legend>
      <p className="form-hint" id={`${id}-hint`}>
        {t("caseEditor.evidenceHint")}
      </p>
      <div className="radio-list">
        {levels.map((level, i) => (
          <div key={level} className="krds-form-check medium">
            <input type="radio" name="evidenceLevel" id={i === 0 ? id : `${id}-${level}`} value={level}
              checked={value === level} onChange={() => onValue(level)} aria-describedby={`${id}-${level}-desc`} />
            <label htmlFor={i === 0 ? id : `${id}-${level}`}>{t(`evidence.${level}`)}</label>
            <p className="radio-desc" id={`${id}-${level}-desc`}>
              {t(`evidence.desc.${level}`)}
            </p>
          </div>
        ))}
        <div className="krds-form-check medium">
          <input type="radio" name="evidenceLevel" id={`${id}-none`} value="" checked={value === ""} onChange={() => onValue("")} />
          <label htmlFor={`${id}-none`}>{t("caseEditor.evidenceNone")}</label>
        </div>
      </div>
      {error ? (
        <p className="form-hint-invalid" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** 성과지표 rows with the live improvement of each. */
export function MetricsEditor({
  rows,
  onRows,
  errorOf,
}: {
  rows: MetricRow[];
  onRows: (rows: MetricRow[]) => void;
  errorOf: ErrorOf;
}) {
  const { t } = useI18n();
  const set = (index: number, change: Partial<MetricRow>) =>
    onRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  if (rows.length === 0) return <p className="muted">{t("caseEditor.metricsEmpty")}</p>;
  return (
    <ol className="row-editor">
      {rows.map((row, i) => {
        const id = (field: string) => fieldId(`metrics[${i}].${field}`);
        const err = (field: string) => errorOf(`metrics[${i}].${field}`);
        return (
          <li key={row.key}>
            <fieldset className="row-fieldset" aria-describedby={errorOf(`metrics[${i}]`) ? `${fieldId(`metrics[${i}]`)}-error` : undefined}>
              <legend>{t("caseEditor.metricLegend", { n: i + 1 })}</legend>
              <div className="metric-grid">
                <TextField id={id("name")} label={t("metricField.name")} required maxLength={100} value={row.name}
                  onValue={(name) => set(i, { name })} error={err("name")} />
                <TextField id={id("unit")} label={t("metricField.unit")} maxLength={20} value={row.unit}
                  placeholder={t("caseEditor.metricUnitPlaceholder")} onValue={(unit) => set(i, { unit })} error={err("unit")} />
                <TextField id={id("before")} label={t("metricField.before")} required inputMode="decimal" value={row.before}
                  onValue={(before) => set(i, { before })} error={err("before")} />
                <TextField id={id("after")} label={t("metricField.after")} required inputMode="decimal" value={row.after}
                  onValue={(after) => set(i, { after })} error={err("after")} />
                <SelectField id={id("direction")} label={t("metricField.direction")} required value={row.direction}
                  onValue={(direction) => set(i, { direction: direction as MetricDirection })} error={err("direction")}>
                  <option value="increase">{t("direction.increase")}</option>
                  <option value="decrease">{t("direction.decrease")}</option>
                </SelectField>
                <TextField id={id("period")} label={t("metricField.period")} optional maxLength={100} value={row.period}
                  placeholder={t("caseEditor.metricPeriodPlaceholder")} onValue={(period) => set(i, { period })} error={err("period")} />
              </div>
              <LiveImprovement id={id("improvement")} inputs={`${id("before")} ${id("after")}`} unit={row.unit}
                before={row.before} after={row.after} direction={row.direction} />
              {errorOf(`metrics[${i}]`) ? (
                <p className="form-hint-invalid" id={`${fieldId(`metrics[${i}]`)}-error`}>
                  {errorOf(`metrics[${i}]`)}
                </p>
              ) : null}
              <button type="button" className="krds-btn tertiary small row-remove"
                onClick={() => onRows(rows.filter((_, j) => j !== i))}>
                {t("caseEditor.metricRemove", { n: i + 1 })}
              </button>
            </fieldset>
          </li>
        );
      })}
    </ol>
  );
}

/** 협업 rows: name, kind, role. */
export function CollaboratorsEditor({
  rows,
  onRows,
  errorOf,
}: {
  rows: CollaboratorRow[];
  onRows: (rows: CollaboratorRow[]) => void;
  errorOf: ErrorOf;
}) {
  const { t } = useI18n();
  const set = (index: number, change: Partial<CollaboratorRow>) =>
    onRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  if (rows.length === 0) return <p className="muted">{t("caseEditor.collaboratorsEmpty")}</p>;
  return (
    <ol className="row-editor">
      {rows.map((row, i) => {
        const id = (field: string) => fieldId(`collaborators[${i}].${field}`);
        const err = (field: string) => errorOf(`collaborators[${i}].${field}`);
        return (
          <li key={row.key}>
            <fieldset className="row-fieldset">
              <legend>{t("caseEditor.collaboratorLegend", { n: i + 1 })}</legend>
              <div className="collaborator-grid">
                <TextField id={id("name")} label={t("collaboratorField.name")} required maxLength={100} value={row.name}
                  onValue={(name) => set(i, { name })} error={err("name")} />
                <SelectField id={id("kind")} label={t("collaboratorField.kind")} required value={row.kind}
                  onValue={(kind) => set(i, { kind: kind as CollaboratorKind })} error={err("kind")}>
                  <option value="department">{t("collaboratorKind.department")}</option>
                  <option value="external">{t("collaboratorKind.external")}</option>
                </SelectField>
                <TextField id={id("role")} label={t("collaboratorField.role")} optional maxLength={200} value={row.role}
                  onValue={(role) => set(i, { role })} error={err("role")} />
              </div>
              <button type="button" className="krds-btn tertiary small row-remove"
                onClick={() => onRows(rows.filter((_, j) => j !== i))}>
                {t("caseEditor.collaboratorRemove", { n: i + 1 })}
              </button>
            </fieldset>
          </li>
        );
      })}
    </ol>
  );
}
