import { useCallback, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { problemToPathErrors } from "../../../api/problem";
import type { Round } from "../../../api/types";
import { useApi } from "../../../app/context";
import { StatusMessage } from "../../../components/forms";
import { LoadError, Loading, Notice, PageHeader } from "../../../components/Page";
import { TableWrap } from "../../../components/TableWrap";
import { useLoad } from "../../../components/useLoad";
import { useI18n } from "../../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../../lib/seoul";
import { formatScore } from "../../judging/format";
import { METHODS, type AggregationMethod, type JudgingSettings, type RubricTemplate, type Stage, type TieBreak } from "../../judging/types";
import { problemText, StageKindBadge, StageStatusBadge } from "../../judging/ui";
import { StageForm } from "./StageForm";
import {
  addableKinds,
  addTieBreak,
  checkTieBreaks,
  moveTieBreak,
  removeTieBreak,
  setCriterionName,
  toTieBreakInput,
  unusedCriteria,
} from "./tieBreaks";

/** `/organizer/rounds/:roundId/judging`: how the round is judged, and its stages. */
export function RoundJudgingPage() {
  const { roundId = "" } = useParams();
  const { t } = useI18n();
  const api = useApi();
  const loadRound = useCallback(() => api.GET("/api/v1/rounds/{roundId}", { params: { path: { roundId } } }), [api, roundId]);
  const loadSettings = useCallback(() => api.GET("/api/v1/rounds/{roundId}/judging", { params: { path: { roundId } } }), [api, roundId]);
  const loadStages = useCallback(() => api.GET("/api/v1/rounds/{roundId}/stages", { params: { path: { roundId } } }), [api, roundId]);
  const loadTemplates = useCallback(() => api.GET("/api/v1/rubric-templates"), [api]);
  const round = useLoad(loadRound);
  const settings = useLoad(loadSettings);
  const stages = useLoad(loadStages);
  const templates = useLoad(loadTemplates);

  if (round.status === "loading") return <Loading />;
  if (round.status === "error") return <LoadError error={round.error} httpStatus={round.httpStatus} onRetry={round.reload} />;
  const stageList = stages.status === "ok" ? stages.data.items : [];
  const templateList = templates.status === "ok" ? templates.data.items : [];
  const criterionNames = criterionNamesOf(stageList, templateList);
  return (
    <>
      <RoundJudgingHeader round={round.data} current="judging" />
      <section aria-labelledby="judging-settings-title" className="panel">
        <h2 id="judging-settings-title" className="section-title">
          {t("judgingSettings.title")}
        </h2>
        {settings.status === "loading" ? <Loading /> : null}
        {settings.status === "error" ? <LoadError error={settings.error} httpStatus={settings.httpStatus} onRetry={settings.reload} /> : null}
        {settings.status === "ok" ? (
          <SettingsForm roundId={round.data.id} initial={settings.data} criterionNames={criterionNames} onSaved={settings.reload} />
        ) : null}
      </section>

      <section aria-labelledby="stages-title" className="top-gap">
        <h2 id="stages-title" className="section-title">
          {t("stages.title")}
        </h2>
        {stages.status === "loading" ? <Loading /> : null}
        {stages.status === "error" ? <LoadError error={stages.error} httpStatus={stages.httpStatus} onRetry={stages.reload} /> : null}
        {stages.status === "ok" ? <StagesTable stages={stageList} /> : null}
        {templates.status === "error" ? (
          <LoadError error={templates.error} httpStatus={templates.httpStatus} onRetry={templates.reload} />
        ) : null}
        {stages.status === "ok" && templates.status === "ok" ? (
          <AddStage round={round.data} templates={templateList} onAdded={stages.reload} />
        ) : null}
      </section>
    </>
  );
}

/** Criterion names for criterion tie-breaks: the stages' rubrics, else the templates'. */
function criterionNamesOf(stages: readonly Stage[], templates: readonly RubricTemplate[]): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  for (const s of stages) for (const c of s.criteria) add(c.name);
  if (names.length === 0) for (const tpl of templates) for (const c of tpl.criteria) add(c.name);
  return names;
}

