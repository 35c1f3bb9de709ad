import { useState } from "react";
import { isProblem } from "../../api/problem";
import { useApi } from "../../app/context";
import { useI18n } from "../../i18n/I18nProvider";
import { browserClientId } from "./clientId";
import type { ArchiveCase } from "./types";

/**
 * 도움이 됐어요: a toggle anyone may press, signed in or not. Signed-in users count once per
 * account, visitors once per browser (by the id in clientId.ts).
 */
export function HelpfulButton({ entry }: { entry: ArchiveCase }) {
  const { t } = useI18n();
  const api = useApi();
  const [state, setState] = useState({ count: entry.helpfulCount, marked: entry.helpfulByMe ?? false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async () => {
    setBusy(true);
    setError(null);
    const params = { path: { entryId: entry.id }, header: { "X-Client-Id": browserClientId() } };
    try {
      const { data, error: problem } = state.marked
        ? await api.DELETE("/api/v1/archive/cases/{entryId}/helpful", { params })
        : await api.PUT("/api/v1/archive/cases/{entryId}/helpful", { params });
      if (data) setState({ count: data.helpfulCount, marked: data.helpfulByMe });
      else setError(isProblem(problem) ? (problem.detail ?? problem.title ?? t("common.errorUnknown")) : t("common.errorUnknown"));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="helpful">
      <button type="button" className={`krds-btn medium helpful-button ${state.marked ? "primary" : "secondary"}`}
        aria-pressed={state.marked} aria-describedby="helpful-hint" disabled={busy} onClick={toggle}>
        {t("archive.helpful.button")} <span className="helpful-count">{t("archive.helpful.count", { count: state.count })}</span>
      </button>
      <p id="helpful-hint" className="muted helpful-hint">
        {state.marked ? t("archive.helpful.marked") : t("archive.helpful.hint")}
      </p>
      {error ? (
        <p className="form-hint-invalid" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
