import { useState, type FormEvent } from "react";
import { isProblem, problemToPathErrors, type PathErrors } from "../../../api/problem";
import type { Round } from "../../../api/types";
import { useApi } from "../../../app/context";
import { CheckboxField, SelectField, TextField } from "../../../components/forms";
import { TableWrap } from "../../../components/TableWrap";
import { useI18n } from "../../../i18n/I18nProvider";
import { rfc3339ToSeoulLocal, seoulLocalToRfc3339 } from "../../../lib/seoul";
import { formatScore } from "../../judging/format";
import { scaleRange } from "../../judging/scoring";
import { CUT_KINDS, STAGE_KINDS, type CutKind, type RubricTemplate, type Stage, type StageInput, type StageKind } from "../../judging/types";
import { problemText } from "../../judging/ui";
import { rowsFromTemplate, rowsToCriteria, sameAsTemplate, weightSum, type CriterionRow } from "./rubric";

const SHOWN = /^(name|kind|blind|scoringClosesAt|cut|cut\.value|rubricTemplateId|criteria|finalShare)$|^criteria\[\d+\](\.weight)?$/;

/** 단계 추가: name, kind, blind, scoring deadline in Seoul time, cut, and a rubric from a template. */
export function StageForm({
  round,
  templates,
  onCreated,
  onCancel,
}: {
  round: Round;
  templates: RubricTemplate[];
  onCreated: (stage: Stage) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const api = useApi();
  const firstTemplate = templates[0];
  const [name, setName] = useState("");
  const [kind, setKind] = useState<StageKind>("written");
  const [blind, setBlind] = useState(false);
  const [closesAt, setClosesAt] = useState(() => rfc3339ToSeoulLocal(round.schedule.judgingClosesAt));
  const [cutKind, setCutKind] = useState<CutKind>("none");
  const [cutValue, setCutValue] = useState("");
  const [share, setShare] = useState("");
  const [templateId, setTemplateId] = useState(firstTemplate?.id ?? "");
  const [rows, setRows] = useState<CriterionRow[]>(() => (firstTemplate ? rowsFromTemplate(firstTemplate) : []));
  const [errors, setErrors] = useState<PathErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const template = templates.find((tpl) => tpl.id === templateId);
  const sum = weightSum(rows);

  const pickTemplate = (id: string) => {
    setTemplateId(id);
    const tpl = templates.find((x) => x.id === id);
    setRows(tpl ? rowsFromTemplate(tpl) : []);
  };

  const err = (path: string) => errors?.fields[path];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = t("stageForm.error.name");
    const scoringClosesAt = seoulLocalToRfc3339(closesAt);
    if (!scoringClosesAt) local.scoringClosesAt = t("roundForm.error.datetime");
    const value = cutKind === "none" ? undefined : Number(cutValue);
    if (cutKind !== "none" && (cutValue.trim() === "" || !Number.isFinite(value) || (value ?? 0) < 0)) local["cut.value"] = t("stageForm.error.cutValue");
    if (!template) local.rubricTemplateId = t("stageForm.error.template");
    const finalShare = share.trim() === "" ? undefined : Number(share);
    if (finalShare !== undefined && (!Number.isFinite(finalShare) || finalShare < 0 || finalShare > 100)) local.finalShare = t("stageForm.error.share");
    if (Object.keys(local).length > 0) {
      setErrors({ summary: t("common.errorSummary"), fields: local, other: [], paths: Object.keys(local) });
      focusInvalid();
      return;
    }
    const body: StageInput = {
      name: name.trim(),
      kind,
      blind,
      scoringClosesAt: scoringClosesAt ?? "",
      cut: value === undefined ? { kind: cutKind } : { kind: cutKind, value },
    };
    if (finalShare !== undefined) body.finalShare = finalShare;
    // The template's rubric as is, or the edited copy inline.
    if (template && sameAsTemplate(rows, template)) body.rubricTemplateId = template.id;
    else body.criteria = rowsToCriteria(rows);
    setBusy(true);
    setErrors(null);
    try {
      const { data, error, response } = await api.POST("/api/v1/rounds/{roundId}/stages", { params: { path: { roundId: round.id } }, body });
      if (data) {
        onCreated(data);
        return;
      }
      const found = problemToPathErrors(error, (p) => SHOWN.test(p), t("common.errorUnknown"));
      const weightsProblem = isProblem(error) && error.code === "weights_not_100";
      setErrors({
        ...found,
        summary: weightsProblem ? t("judging.error.weights_not_100") : response.status === 400 ? found.summary : problemText(t, error),
      });
      focusInvalid();
    } catch {
      setErrors({ summary: t("common.errorNetwork"), fields: {}, other: [], paths: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="add-stage-form" className="panel stage-form" noValidate onSubmit={submit} aria-labelledby="stage-form-title">
      <h3 id="stage-form-title" className="section-title">
        {t("stageForm.title")}
      </h3>
      {errors?.summary ? (
        <div className="error-summary" role="alert" tabIndex={-1} id="stage-form-summary">
          <p className="error-summary-title">{errors.summary}</p>
          {errors.other.length > 0 ? (
            <ul>
              {errors.other.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="grid-form">
        <TextField id="stage-name" label={t("stageForm.name")} required maxLength={50} value={name} onValue={setName}
          hint={t("stageForm.nameHint")} error={err("name")} autoComplete="off" />
        <SelectField id="stage-kind" label={t("stageForm.kind")} value={kind} onValue={(v) => setKind(v as StageKind)} error={err("kind")}>
          {STAGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`stageKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="stage-closes" label={t("stageForm.closesAt")} required type="datetime-local" value={closesAt}
          onValue={setClosesAt} hint={t("stageForm.closesAtHint")} error={err("scoringClosesAt")} />
        <TextField id="stage-share" label={t("stageForm.share")} optional type="number" inputMode="decimal" min={0} max={100}
          value={share} onValue={setShare} hint={t("stageForm.shareHint")} error={err("finalShare")} />
      </div>
      <CheckboxField id="stage-blind" label={t("stageForm.blind")} checked={blind} onChecked={setBlind} error={err("blind")} />

      <fieldset className="form-group radio-group cut-group">
        <legend className="form-tit visible-legend">{t("stageForm.cut")}</legend>
        <div className="radio-list">
          {CUT_KINDS.map((k) => (
            <div key={k} className="krds-form-check medium">
              <input type="radio" name="stage-cut" id={`stage-cut-${k}`} value={k} checked={cutKind === k} onChange={() => setCutKind(k)} />
              <label htmlFor={`stage-cut-${k}`}>{t(`cut.${k}`)}</label>
            </div>
          ))}
        </div>
        {cutKind !== "none" ? (
          <TextField id="stage-cut-value" label={cutKind === "top_n" ? t("stageForm.cutTopN") : t("stageForm.cutThreshold")} required
            type="number" inputMode="decimal" min={0} max={cutKind === "threshold" ? 100 : undefined} value={cutValue} onValue={setCutValue}
            error={err("cut.value") ?? err("cut")} />
        ) : null}
      </fieldset>

      <div className="rubric-picker">
        <SelectField id="stage-template" label={t("stageForm.template")} value={templateId} onValue={pickTemplate} error={err("rubricTemplateId")}
          hint={t("stageForm.templateHint")}>
          {templates.length === 0 ? <option value="">{t("stageForm.noTemplates")}</option> : null}
          {templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.builtIn ? t("stageForm.builtIn", { name: tpl.name }) : tpl.agency ? `${tpl.name} (${tpl.agency.name})` : tpl.name}
            </option>
          ))}
        </SelectField>
        {rows.length > 0 ? (
          <>
            <TableWrap label={t("stageForm.criteriaCaption")}>
              <table className="tbl col data compact-table rubric-table">
                <caption className="sr-only">{t("stageForm.criteriaCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("stageForm.col.criterion")}</th>
                    <th scope="col">{t("stageForm.col.scale")}</th>
                    <th scope="col">{t("stageForm.col.weight")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, i) => {
                    const [lo, hi] = scaleRange(row.scale);
                    const rowError = err(`criteria[${i}].weight`) ?? err(`criteria[${i}]`);
                    const invalid = Boolean(rowError) || sum.invalidRows.includes(i);
                    return (
                      <tr key={row.name}>
                        <th scope="row">
                          {row.name}
                          {row.description ? <span className="muted cell-sub">{row.description}</span> : null}
                        </th>
                        <td>
                          {row.scale.kind === "grades"
                            ? (row.scale.grades ?? []).map((g) => g.label).join(" / ")
                            : t("stageForm.pointsScale", { min: formatScore(lo, language), max: formatScore(hi, language) })}
                        </td>
                        <td>
                          <label className="sr-only" htmlFor={`stage-weight-${i}`}>
                            {t("stageForm.weightOf", { name: row.name })}
                          </label>
                          <input id={`stage-weight-${i}`} className="krds-input weight-input" type="number" inputMode="decimal" min={0} max={100}
                            step="any" value={row.weight} aria-invalid={invalid || undefined}
                            aria-describedby={`weight-sum${rowError ? ` stage-weight-${i}-error` : ""}`}
                            onChange={(event) => setRows(rows.map((r, k) => (k === i ? { ...r, weight: event.target.value } : r)))} />
                          {rowError ? (
                            <p className="form-hint-invalid" id={`stage-weight-${i}-error`}>
                              {rowError}
                            </p>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      {t("stageForm.weightSum")}
                    </th>
                    <td>
                      <WeightSumIndicator sum={sum.sum} state={sum.state} serverError={err("criteria")} />
                    </td>
                  </tr>
                </tfoot>
              </table>
            </TableWrap>
            {template && !sameAsTemplate(rows, template) ? <p className="small-note">{t("stageForm.edited")}</p> : null}
          </>
        ) : null}
      </div>

      <div className="form-actions">
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t("stageForm.creating") : t("stageForm.submit")}
        </button>
        <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** "합계 100 / 100" in green, or how far off in red; the server's message when it refused. */
export function WeightSumIndicator({ sum, state, serverError }: { sum: number; state: "ok" | "under" | "over" | "invalid"; serverError?: string | undefined }) {
  const { t, language } = useI18n();
  const text =
    state === "ok"
      ? t("weights.ok", { sum: formatScore(sum, language, 6) })
      : state === "invalid"
        ? t("weights.invalid")
        : t(state === "under" ? "weights.under" : "weights.over", { sum: formatScore(sum, language, 6), diff: formatScore(Math.abs(100 - sum), language, 6) });
  return (
    <div id="weight-sum" className={`weight-sum weight-${state}`} aria-live="polite">
      <span className="weight-sum-text">{text}</span>
      {serverError ? <span className="form-hint-invalid weight-sum-server">{serverError}</span> : null}
    </div>
  );
}

function focusInvalid() {
  requestAnimationFrame(() => {
    const form = document.getElementById("add-stage-form");
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? document.getElementById("stage-form-summary"))?.focus();
  });
}