/** Page header shared by the round's judging pages, with links between them. */
export function RoundJudgingHeader({ round, current }: { round: Round; current: "judging" | "results" | "audit" }) {
  const { t } = useI18n();
  const title = current === "judging" ? t("judgingSettings.pageTitle") : current === "results" ? t("roundResults.title") : t("audit.round.title");
  return (
    <PageHeader title={title} lead={round.title}>
      <nav className="button-row sub-nav" aria-label={t("judgingSettings.subNav")}>
        <Link className="krds-btn tertiary medium" to={`/organizer/rounds/${round.id}`}>
          {t("judgingSettings.toOverview")}
        </Link>
        <Link className="krds-btn secondary medium" to={`/organizer/rounds/${round.id}/judging`} aria-current={current === "judging" ? "page" : undefined}>
          {t("judging.manage")}
        </Link>
        <Link className="krds-btn secondary medium" to={`/organizer/rounds/${round.id}/results`} aria-current={current === "results" ? "page" : undefined}>
          {t("judging.results")}
        </Link>
        <Link className="krds-btn secondary medium" to={`/organizer/rounds/${round.id}/audit`} aria-current={current === "audit" ? "page" : undefined}>
          {t("audit.round.title")}
        </Link>
      </nav>
    </PageHeader>
  );
}

