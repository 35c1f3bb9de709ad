import { useState, type FormEvent } from "react";
import { problemToPathErrors } from "../../../api/problem";
import { useApi } from "../../../app/context";
import { TextField } from "../../../components/forms";
import { useI18n } from "../../../i18n/I18nProvider";
import { rfc3339ToSeoulLocal, seoulLocalToRfc3339 } from "../../../lib/seoul";
import type { Stage } from "../../judging/types";
import { problemText } from "../../judging/ui";

/** 단계 설정 수정: name, scoring deadline (Seoul time) and share of the final score, until the stage closes. */
export function StageSettings({ stage, onSaved, onCancel }: { stage: Stage; onSaved: (stage: Stage) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [name, setName] = useState(stage.name);
  const [closesAt, setClosesAt] = useState(() => rfc3339ToSeoulLocal(stage.scoringClosesAt));
  const [share, setShare] = useState(stage.finalShare > 0 ? String(stage.finalShare) : "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = t("stageForm.error.name");
    const scoringClosesAt = seoulLocalToRfc3339(closesAt);
    if (!scoringClosesAt) local.scoringClosesAt = t("roundForm.error.datetime");
    const finalShare = share.trim() === "" ? 0 : Number(share);
    if (!Number.isFinite(finalShare) || finalShare < 0 || finalShare > 100) local.finalShare = t("stageForm.error.share");
    setErrors(local);
    setSummary(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const { data, error, response } = await api.PUT("/api/v1/stages/{stageId}", {
        params: { path: { stageId: stage.id } },
        body: { name: name.trim(), scoringClosesAt: scoringClosesAt ?? "", finalShare },
      });
      if (data) {
        onSaved(data);
        return;
      }
      const found = problemToPathErrors(error, (p) => p === "name" || p === "scoringClosesAt" || p === "finalShare", t("common.errorUnknown"));
      setErrors(found.fields);
      setSummary(response.status === 400 ? found.summary : problemText(t, error));
    } catch {
      setSummary(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="stage-settings" className="panel stage-settings" noValidate onSubmit={submit} aria-labelledby="stage-settings-title">
      <h2 id="stage-settings-title" className="section-title">
        {t("stageSettings.title")}
      </h2>
      {summary ? (
        <div className="error-summary" role="alert">
          <p className="error-summary-title">{summary}</p>
        </div>
      ) : null}
      <div className="grid-form">
        <TextField id="stage-edit-name" label={t("stageForm.name")} required maxLength={50} value={name} onValue={setName} error={errors.name} />
        <TextField id="stage-edit-closes" label={t("stageForm.closesAt")} required type="datetime-local" value={closesAt} onValue={setClosesAt}
          hint={t("stageSettings.closesAtHint")} error={errors.scoringClosesAt} />
        <TextField id="stage-edit-share" label={t("stageForm.share")} optional type="number" inputMode="decimal" min={0} max={100} value={share}
          onValue={setShare} hint={t("stageForm.shareHint")} error={errors.finalShare} />
      </div>
      <div className="form-actions">
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
