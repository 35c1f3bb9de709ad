import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useApi } from "../../../app/context";
import { Dialog } from "../../../components/Dialog";
import { StatusMessage } from "../../../components/forms";
import { LoadError, Loading } from "../../../components/Page";
import { TableWrap } from "../../../components/TableWrap";
import { useLoad } from "../../../components/useLoad";
import { useI18n } from "../../../i18n/I18nProvider";
import type { AssignmentReport, SeatedJudgeKind, Stage, StageJudge } from "../../judging/types";
import { fieldMessage, problemText } from "../../judging/ui";
import { DirectoryPanel } from "./DirectoryPanel";
import { loadJudgeCandidates, type JudgeCandidate } from "./judgeCandidates";

/** 심사위원 tab: the stage's judges with their load; appoint and withdraw judges. */
export function JudgesPanel({ stage, onJudgeCount }: { stage: Stage; onJudgeCount: (count: number) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const stageId = stage.id;
  const load = useCallback(() => api.GET("/api/v1/stages/{stageId}/judges", { params: { path: { stageId } } }), [api, stageId]);
  const judges = useLoad(load);
  const [withdrawing, setWithdrawing] = useState<StageJudge | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [report, setReport] = useState<{ name: string; report: AssignmentReport; titles: Record<string, string> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const count = judges.status === "ok" ? judges.data.items.length : null;
  useEffect(() => {
    if (count !== null) onJudgeCount(count);
  }, [count, onJudgeCount]);

  const withdraw = async (judge: StageJudge) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const { data, error: problem } = await api.DELETE("/api/v1/stages/{stageId}/judges/{userId}", {
        params: { path: { stageId, userId: judge.userId } },
      });
      if (data) {
        // Name the cases the report mentions.
        const board = data.shortfalls.length > 0 ? await api.GET("/api/v1/stages/{stageId}/assignments", { params: { path: { stageId } } }) : null;
        const titles: Record<string, string> = {};
        for (const c of board?.data?.cases ?? []) titles[c.caseId] = c.title;
        setReport({ name: judge.displayName, report: data, titles });
        judges.reload();
      } else {
        setWithdrawing(null);
        setError(problemText(t, problem));
      }
    } catch {
      setWithdrawing(null);
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  const closed = stage.status === "closed";
  return (
    <div className="stage-panel">
      <h2 className="section-title">{t("stagePage.tab.judges")}</h2>
      {error ? (
        <p className="form-hint-invalid" role="alert">
          {error}
        </p>
      ) : null}
      <StatusMessage>{message}</StatusMessage>
      {judges.status === "loading" ? <Loading /> : null}
      {judges.status === "error" ? <LoadError error={judges.error} httpStatus={judges.httpStatus} onRetry={judges.reload} /> : null}
      {judges.status === "ok" ? (
        judges.data.items.length === 0 ? (
          <p className="empty">{t("judges.empty")}</p>
        ) : (
          <TableWrap label={t("judges.caption")}>
            <table className="tbl col data compact-table">
              <caption className="sr-only">{t("judges.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("judges.col.name")}</th>
                  <th scope="col">{t("judges.col.kind")}</th>
                  <th scope="col" className="num">
                    {t("judges.col.cap")}
                  </th>
                  <th scope="col" className="num">
                    {t("judges.col.assigned")}
                  </th>
                  <th scope="col" className="num">
                    {t("judges.col.submitted")}
                  </th>
                  {!closed ? <th scope="col">{t("judges.col.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {judges.data.items.map((j) => (
                  <tr key={j.userId}>
                    <th scope="row">
                      {j.displayName}
                      <span className="muted cell-sub">
                        {j.agency.name}
                        {j.department ? ` · ${j.department}` : ""}
                      </span>
                    </th>
                    <td>{t(`judgeKind.${j.kind}`)}</td>
                    <td className="num">{j.maxCases ?? t("judges.noCap")}</td>
                    <td className="num">{j.assigned}</td>
                    <td className="num">{j.submitted}</td>
                    {!closed ? (
                      <td>
                        <button type="button" className="krds-btn tertiary small" aria-label={t("judges.withdrawLabel", { name: j.displayName })}
                          onClick={() => {
                            setReport(null);
                            setWithdrawing(j);
                          }}>
                          {t("judges.withdraw")}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )
      ) : null}

      {!closed && judges.status === "ok" ? (
        <>
          <AddJudgeForm
            stage={stage}
            current={judges.data.items.map((j) => j.userId)}
            onAdded={(judge) => {
              setMessage(t("judges.added", { name: judge.displayName }));
              judges.reload();
            }}
          />
          <DirectoryPanel
            stage={stage}
            current={judges.data.items.map((j) => j.userId)}
            onAdded={(judge) => {
              setMessage(t("judges.added", { name: judge.displayName }));
              judges.reload();
            }}
          />
        </>
      ) : null}

      <Dialog
        open={withdrawing !== null}
        busy={busy}
        title={t("judges.withdrawDialog.title")}
        onClose={() => {
          setWithdrawing(null);
          setReport(null);
        }}
        actions={
          report ? (
            <button type="button" className="krds-btn primary medium" onClick={() => {
              setWithdrawing(null);
              setMessage(t("judges.withdrawn", { name: report.name }));
              setReport(null);
            }}>
              {t("common.close")}
            </button>
          ) : (
            <>
              <button type="button" className="krds-btn primary medium" disabled={busy} onClick={() => withdrawing && withdraw(withdrawing)}>
                {t("judges.withdraw")}
              </button>
              <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setWithdrawing(null)}>
                {t("common.cancel")}
              </button>
            </>
          )
        }
      >
        {report ? (
          <div role="status">
            <p>{t("judges.report.done", { name: report.name, assigned: report.report.assigned })}</p>
            {report.report.shortfalls.length > 0 ? (
              <>
                <p>{t("judges.report.shortfalls")}</p>
                <ul>
                  {report.report.shortfalls.map((s) => (
                    <li key={s.caseId}>{t("assignments.shortfall", { title: report.titles[s.caseId] ?? s.caseId, missing: s.missing })}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t("judges.report.noShortfalls")}</p>
            )}
          </div>
        ) : withdrawing ? (
          <>
            <p>{t("judges.withdrawDialog.body", { name: withdrawing.displayName, assigned: withdrawing.assigned })}</p>
            <p className="small-note">{t("judges.withdrawDialog.note")}</p>
          </>
        ) : null}
      </Dialog>
    </div>
  );
}

function AddJudgeForm({ stage, current, onAdded }: { stage: Stage; current: string[]; onAdded: (judge: StageJudge) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [candidates, setCandidates] = useState<JudgeCandidate[] | null>(null);
  const [userId, setUserId] = useState("");
  const [kind, setKind] = useState<SeatedJudgeKind>("internal");
  const [cap, setCap] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ summary?: string; userId?: string; maxCases?: string }>({});

  useEffect(() => {
    let live = true;
    loadJudgeCandidates(api, stage.roundId).then(
      (list) => live && setCandidates(list),
      () => live && setCandidates([]),
    );
    return () => {
      live = false;
    };
  }, [api, stage.roundId]);

  const available = (candidates ?? []).filter((c) => !current.includes(c.userId));
  const fromUsers = available.filter((c) => c.source === "users");
  const fromStages = available.filter((c) => c.source === "stages");
  const label = (c: JudgeCandidate) => [c.displayName, c.agency, c.department].filter(Boolean).join(" · ");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: typeof errors = {};
    if (!userId) local.userId = t("judges.error.pick");
    if (cap.trim() && !/^\d+$/.test(cap.trim())) local.maxCases = t("judges.error.cap");
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const body: { userId: string; kind: SeatedJudgeKind; maxCases?: number } = { userId, kind };
      if (cap.trim()) body.maxCases = Number(cap.trim());
      const { data, error, response } = await api.POST("/api/v1/stages/{stageId}/judges", { params: { path: { stageId: stage.id } }, body });
      if (data) {
        setUserId("");
        setCap("");
        onAdded(data);
        return;
      }
      setErrors({
        summary: problemText(t, error),
        userId: response.status === 400 ? fieldMessage(error, "userId") : undefined,
        maxCases: response.status === 400 ? fieldMessage(error, "maxCases") : undefined,
      });
    } catch {
      setErrors({ summary: t("common.errorNetwork") });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel add-judge" noValidate onSubmit={submit} aria-labelledby="add-judge-title">
      <h3 id="add-judge-title" className="section-title">
        {t("judges.addTitle")}
      </h3>
      {errors.summary ? (
        <div className="error-summary" role="alert">
          <p className="error-summary-title">{errors.summary}</p>
        </div>
      ) : null}
      <div className="grid-form">
        <div className={`form-group${errors.userId ? " is-error" : ""}`}>
          <div className="form-tit">
            <label htmlFor="judge-user">
              {t("judges.pick")}
              <span className="field-flag field-flag-required">
                <span aria-hidden="true"> *</span>
                <span className="sr-only"> ({t("common.required")})</span>
              </span>
            </label>
          </div>
          <div className="form-conts">
            <select id="judge-user" className="krds-form-select" value={userId} disabled={candidates === null}
              aria-invalid={Boolean(errors.userId) || undefined} aria-describedby={`judge-user-hint${errors.userId ? " judge-user-error" : ""}`}
              onChange={(event) => setUserId(event.target.value)}>
              <option value="">{candidates === null ? t("common.loading") : t("judges.pickPlaceholder")}</option>
              {fromUsers.length > 0 ? (
                <optgroup label={t("judges.fromUsers")}>
                  {fromUsers.map((c) => (
                    <option key={c.userId} value={c.userId}>
                      {label(c)}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {fromStages.length > 0 ? (
                <optgroup label={t("judges.fromStages")}>
                  {fromStages.map((c) => (
                    <option key={c.userId} value={c.userId}>
                      {label(c)}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
          </div>
          <p className="form-hint" id="judge-user-hint">
            <span>
              {t("judges.pickHint")}{" "}
              <Link className="text-link" to="/admin/invitations">
                {t("judges.inviteLink")}
              </Link>
            </span>
          </p>
          {errors.userId ? (
            <p className="form-hint-invalid" id="judge-user-error">
              {errors.userId}
            </p>
          ) : null}
        </div>
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="judge-kind">{t("judges.kind")}</label>
          </div>
          <div className="form-conts">
            <select id="judge-kind" className="krds-form-select completed" value={kind} onChange={(event) => setKind(event.target.value as SeatedJudgeKind)}>
              <option value="internal">{t("judgeKind.internal")}</option>
              <option value="external">{t("judgeKind.external")}</option>
            </select>
          </div>
        </div>
        <div className={`form-group${errors.maxCases ? " is-error" : ""}`}>
          <div className="form-tit">
            <label htmlFor="judge-cap">
              {t("judges.cap")} <span className="field-flag">({t("common.optional")})</span>
            </label>
          </div>
          <div className="form-conts">
            <input id="judge-cap" className="krds-input" type="number" min={1} max={1000} inputMode="numeric" value={cap}
              aria-invalid={Boolean(errors.maxCases) || undefined} aria-describedby={errors.maxCases ? "judge-cap-error" : "judge-cap-hint"}
              onChange={(event) => setCap(event.target.value)} />
          </div>
          {errors.maxCases ? (
            <p className="form-hint-invalid" id="judge-cap-error">
              {errors.maxCases}
            </p>
          ) : (
            <p className="form-hint" id="judge-cap-hint">
              {t("judges.capHint")}
            </p>
          )}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t("judges.adding") : t("judges.add")}
        </button>
      </div>
    </form>
  );
}
