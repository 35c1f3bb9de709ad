import { useCallback, useState, type FormEvent } from "react";
import { useApi } from "../../../app/context";
import { Dialog } from "../../../components/Dialog";
import { StatusMessage } from "../../../components/forms";
import { LoadError, Loading } from "../../../components/Page";
import { TableWrap } from "../../../components/TableWrap";
import { useLoad } from "../../../components/useLoad";
import { useI18n } from "../../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../../lib/seoul";
import type { AssignedCase, AssignmentBoard, AssignmentReport, JudgeConflict, Stage, StageJudge } from "../../judging/types";
import { ConflictKindBadge, fieldMessage, problemCode, problemText, SheetStatusBadge } from "../../judging/ui";

type Editing = { kind: "assign"; item: AssignedCase } | { kind: "challenge"; item: AssignedCase };

/** 배정 tab: cases × judges with sheet status and conflicts; auto, manual and 기피. */
export function AssignmentsPanel({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  const api = useApi();
  const stageId = stage.id;
  const loadBoard = useCallback(() => api.GET("/api/v1/stages/{stageId}/assignments", { params: { path: { stageId } } }), [api, stageId]);
  const loadJudges = useCallback(() => api.GET("/api/v1/stages/{stageId}/judges", { params: { path: { stageId } } }), [api, stageId]);
  const loaded = useLoad(loadBoard);
  const judges = useLoad(loadJudges);
  const [board, setBoard] = useState<AssignmentBoard | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const current = board ?? (loaded.status === "ok" ? loaded.data : null);
  const closed = stage.status === "closed";

  const refresh = () => {
    setBoard(null);
    loaded.reload();
    judges.reload();
  };

  return (
    <div className="stage-panel">
      <h2 className="section-title">{t("stagePage.tab.assignments")}</h2>
      <StatusMessage>{message}</StatusMessage>
      {!closed && judges.status === "ok" && current ? (
        <AutoAssign
          stageId={stageId}
          judgeCount={judges.data.items.length}
          caseCount={current.cases.length}
          titles={Object.fromEntries(current.cases.map((c) => [c.caseId, c.title]))}
          onDone={refresh}
          setupNote={stage.status === "setup" && current.cases.length === 0}
        />
      ) : null}
      {loaded.status === "loading" && !board ? <Loading /> : null}
      {loaded.status === "error" ? <LoadError error={loaded.error} httpStatus={loaded.httpStatus} onRetry={loaded.reload} /> : null}
      {current ? (
        <>
          <BoardTable board={current} closed={closed} onEdit={setEditing} />
          <ConflictsTable board={current} />
        </>
      ) : null}

      {editing?.kind === "assign" && judges.status === "ok" && current ? (
        <AssignDialog
          stageId={stageId}
          item={editing.item}
          judges={judges.data.items}
          conflicts={current.conflicts.filter((c) => c.caseId === editing.item.caseId)}
          onClose={() => setEditing(null)}
          onSaved={(next) => {
            setBoard(next);
            setEditing(null);
            setMessage(t("assignments.saved", { title: editing.item.title }));
            judges.reload();
          }}
        />
      ) : null}
      {editing?.kind === "challenge" && judges.status === "ok" && current ? (
        <ChallengeDialog
          stageId={stageId}
          item={editing.item}
          judges={judges.data.items.filter((j) => !current.conflicts.some((c) => c.caseId === editing.item.caseId && c.judgeId === j.userId))}
          onClose={() => setEditing(null)}
          onSaved={(conflict) => {
            setEditing(null);
            setMessage(t("assignments.challenged", { name: conflict.judgeName, title: editing.item.title }));
            refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function AutoAssign({
  stageId,
  judgeCount,
  caseCount,
  titles,
  onDone,
  setupNote,
}: {
  stageId: string;
  judgeCount: number;
  caseCount: number;
  titles: Record<string, string>;
  onDone: () => void;
  setupNote: boolean;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [perCase, setPerCase] = useState(() => String(Math.max(1, Math.min(3, judgeCount || 1))));
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<AssignmentReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number(perCase);
    if (!/^\d+$/.test(perCase.trim()) || n < 1 || n > 30) {
      setError(t("assignments.error.perCase"));
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const { data, error: problem, response } = await api.POST("/api/v1/stages/{stageId}/assignments/auto", {
        params: { path: { stageId } },
        body: { judgesPerCase: n },
      });
      if (data) {
        setReport(data);
        onDone();
      } else setError(response.status === 400 ? (fieldMessage(problem, "judgesPerCase") ?? problemText(t, problem)) : problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel auto-assign" noValidate onSubmit={submit} aria-labelledby="auto-assign-title">
      <h3 id="auto-assign-title" className="section-title">
        {t("assignments.autoTitle")}
      </h3>
      <p className="form-hint">{t("assignments.autoHint", { judges: judgeCount, cases: caseCount })}</p>
      {setupNote ? <p className="small-note">{t("assignments.setupNote")}</p> : null}
      <div className="inline-form">
        <div className={`form-group${error ? " is-error" : ""}`}>
          <div className="form-tit">
            <label htmlFor="judges-per-case">{t("assignments.perCase")}</label>
          </div>
          <div className="form-conts">
            <input id="judges-per-case" className="krds-input small-input" type="number" min={1} max={30} inputMode="numeric"
              value={perCase} onChange={(event) => setPerCase(event.target.value)} aria-invalid={Boolean(error) || undefined}
              aria-describedby={error ? "judges-per-case-error" : undefined} />
          </div>
          {error ? (
            <p className="form-hint-invalid" id="judges-per-case-error">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t("assignments.assigning") : t("assignments.auto")}
        </button>
      </div>
      <div role="status" className="assign-report">
        {report ? (
          <>
            <p>{t("assignments.report", { assigned: report.assigned })}</p>
            {report.shortfalls.length > 0 ? (
              <>
                <p className="form-hint-invalid">{t("assignments.shortfalls")}</p>
                <ul>
                  {report.shortfalls.map((s) => (
                    <li key={s.caseId}>{t("assignments.shortfall", { title: titles[s.caseId] ?? s.caseId, missing: s.missing })}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </div>
    </form>
  );
}

function BoardTable({ board, closed, onEdit }: { board: AssignmentBoard; closed: boolean; onEdit: (editing: Editing) => void }) {
  const { t } = useI18n();
  if (board.cases.length === 0) return <p className="empty">{t("assignments.noCases")}</p>;
  return (
    <TableWrap label={t("assignments.caption")}>
      <table className="tbl col data compact-table board-table">
        <caption className="sr-only">{t("assignments.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("assignments.col.case")}</th>
            <th scope="col">{t("assignments.col.judges")}</th>
            <th scope="col">{t("assignments.col.conflicts")}</th>
            {!closed ? <th scope="col">{t("assignments.col.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {board.cases.map((c) => {
            const conflicts = board.conflicts.filter((x) => x.caseId === c.caseId);
            return (
              <tr key={c.caseId}>
                <th scope="row">
                  {c.title}
                  <span className="muted cell-sub">{c.team.name}</span>
                </th>
                <td>
                  {c.judges.length === 0 ? (
                    <span className="muted">{t("assignments.none")}</span>
                  ) : (
                    <ul className="plain-list judge-chips">
                      {c.judges.map((j) => (
                        <li key={j.userId}>
                          {j.displayName} <SheetStatusBadge status={j.sheetStatus} />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {conflicts.length === 0 ? (
                    <span className="muted">–</span>
                  ) : (
                    <ul className="plain-list conflict-list">
                      {conflicts.map((x) => (
                        <li key={`${x.judgeId}-${x.kind}`}>
                          <ConflictKindBadge kind={x.kind} /> <strong>{x.judgeName}</strong>
                          <span className="conflict-reason">{x.reason}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                {!closed ? (
                  <td>
                    <div className="row-actions">
                      <button type="button" className="krds-btn secondary small" aria-label={t("assignments.editLabel", { title: c.title })}
                        onClick={() => onEdit({ kind: "assign", item: c })}>
                        {t("assignments.edit")}
                      </button>
                      <button type="button" className="krds-btn tertiary small" aria-label={t("assignments.challengeLabel", { title: c.title })}
                        onClick={() => onEdit({ kind: "challenge", item: c })}>
                        {t("assignments.challenge")}
                      </button>
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

function ConflictsTable({ board }: { board: AssignmentBoard }) {
  const { t, language } = useI18n();
  const titles = Object.fromEntries(board.cases.map((c) => [c.caseId, c.title]));
  return (
    <section className="top-gap" aria-labelledby="conflicts-title">
      <h3 id="conflicts-title" className="section-title">
        {t("conflicts.title")}
      </h3>
      <p className="form-hint">{t("conflicts.hint")}</p>
      {board.conflicts.length === 0 ? (
        <p className="empty">{t("conflicts.empty")}</p>
      ) : (
        <TableWrap label={t("conflicts.caption")}>
          <table className="tbl col data compact-table">
            <caption className="sr-only">{t("conflicts.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("conflicts.col.judge")}</th>
                <th scope="col">{t("conflicts.col.case")}</th>
                <th scope="col">{t("conflicts.col.kind")}</th>
                <th scope="col">{t("conflicts.col.reason")}</th>
                <th scope="col">{t("conflicts.col.recorded")}</th>
              </tr>
            </thead>
            <tbody>
              {board.conflicts.map((x, i) => (
                <tr key={`${x.caseId}-${x.judgeId}-${i}`}>
                  <th scope="row">{x.judgeName}</th>
                  <td>{titles[x.caseId] ?? x.caseId}</td>
                  <td>
                    <ConflictKindBadge kind={x.kind} />
                  </td>
                  <td>{x.reason}</td>
                  <td>
                    {x.automatic
                      ? t("conflicts.automatic")
                      : t("conflicts.recordedBy", { name: x.recordedBy ?? "–", at: formatSeoulDateTime(x.recordedAt, language) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function AssignDialog({
  stageId,
  item,
  judges,
  conflicts,
  onClose,
  onSaved,
}: {
  stageId: string;
  item: AssignedCase;
  judges: StageJudge[];
  conflicts: JudgeConflict[];
  onClose: () => void;
  onSaved: (board: AssignmentBoard) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [chosen, setChosen] = useState<string[]>(() => item.judges.map((j) => j.userId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data, error: problem } = await api.PUT("/api/v1/stages/{stageId}/assignments/{caseId}", {
        params: { path: { stageId, caseId: item.caseId } },
        body: { judgeIds: chosen },
      });
      if (data) onSaved(data);
      else {
        const code = problemCode(problem);
        const index = /^judgeIds\[(\d+)\]/.exec((problem as { errors?: { field: string }[] } | undefined)?.errors?.[0]?.field ?? "")?.[1];
        const who = index !== undefined ? judges.find((j) => j.userId === chosen[Number(index)])?.displayName : undefined;
        setError(code === "conflict_of_interest" && who ? t("assignments.conflictOf", { name: who }) : problemText(t, problem));
      }
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      busy={busy}
      title={t("assignments.editTitle", { title: item.title })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="krds-btn primary medium" disabled={busy} onClick={save}>
            {t("common.save")}
          </button>
          <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={onClose}>
            {t("common.cancel")}
          </button>
        </>
      }
    >
      <fieldset className="form-group">
        <legend className="form-tit visible-legend">{t("assignments.pickJudges")}</legend>
        {judges.length === 0 ? <p className="muted">{t("judges.empty")}</p> : null}
        <div className="check-list">
          {judges.map((j) => {
            const conflict = conflicts.find((c) => c.judgeId === j.userId);
            const id = `assign-${j.userId}`;
            return (
              <div key={j.userId} className="krds-form-check medium">
                <input type="checkbox" id={id} checked={chosen.includes(j.userId)}
                  aria-describedby={conflict ? `${id}-conflict` : undefined}
                  onChange={(event) => setChosen(event.target.checked ? [...chosen, j.userId] : chosen.filter((x) => x !== j.userId))} />
                <label htmlFor={id}>
                  {j.displayName} <span className="muted">({t("assignments.load", { assigned: j.assigned, cap: j.maxCases ?? "∞" })})</span>
                </label>
                {conflict ? (
                  <p className="radio-desc conflict-note" id={`${id}-conflict`}>
                    <ConflictKindBadge kind={conflict.kind} /> {conflict.reason}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
      {error ? (
        <p className="form-hint-invalid" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}

function ChallengeDialog({
  stageId,
  item,
  judges,
  onClose,
  onSaved,
}: {
  stageId: string;
  item: AssignedCase;
  judges: StageJudge[];
  onClose: () => void;
  onSaved: (conflict: JudgeConflict) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [judgeId, setJudgeId] = useState(judges[0]?.userId ?? "");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!judgeId) {
      setError(t("judges.error.pick"));
      return;
    }
    if (reason.trim().length < 2) {
      setError(t("assignments.error.reason"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data, error: problem, response } = await api.POST("/api/v1/stages/{stageId}/conflicts", {
        params: { path: { stageId } },
        body: { caseId: item.caseId, judgeId, reason: reason.trim() },
      });
      if (data) onSaved(data);
      else setError(response.status === 400 ? (fieldMessage(problem, "reason") ?? problemText(t, problem)) : problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      busy={busy}
      title={t("assignments.challengeTitle", { title: item.title })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="krds-btn primary medium" disabled={busy || judges.length === 0} onClick={save}>
            {t("assignments.challengeConfirm")}
          </button>
          <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={onClose}>
            {t("common.cancel")}
          </button>
        </>
      }
    >
      <p>{t("assignments.challengeBody")}</p>
      <div className="form-group">
        <label htmlFor="challenge-judge">{t("assignments.challengeJudge")}</label>
        <select id="challenge-judge" className="krds-form-select" value={judgeId} onChange={(event) => setJudgeId(event.target.value)}>
          {judges.map((j) => (
            <option key={j.userId} value={j.userId}>
              {j.displayName}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label htmlFor="challenge-reason">{t("assignments.challengeReason")}</label>
        <textarea id="challenge-reason" className="krds-input textarea" rows={3} maxLength={500} value={reason}
          aria-invalid={Boolean(error) || undefined} aria-describedby={error ? "challenge-error" : undefined}
          onChange={(event) => setReason(event.target.value)} />
      </div>
      {error ? (
        <p className="form-hint-invalid" id="challenge-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
