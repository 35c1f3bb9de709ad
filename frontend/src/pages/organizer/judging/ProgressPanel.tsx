import { useCallback, useState } from "react";
import { useApi } from "../../../app/context";
import { StatusMessage } from "../../../components/forms";
import { LoadError, Loading, Notice } from "../../../components/Page";
import { TableWrap } from "../../../components/TableWrap";
import { useLoad } from "../../../components/useLoad";
import { useI18n } from "../../../i18n/I18nProvider";
import type { Stage } from "../../judging/types";
import { problemText, ProgressBar } from "../../judging/ui";

/** 진행 현황 tab: each judge's submitted / assigned, and a reminder to those not done. */
export function ProgressPanel({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  const api = useApi();
  const stageId = stage.id;
  const load = useCallback(() => api.GET("/api/v1/stages/{stageId}/progress", { params: { path: { stageId } } }), [api, stageId]);
  const progress = useLoad(load);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remind = async () => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const { data, error: problem } = await api.POST("/api/v1/stages/{stageId}/reminders", { params: { path: { stageId } } });
      if (data) setMessage(data.reminded > 0 ? t("progress.reminded", { count: data.reminded }) : t("progress.nobodyToRemind"));
      else setError(problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  if (progress.status === "loading") return <Loading />;
  if (progress.status === "error") return <LoadError error={progress.error} httpStatus={progress.httpStatus} onRetry={progress.reload} />;
  const data = progress.data;
  const assigned = data.judges.reduce((n, j) => n + j.assigned, 0);
  const submitted = data.judges.reduce((n, j) => n + j.submitted, 0);
  const late = data.judges.filter((j) => j.submitted < j.assigned).length;
  return (
    <div className="stage-panel">
      <h2 className="section-title">{t("stagePage.tab.progress")}</h2>
      {stage.status === "setup" ? (
        <Notice>
          <p>{t("progress.notOpen")}</p>
        </Notice>
      ) : null}
      <div className="progress-summary">
        <ProgressBar value={submitted} max={assigned} label={t("progress.overall")} />
        <p>
          {data.complete ? (
            <span className="status-badge sheet-submitted">{t("progress.complete")}</span>
          ) : (
            <span className="status-badge sheet-draft">{t("progress.incomplete", { late })}</span>
          )}{" "}
          <span className="muted">{t("progress.cases", { count: data.cases })}</span>
        </p>
      </div>
      {data.judges.length === 0 ? (
        <p className="empty">{t("judges.empty")}</p>
      ) : (
        <TableWrap label={t("progress.caption")}>
          <table className="tbl col data compact-table">
            <caption className="sr-only">{t("progress.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("judges.col.name")}</th>
                <th scope="col">{t("progress.col.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {data.judges.map((j) => (
                <tr key={j.userId} className={j.submitted < j.assigned ? "is-late" : undefined}>
                  <th scope="row">
                    {j.displayName}
                    <span className="muted cell-sub">{t(`judgeKind.${j.kind}`)}</span>
                  </th>
                  <td>
                    <ProgressBar value={j.submitted} max={j.assigned} label={t("progress.of", { name: j.displayName })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {stage.status === "open" ? (
        <p className="button-row">
          <button type="button" className="krds-btn secondary medium" disabled={busy || late === 0} onClick={remind}>
            {busy ? t("progress.reminding") : t("progress.remind")}
          </button>
        </p>
      ) : null}
      {error ? (
        <p className="form-hint-invalid" role="alert">
          {error}
        </p>
      ) : null}
      <StatusMessage>{message}</StatusMessage>
    </div>
  );
}
