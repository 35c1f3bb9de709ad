import { useMemo, useState } from "react";
import type { Agency } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { agencyTree } from "./agencyTree";

/**
 * Participating agencies as a checkbox tree (GET /api/v1/agencies order), with a filter box
 * for long lists. Ticking a parent does not tick its children: "하위 기관 포함" does that.
 */
export function AgencyPicker({
  id,
  agencies,
  selected,
  onSelected,
  error,
  legend,
  hint,
}: {
  id: string;
  agencies: Agency[];
  selected: string[];
  onSelected: (ids: string[]) => void;
  error?: string | undefined;
  legend: string;
  hint?: string;
}) {
  const { t } = useI18n();
  const [filter, setFilter] = useState("");
  const nodes = useMemo(() => agencyTree(agencies), [agencies]);
  const shown = filter.trim() ? nodes.filter((n) => n.agency.name.includes(filter.trim())) : nodes;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const toggle = (agencyId: string, on: boolean) =>
    onSelected(on ? [...selected, agencyId] : selected.filter((x) => x !== agencyId));
  return (
    <fieldset className={`form-group agency-picker${error ? " is-error" : ""}`} aria-describedby={describedBy}>
      <legend className="form-tit">
        {legend}
        <span className="field-flag field-flag-required">
          <span aria-hidden="true"> *</span>
          <span className="sr-only"> ({t("common.required")})</span>
        </span>
      </legend>
      {hint ? (
        <p className="form-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="picker-tools">
        <label className="sr-only" htmlFor={`${id}-filter`}>
          {t("agencyPicker.filter")}
        </label>
        <input id={`${id}-filter`} className="krds-input small" type="search" placeholder={t("agencyPicker.filter")}
          value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="muted" aria-live="polite">
          {t("roundForm.agenciesSelected", { count: selected.length })}
        </span>
      </div>
      <ul className="picker-list">
        {shown.map(({ agency, depth }, i) => (
          <li key={agency.id} style={{ paddingInlineStart: `${filter.trim() ? 0 : depth * 2.4}rem` }}>
            <div className="krds-form-check">
              <input type="checkbox" id={i === 0 ? id : `${id}-${agency.id}`} checked={selected.includes(agency.id)}
                aria-invalid={error ? true : undefined} onChange={(e) => toggle(agency.id, e.target.checked)} />
              <label htmlFor={i === 0 ? id : `${id}-${agency.id}`}>
                {agency.name} <span className="muted">({t(`agencyLevel.${agency.level}`)})</span>
              </label>
            </div>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="form-hint-invalid" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
