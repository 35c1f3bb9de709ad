import { useCallback, useRef, useState, type FormEvent } from "react";
import { isProblem, problemToFormErrors, problemToPathErrors } from "../../../api/problem";
import { useApi } from "../../../app/context";
import { ConfirmDialog } from "../../../components/Dialog";
import { StatusMessage, TextField } from "../../../components/forms";
import { LoadError, Loading, Notice } from "../../../components/Page";
import { TableWrap } from "../../../components/TableWrap";
import { useLoad } from "../../../components/useLoad";
import { emailProblem } from "../../../components/validation";
import { useI18n } from "../../../i18n/I18nProvider";
import type { MessageKey } from "../../../i18n/messages";
import type { Translate } from "../../../i18n/translate";
import { formatScore } from "../../judging/format";
import { scaleRange } from "../../judging/scoring";
import type { Criterion, CriterionInput, PanelMember, Stage, StagePanel } from "../../judging/types";
import { problemText } from "../../judging/ui";
import {
  DEFAULT_PANEL_CRITERIA,
  emptyPanelRow,
  MAX_PANEL_CRITERIA,
  panelRowErrors,
  rowsFromCriteria,
  rowsToCriteria,
  type PanelRow,
  type PanelRowProblem,
} from "./panelRubric";
import { weightSum } from "./rubric";
import { WeightSumIndicator } from "./StageForm";
import "./panel.css";

function panelProblemText(t: Translate, problem: unknown): string {
  if (isProblem(problem) && problem.code === "judging_frozen") return t("panelAdmin.error.judging_frozen");
  if (isProblem(problem) && problem.code === "stage_closed") return t("panelAdmin.error.stage_closed");
  return problemText(t, problem);
}

/** Rounded against float noise: 100 − 33.3 is not 66.7 in binary. */
const room = (voteShare: number) => Math.max(0, Math.round((100 - voteShare) * 1e6) / 1e6);

/**
 * 국민심사단 tab of a stage: the panel's share of the stage score, its rubric (editable until
 * the stage opens), invitations by e-mail and the members with their progress.
 */
export function CitizenPanel({ stage, onPanelShare }: { stage: Stage; onPanelShare?: (share: number) => void }) {
  const api = useApi();
  const stageId = stage.id;
  const load = useCallback(() => api.GET("/api/v1/stages/{stageId}/panel", { params: { path: { stageId } } }), [api, stageId]);
  const panel = useLoad(load);
  if (panel.status === "loading") return <Loading />;
  if (panel.status === "error") return <LoadError error={panel.error} httpStatus={panel.httpStatus} onRetry={panel.reload} />;
  return <PanelAdmin stage={stage} initial={panel.data} onPanelShare={onPanelShare} />;
}