function SettingsForm({
  roundId,
  initial,
  criterionNames,
  onSaved,
}: {
  roundId: string;
  initial: JudgingSettings;
  criterionNames: string[];
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [method, setMethod] = useState<AggregationMethod>(initial.method);
  const [tieBreaks, setTieBreaks] = useState<TieBreak[]>(initial.tieBreaks);
  const [objectionDays, setObjectionDays] = useState(String(initial.objectionDays));
  const [adding, setAdding] = useState<TieBreak["kind"] | "">("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const published = initial.resultsPublished;
  const frozen = initial.frozen || published;
  const problems = checkTieBreaks(tieBreaks);
  const kinds = addableKinds(tieBreaks, criterionNames);
  const addKind = adding && kinds.includes(adding) ? adding : (kinds[0] ?? "");

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setError(null);
    setFieldErrors({});
    const days = Number(objectionDays);
    if (!/^\d+$/.test(objectionDays.trim()) || days > 60) {
      setFieldErrors({ objectionDays: t("judgingSettings.error.days") });
      return;
    }
    if (Object.keys(problems).length > 0) {
      setError(t("judgingSettings.error.tieBreaks"));
      return;
    }
    setBusy(true);
    try {
      const { data, error: problem, response } = await api.PUT("/api/v1/rounds/{roundId}/judging", {
        params: { path: { roundId } },
        body: { method, tieBreaks: toTieBreakInput(tieBreaks), objectionDays: days },
      });
      if (data) {
        setMessage(t("judgingSettings.saved"));
        setMethod(data.method);
        setTieBreaks(data.tieBreaks);
        setObjectionDays(String(data.objectionDays));
        onSaved();
        return;
      }
      const paths = problemToPathErrors(
        problem,
        (p) => p === "objectionDays" || p === "method" || p === "tieBreaks" || /^tieBreaks\[\d+\]/.test(p),
        t("common.errorUnknown"),
      );
      // What was typed stays in the form; only the messages change.
      setFieldErrors(paths.fields);
      setError(response.status === 400 ? (paths.summary ?? problemText(t, problem)) : problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack-form judging-settings" noValidate onSubmit={save}>
      {published ? (
        <Notice>
          <p>
            <strong>{t("judgingSettings.published")}</strong> {t("judgingSettings.publishedDetail", { days: initial.objectionDays })}
          </p>
        </Notice>
      ) : frozen ? (
        <Notice>
          <p>
            <strong>{t("judgingSettings.frozen")}</strong> {t("judgingSettings.frozenDetail")}
          </p>
        </Notice>
      ) : null}
      {error ? (
        <div className="error-summary" role="alert">
          <p className="error-summary-title">{error}</p>
        </div>
      ) : null}
      <fieldset className="form-group radio-group" disabled={frozen}>
        <legend className="form-tit visible-legend">{t("judgingSettings.method")}</legend>
        {fieldErrors.method ? <p className="form-hint-invalid">{fieldErrors.method}</p> : null}
        <div className="radio-list">
          {METHODS.map((m) => (
            <div key={m} className="krds-form-check medium">
              <input type="radio" name="method" id={`method-${m}`} value={m} checked={method === m} onChange={() => setMethod(m)}
                aria-describedby={`method-${m}-desc`} />
              <label htmlFor={`method-${m}`}>{t(`method.${m}`)}</label>
              <p className="radio-desc" id={`method-${m}-desc`}>
                {t(`method.desc.${m}`)}
              </p>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="form-group tie-breaks" disabled={frozen}>
        <legend className="form-tit visible-legend">{t("tieBreak.legend")}</legend>
        <p className="form-hint">{t("tieBreak.hint")}</p>
        {fieldErrors.tieBreaks ? <p className="form-hint-invalid">{fieldErrors.tieBreaks}</p> : null}
        {tieBreaks.length === 0 ? <p className="muted">{t("tieBreak.empty")}</p> : null}
        <ol className="tie-break-list">
          {tieBreaks.map((tb, i) => {
            const label = tieBreakLabel(t, tb);
            const problem = problems[i];
            const serverError = fieldErrors[`tieBreaks[${i}].criterionName`] ?? fieldErrors[`tieBreaks[${i}]`];
            return (
              <li key={`${i}-${tb.kind}`} className="tie-break-row">
                <span className="tie-break-order">{t("tieBreak.order", { n: i + 1 })}</span>
                <span className="tie-break-kind">{t(`tieBreak.kind.${tb.kind}`)}</span>
                {tb.kind === "criterion" ? (
                  <span className="tie-break-criterion">
                    <label className="sr-only" htmlFor={`tie-break-${i}-criterion`}>
                      {t("tieBreak.criterionLabel", { n: i + 1 })}
                    </label>
                    {criterionNames.length > 0 ? (
                      <select id={`tie-break-${i}-criterion`} className="krds-form-select small-select" value={tb.criterionName ?? ""}
                        aria-invalid={Boolean(problem || serverError) || undefined}
                        onChange={(event) => setTieBreaks(setCriterionName(tieBreaks, i, event.target.value))}>
                        <option value="">{t("tieBreak.criterionPlaceholder")}</option>
                        {[tb.criterionName ?? "", ...unusedCriteria(tieBreaks, criterionNames)]
                          .filter((name, k, all) => name && all.indexOf(name) === k)
                          .map((name) => (
                            <option key={name} value={name}>
                              {name}
                            </option>
                          ))}
                      </select>
                    ) : (
                      <input id={`tie-break-${i}-criterion`} className="krds-input small-input" value={tb.criterionName ?? ""}
                        aria-invalid={Boolean(problem || serverError) || undefined}
                        onChange={(event) => setTieBreaks(setCriterionName(tieBreaks, i, event.target.value))} />
                    )}
                  </span>
                ) : null}
                <span className="row-actions">
                  <button type="button" className="krds-btn tertiary small" disabled={i === 0}
                    aria-label={t("roundForm.moveUp", { name: label })} onClick={() => setTieBreaks(moveTieBreak(tieBreaks, i, -1))}>
                    {t("tieBreak.up")}
                  </button>
                  <button type="button" className="krds-btn tertiary small" disabled={i === tieBreaks.length - 1}
                    aria-label={t("roundForm.moveDown", { name: label })} onClick={() => setTieBreaks(moveTieBreak(tieBreaks, i, 1))}>
                    {t("tieBreak.down")}
                  </button>
                  <button type="button" className="krds-btn tertiary small"
                    aria-label={t("roundForm.removeItem", { name: label })} onClick={() => setTieBreaks(removeTieBreak(tieBreaks, i))}>
                    {t("common.remove")}
                  </button>
                </span>
                {problem || serverError ? (
                  <p className="form-hint-invalid tie-break-error">{serverError ?? t(`tieBreak.problem.${problem ?? "duplicate"}`)}</p>
                ) : null}
              </li>
            );
          })}
        </ol>
        {kinds.length > 0 ? (
          <div className="add-row inline-add">
            <label htmlFor="tie-break-add">{t("tieBreak.addLabel")}</label>
            <select id="tie-break-add" className="krds-form-select small-select" value={addKind}
              onChange={(event) => setAdding(event.target.value as TieBreak["kind"])}>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`tieBreak.kind.${kind}`)}
                </option>
              ))}
            </select>
            <button type="button" className="krds-btn secondary small" disabled={!addKind}
              onClick={() => addKind && setTieBreaks(addTieBreak(tieBreaks, addKind, criterionNames))}>
              {t("tieBreak.add")}
            </button>
          </div>
        ) : (
          <p className="small-note">{t("tieBreak.full")}</p>
        )}
      </fieldset>

      <div className={`form-group${fieldErrors.objectionDays ? " is-error" : ""}`}>
        <div className="form-tit">
          <label htmlFor="objection-days">{t("judgingSettings.objectionDays")}</label>
        </div>
        <div className="form-conts">
          <input id="objection-days" className="krds-input small-input" type="number" min={0} max={60} inputMode="numeric"
            disabled={published} value={objectionDays} onChange={(event) => setObjectionDays(event.target.value)}
            aria-invalid={Boolean(fieldErrors.objectionDays) || undefined}
            aria-describedby={`objection-days-hint${fieldErrors.objectionDays ? " objection-days-error" : ""}`} />
        </div>
        <p className="form-hint" id="objection-days-hint">
          {t("judgingSettings.objectionDaysHint")}
        </p>
        {fieldErrors.objectionDays ? (
          <p className="form-hint-invalid" id="objection-days-error">
            {fieldErrors.objectionDays}
          </p>
        ) : null}
      </div>

      <div className="form-actions">
        <button type="submit" className="krds-btn primary medium" disabled={busy || published}>
          {busy ? t("common.saving") : t("judgingSettings.save")}
        </button>
      </div>
      <StatusMessage>{message}</StatusMessage>
    </form>
  );
}

export function tieBreakLabel(t: ReturnType<typeof useI18n>["t"], tb: TieBreak): string {
  return tb.kind === "criterion" ? t("tieBreak.criterionNamed", { name: tb.criterionName || "–" }) : t(`tieBreak.kind.${tb.kind}`);
}

function cutText(t: ReturnType<typeof useI18n>["t"], stage: Stage, language: "ko" | "en"): string {
  const value = stage.cut.value ?? 0;
  if (stage.cut.kind === "top_n") return t("cut.topNValue", { n: value });
  if (stage.cut.kind === "threshold") return t("cut.thresholdValue", { score: formatScore(value, language) });
  return t("cut.none");
}

function StagesTable({ stages }: { stages: Stage[] }) {
  const { t, language } = useI18n();
  if (stages.length === 0) return <p className="empty">{t("stages.empty")}</p>;
  const shares = stages.reduce((sum, s) => sum + s.finalShare, 0);
  return (
    <>
      {shares > 0 && Math.abs(shares - 100) > 1e-6 ? (
        <Notice tone="danger">
          <p>{t("stages.sharesOff", { sum: formatScore(shares, language) })}</p>
        </Notice>
      ) : (
        <p className="small-note">{shares === 0 ? t("stages.sharesNone") : t("stages.sharesOk")}</p>
      )}
      <TableWrap label={t("stages.caption")}>
        <table className="tbl col data">
          <caption className="sr-only">{t("stages.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("stages.col.position")}</th>
              <th scope="col">{t("stages.col.name")}</th>
              <th scope="col">{t("stages.col.status")}</th>
              <th scope="col">{t("stages.col.deadline")}</th>
              <th scope="col">{t("stages.col.cut")}</th>
              <th scope="col" className="num">
                {t("stages.col.share")}
              </th>
              <th scope="col" className="num">
                {t("stages.col.cases")}
              </th>
              <th scope="col" className="num">
                {t("stages.col.judges")}
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.id}>
                <td className="num">{s.position}</td>
                <th scope="row">
                  <Link to={`/organizer/stages/${s.id}`}>{s.name}</Link>{" "}
                  <span className="cell-sub">
                    <StageKindBadge kind={s.kind} /> {s.blind ? <span className="status-badge blind-badge">{t("judging.blind")}</span> : null}
                  </span>
                </th>
                <td>
                  <StageStatusBadge status={s.status} />
                </td>
                <td>{formatSeoulDateTime(s.scoringClosesAt, language)}</td>
                <td>{cutText(t, s, language)}</td>
                <td className="num">{s.finalShare > 0 ? t("stages.shareValue", { share: formatScore(s.finalShare, language) }) : "–"}</td>
                <td className="num">{s.caseCount}</td>
                <td className="num">{s.judgeCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function AddStage({ round, templates, onAdded }: { round: Round; templates: RubricTemplate[]; onAdded: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="add-stage">
      <StatusMessage>{message}</StatusMessage>
      {!open ? (
        <p className="button-row">
          <button type="button" className="krds-btn primary medium" aria-expanded={false} aria-controls="add-stage-form"
            onClick={() => {
              setOpen(true);
              setMessage(null);
            }}>
            {t("stageForm.open")}
          </button>
        </p>
      ) : (
        <StageForm
          round={round}
          templates={templates}
          onCancel={() => setOpen(false)}
          onCreated={(stage) => {
            setOpen(false);
            setMessage(t("stageForm.created", { name: stage.name }));
            onAdded();
          }}
        />
      )}
    </div>
  );
}