function PanelAdmin({ stage, initial, onPanelShare }: { stage: Stage; initial: StagePanel; onPanelShare?: ((share: number) => void) | undefined }) {
  const { t, language } = useI18n();
  const api = useApi();
  const [panel, setPanel] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const voteShare = stage.voteShare ?? 0;
  const closed = stage.status === "closed";
  const judgeShare = Math.max(0, Math.round((100 - panel.share - voteShare) * 1e6) / 1e6);
  const joined = panel.members.filter((m) => m.joined).length;

  const saved = (next: StagePanel, text: string) => {
    setPanel(next);
    onPanelShare?.(next.share);
    setMessage(text);
  };

  // The seat in the answer lacks the name and the assignments the list shows; read them back.
  const invited = async (member: PanelMember) => {
    setMessage(null);
    try {
      const { data } = await api.GET("/api/v1/stages/{stageId}/panel", { params: { path: { stageId: stage.id } } });
      if (data) {
        setPanel(data);
        return;
      }
    } catch {
      // The seat is made; without a fresh list, show it from the answer.
    }
    setPanel((p) => ({ ...p, members: [...p.members.filter((m) => m.email !== member.email), member] }));
  };

  return (
    <div className="stage-panel citizen-panel">
      <h2 className="section-title">{t("panelAdmin.title")}</h2>
      <p className="section-lead">{t("panelAdmin.intro")}</p>
      <dl className="detail-list compact">
        <div>
          <dt>{t("panelAdmin.share")}</dt>
          <dd>{t("panelAdmin.shareValue", { share: formatScore(panel.share, language) })}</dd>
        </div>
        <div>
          <dt>{t("panelAdmin.voteShare")}</dt>
          <dd>{t("panelAdmin.shareValue", { share: formatScore(voteShare, language) })}</dd>
        </div>
        <div>
          <dt>{t("panelAdmin.judgeShare")}</dt>
          <dd>{t("panelAdmin.shareValue", { share: formatScore(judgeShare, language) })}</dd>
        </div>
        <div>
          <dt>{t("panelAdmin.members")}</dt>
          <dd>{t("panelAdmin.membersValue", { count: panel.members.length, joined })}</dd>
        </div>
      </dl>
      <StatusMessage>{message}</StatusMessage>
      {closed ? (
        <Notice>
          <p>{t("panelAdmin.stageClosed")}</p>
        </Notice>
      ) : (
        <ShareForm
          key={panel.share}
          stageId={stage.id}
          share={panel.share}
          voteShare={voteShare}
          onSaved={(next) => saved(next, t("panelAdmin.shareSaved"))}
          onEdit={() => setMessage(null)}
        />
      )}

      <section className="panel" aria-labelledby="panel-rubric-title">
        <h3 id="panel-rubric-title" className="section-title">
          {t("panelAdmin.rubricTitle")}
        </h3>
        {panel.criteria.length === 0 ? <p className="form-hint">{t("panelAdmin.rubricDefault")}</p> : null}
        <RubricTable criteria={panel.criteria.length > 0 ? panel.criteria : DEFAULT_PANEL_CRITERIA} />
        {stage.status === "setup" ? (
          <p className="button-row">
            <button type="button" className="krds-btn secondary medium" aria-expanded={editing} aria-controls="panel-rubric-editor"
              onClick={() => {
                setEditing((v) => !v);
                setMessage(null);
              }}>
              {t("panelAdmin.editRubric")}
            </button>
          </p>
        ) : null}
        {stage.status === "open" ? (
          <Notice>
            <p>{t("panelAdmin.rubricFrozen")}</p>
          </Notice>
        ) : null}
      </section>
      {editing && stage.status === "setup" ? (
        <RubricEditor
          stageId={stage.id}
          share={panel.share}
          criteria={panel.criteria.length > 0 ? panel.criteria : DEFAULT_PANEL_CRITERIA}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            saved(next, t("panelAdmin.rubricSaved"));
          }}
        />
      ) : null}

      {closed ? null : <InviteForm stage={stage} onInvited={invited} />}
      <MembersTable
        members={panel.members}
        stageId={stage.id}
        canWithdraw={!closed}
        onWithdrawn={(next, email) => saved(next, t("panelAdmin.withdrawn", { email }))}
      />
    </div>
  );
}

function ShareForm({
  stageId,
  share,
  voteShare,
  onSaved,
  onEdit,
}: {
  stageId: string;
  share: number;
  voteShare: number;
  onSaved: (panel: StagePanel) => void;
  onEdit: () => void;
}) {
  const { t, language } = useI18n();
  const api = useApi();
  const [value, setValue] = useState(String(share));
  const [error, setError] = useState<string | undefined>();
  const [summary, setSummary] = useState<string | null>(null);
  const [other, setOther] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const max = room(voteShare);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const focus = () => requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"], .error-summary')?.focus());
    setSummary(null);
    setOther([]);
    onEdit();
    const next = value.trim() === "" ? 0 : Number(value.trim().replace(/,/g, "."));
    if (!Number.isFinite(next) || next < 0 || next > 100) {
      setError(t("stageForm.error.share"));
      focus();
      return;
    }
    if (next > max) {
      setError(t("panelAdmin.error.shareOver", { vote: formatScore(voteShare, language), room: formatScore(max, language) }));
      focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const { data, error: problem, response } = await api.PUT("/api/v1/stages/{stageId}/panel", {
        params: { path: { stageId } },
        body: { share: next },
      });
      if (data) {
        onSaved(data);
        return;
      }
      const found = problemToPathErrors(problem, (p) => p === "share", t("common.errorUnknown"));
      setError(found.fields.share);
      setOther(found.other);
      setSummary(response.status === 400 ? found.summary : panelProblemText(t, problem));
      focus();
    } catch {
      setSummary(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" noValidate onSubmit={submit} aria-labelledby="panel-share-title">
      <h3 id="panel-share-title" className="section-title">
        {t("panelAdmin.shareTitle")}
      </h3>
      <FormSummary summary={summary} other={other} />
      <div className="grid-form">
        <TextField id="panel-share" label={t("panelAdmin.shareField")} required type="number" inputMode="decimal" min={0} max={max}
          value={value} onValue={setValue} error={error}
          hint={voteShare > 0
            ? t("panelAdmin.shareHint", { vote: formatScore(voteShare, language), room: formatScore(max, language) })
            : t("panelAdmin.shareHintNoVote")} />
      </div>
      <div className="form-actions">
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}

function FormSummary({ summary, other }: { summary: string | null; other: readonly string[] }) {
  if (!summary) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <p className="error-summary-title">{summary}</p>
      {other.length > 0 ? (
        <ul>
          {other.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function RubricTable({ criteria }: { criteria: readonly (Criterion | CriterionInput)[] }) {
  const { t, language } = useI18n();
  return (
    <TableWrap label={t("panelAdmin.rubricCaption")}>
      <table className="tbl col data compact-table">
        <caption className="sr-only">{t("panelAdmin.rubricCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("panelAdmin.col.name")}</th>
            <th scope="col">{t("panelAdmin.col.description")}</th>
            <th scope="col" className="num">
              {t("panelAdmin.col.weight")}
            </th>
            <th scope="col">{t("panelAdmin.col.scale")}</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => {
            const [lo, hi] = scaleRange(c.scale);
            return (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>{c.description || "–"}</td>
                <td className="num">{formatScore(c.weight, language)}</td>
                <td>
                  {c.scale.kind === "grades"
                    ? (c.scale.grades ?? []).map((g) => g.label).join(" / ")
                    : t("panelAdmin.scalePoints", { min: formatScore(lo, language), max: formatScore(hi, language) })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

const ROW_MESSAGES: Record<PanelRowProblem, MessageKey> = {
  name: "panelAdmin.error.name",
  nameDuplicate: "panelAdmin.error.nameDuplicate",
  weight: "panelAdmin.error.weight",
  min: "panelAdmin.error.min",
  max: "panelAdmin.error.max",
};

const SHOWN = /^criteria(\[\d+\](\.(name|description|weight|scale\.min|scale\.max))?)?$/;

function RubricEditor({
  stageId,
  share,
  criteria,
  onSaved,
  onCancel,
}: {
  stageId: string;
  share: number;
  criteria: readonly (Criterion | CriterionInput)[];
  onSaved: (panel: StagePanel) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [rows, setRows] = useState<PanelRow[]>(() => rowsFromCriteria(criteria));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [other, setOther] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement | null>(null);
  const sum = weightSum(rows);
  const err = (path: string) => errors[path];
  const setRow = (i: number, change: Partial<PanelRow>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...change } : r)));

  const focusProblem = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .error-summary')?.focus());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSummary(null);
    setOther([]);
    const local = Object.fromEntries(Object.entries(panelRowErrors(rows)).map(([path, problem]) => [path, t(ROW_MESSAGES[problem])]));
    if (Object.keys(local).length > 0 || sum.state !== "ok") {
      setErrors(local);
      setSummary(Object.keys(local).length > 0 ? t("common.errorSummary") : t("judging.error.weights_not_100"));
      focusProblem();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { data, error, response } = await api.PUT("/api/v1/stages/{stageId}/panel", {
        params: { path: { stageId } },
        body: { share, criteria: rowsToCriteria(rows) },
      });
      if (data) {
        onSaved(data);
        return;
      }
      const found = problemToPathErrors(error, (p) => SHOWN.test(p), t("common.errorUnknown"));
      setErrors(found.fields);
      setOther(found.other);
      const weights = isProblem(error) && error.code === "weights_not_100";
      setSummary(weights ? t("judging.error.weights_not_100") : response.status === 400 ? found.summary : panelProblemText(t, error));
      focusProblem();
    } catch {
      setSummary(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="panel-rubric-editor" ref={formRef} className="panel panel-rubric-editor" noValidate onSubmit={submit}
      aria-labelledby="panel-editor-title">
      <h3 id="panel-editor-title" className="section-title">
        {t("panelAdmin.editorTitle")}
      </h3>
      <p className="form-hint">{t("panelAdmin.editorHint")}</p>
      <FormSummary summary={summary} other={other} />
      {err("criteria") ? <p className="form-hint-invalid">{err("criteria")}</p> : null}
      <ol className="row-editor">
        {rows.map((row, i) => {
          const at = `criteria[${i}]`;
          const id = (field: string) => `panel-c${row.key}-${field}`;
          return (
            <li key={row.key}>
              <fieldset className="row-fieldset">
                <legend>{t("panelAdmin.criterion", { n: i + 1 })}</legend>
                {err(at) ? <p className="form-hint-invalid">{err(at)}</p> : null}
                <div className="panel-criterion-grid">
                  <TextField id={id("name")} label={t("panelAdmin.field.name")} required maxLength={50} value={row.name}
                    onValue={(name) => setRow(i, { name })} error={err(`${at}.name`)} />
                  <TextField id={id("description")} label={t("panelAdmin.field.description")} optional maxLength={500} value={row.description}
                    onValue={(description) => setRow(i, { description })} error={err(`${at}.description`)} />
                  <TextField id={id("weight")} label={t("panelAdmin.field.weight")} required type="number" inputMode="decimal" min={0} max={100}
                    step="any" value={row.weight} onValue={(weight) => setRow(i, { weight })} error={err(`${at}.weight`)} />
                  {row.grades ? null : (
                    <>
                      <TextField id={id("min")} label={t("panelAdmin.field.min")} required type="number" inputMode="numeric" min={0} max={99}
                        step={1} value={row.min} onValue={(min) => setRow(i, { min })} error={err(`${at}.scale.min`)} />
                      <TextField id={id("max")} label={t("panelAdmin.field.max")} required type="number" inputMode="numeric" min={1} max={100}
                        step={1} value={row.max} onValue={(max) => setRow(i, { max })} error={err(`${at}.scale.max`)} />
                    </>
                  )}
                </div>
                {rows.length > 1 ? (
                  <button type="button" className="krds-btn tertiary small row-remove"
                    onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}>
                    {t("panelAdmin.removeCriterion", { n: i + 1 })}
                  </button>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <WeightSumIndicator sum={sum.sum} state={sum.state} />
      <p className="button-row">
        <button type="button" className="krds-btn secondary medium" disabled={rows.length >= MAX_PANEL_CRITERIA}
          onClick={() => setRows((rs) => [...rs, emptyPanelRow()])}>
          {t("panelAdmin.addCriterion")}
        </button>
        <button type="button" className="krds-btn tertiary medium" onClick={() => {
          setRows(rowsFromCriteria(DEFAULT_PANEL_CRITERIA));
          setErrors({});
        }}>
          {t("panelAdmin.resetDefault")}
        </button>
      </p>
      <div className="form-actions">
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t("common.saving") : t("panelAdmin.saveRubric")}
        </button>
        <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function InviteForm({ stage, onInvited }: { stage: Stage; onInvited: (member: PanelMember) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [summary, setSummary] = useState<string | null>(null);
  const [other, setOther] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PanelMember | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const focus = () => requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"], .error-summary')?.focus());
    setSummary(null);
    setOther([]);
    setResult(null);
    const local = emailProblem(email);
    if (local) {
      setError(t(local));
      focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const { data, error: problem, response } = await api.POST("/api/v1/stages/{stageId}/panel/members", {
        params: { path: { stageId: stage.id } },
        body: { email: email.trim() },
      });
      if (data) {
        setResult(data);
        setEmail("");
        onInvited(data);
        return;
      }
      const found = problemToFormErrors(problem, ["email"] as const, t("common.errorUnknown"));
      setError(found.fields.email);
      setOther(found.other);
      setSummary(response.status === 400 ? found.summary : panelProblemText(t, problem));
      focus();
    } catch {
      setSummary(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="panel-invite-title">
      <h3 id="panel-invite-title" className="section-title">
        {t("panelAdmin.inviteTitle")}
      </h3>
      <p className="form-hint">{t("panelAdmin.inviteHint")}</p>
      <p className="form-hint">{stage.status === "open" ? t("panelAdmin.assignOpen") : t("panelAdmin.assignSetup")}</p>
      <form className="panel-invite-form" noValidate onSubmit={submit} aria-labelledby="panel-invite-title">
        <FormSummary summary={summary} other={other} />
        <div className="grid-form">
          <TextField id="panel-email" label={t("panelAdmin.email")} required type="email" autoComplete="off" maxLength={254}
            value={email} onValue={setEmail} error={error} />
        </div>
        <div className="form-actions">
          <button type="submit" className="krds-btn primary medium" disabled={busy}>
            {busy ? t("panelAdmin.inviting") : t("panelAdmin.invite")}
          </button>
        </div>
      </form>
      {result ? <InviteResult member={result} /> : null}
    </section>
  );
}

function InviteResult({ member }: { member: PanelMember }) {
  const { t } = useI18n();
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  if (member.joined) {
    return (
      <Notice tone="success">
        <p>{t("panelAdmin.joinedNow", { email: member.email })}</p>
      </Notice>
    );
  }
  const link = member.inviteToken ? `${window.location.origin}/invite/${member.inviteToken}` : null;
  const copyLink = async () => {
    if (!link) return;
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(link);
      setCopy("copied");
    } catch {
      inputRef.current?.select();
      setCopy("failed");
    }
  };
  return (
    <div className="created-invitation">
      <p>{t("panelAdmin.invited", { email: member.email })}</p>
      {link ? (
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="panel-invite-link">{t("panelAdmin.link")}</label>
          </div>
          <div className="copy-row">
            <input ref={inputRef} id="panel-invite-link" className="krds-input" readOnly value={link}
              onFocus={(event) => event.currentTarget.select()} />
            <button type="button" className="krds-btn secondary medium" onClick={copyLink}>
              {t("invitations.copy")}
            </button>
          </div>
        </div>
      ) : null}
      <StatusMessage>{copy === "copied" ? t("invitations.copied") : copy === "failed" ? t("invitations.copyFailed") : null}</StatusMessage>
    </div>
  );
}

function MembersTable({
  members,
  stageId,
  canWithdraw,
  onWithdrawn,
}: {
  members: readonly PanelMember[];
  stageId: string;
  canWithdraw: boolean;
  onWithdrawn: (panel: StagePanel, email: string) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [withdrawing, setWithdrawing] = useState<PanelMember | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const withdraw = async () => {
    if (!withdrawing) return;
    setBusy(true);
    setError(null);
    try {
      const { data, error: problem } = await api.POST("/api/v1/stages/{stageId}/panel/members/withdraw", {
        params: { path: { stageId } },
        body: { email: withdrawing.email },
      });
      if (data) {
        onWithdrawn(data, withdrawing.email);
        setWithdrawing(null);
        return;
      }
      setError(panelProblemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="panel-members-title">
      <h3 id="panel-members-title" className="section-title">
        {t("panelAdmin.membersTitle")}
      </h3>
      {members.length === 0 ? (
        <p className="empty">{t("panelAdmin.membersEmpty")}</p>
      ) : (
        <TableWrap label={t("panelAdmin.membersCaption")}>
          <table className="tbl col data compact-table">
            <caption className="sr-only">{t("panelAdmin.membersCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("panelAdmin.col.email")}</th>
                <th scope="col">{t("panelAdmin.col.displayName")}</th>
                <th scope="col">{t("panelAdmin.col.joined")}</th>
                <th scope="col">{t("panelAdmin.col.progress")}</th>
                {canWithdraw ? <th scope="col">{t("panelAdmin.col.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.email}>
                  <th scope="row">{m.email}</th>
                  <td>{m.displayName || "–"}</td>
                  <td>
                    <span className={`status-badge ${m.joined ? "panel-joined" : "panel-pending"}`}>
                      {m.joined ? t("panelAdmin.joined") : t("panelAdmin.pending")}
                    </span>
                  </td>
                  <td>{m.joined ? t("panelAdmin.progressValue", { submitted: m.submitted, assigned: m.assigned }) : "–"}</td>
                  {canWithdraw ? (
                    <td>
                      <button type="button" className="krds-btn tertiary small" aria-label={t("panelAdmin.withdrawLabel", { email: m.email })}
                        onClick={() => {
                          setError(null);
                          setWithdrawing(m);
                        }}>
                        {t("panelAdmin.withdraw")}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <ConfirmDialog
        open={withdrawing !== null}
        busy={busy}
        title={t("panelAdmin.withdrawTitle")}
        confirmLabel={t("panelAdmin.withdraw")}
        dismissLabel={t("common.close")}
        onConfirm={withdraw}
        onClose={() => setWithdrawing(null)}
      >
        <p>{t(withdrawing?.joined ? "panelAdmin.withdrawJoined" : "panelAdmin.withdrawPending", { email: withdrawing?.email ?? "" })}</p>
        {error ? (
          <p className="form-hint-invalid" role="alert">
            {error}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
