import { useI18n } from "../i18n/I18nProvider";
import type { AutosaveState, AutosaveStatus } from "../lib/autosave";
import { formatSeoulTime } from "../lib/seoul";

interface AutosaveIndicatorProps {
  state: AutosaveState<unknown>;
  onRetry: () => void;
  /** The id of the live status text, for pages that point aria-describedby at it. */
  statusId?: string;
  /** Wording a page needs instead of the editor's, by status. */
  wording?: Partial<Record<AutosaveStatus, string>>;
}

/** 저장 상태: what autosave is doing, announced politely, with a retry after a failure. */
export function AutosaveIndicator({ state, onRetry, statusId = "autosave-status", wording }: AutosaveIndicatorProps) {
  const { t, language } = useI18n();
  let text: string;
  switch (state.status) {
    case "idle":
      text = state.savedAt ? t("autosave.saved", { time: formatSeoulTime(state.savedAt, language) }) : t("autosave.idle");
      break;
    case "dirty":
      text = t("autosave.dirty");
      break;
    case "saving":
      text = t("autosave.saving");
      break;
    case "saved":
      text = t("autosave.saved", { time: state.savedAt ? formatSeoulTime(state.savedAt, language) : "" });
      break;
    case "invalid":
      text = t("autosave.invalid");
      break;
    case "failed":
      text = t("autosave.failed");
      break;
    case "conflict":
      text = t("autosave.conflict");
      break;
    case "closed":
      text = t("autosave.closed");
      break;
  }
  const shown = wording?.[state.status] ?? text;
  return (
    <div className={`autosave autosave-${state.status}`}>
      <span className="autosave-dot" aria-hidden="true" />
      <span id={statusId} role="status">
        {shown}
      </span>
      {state.status === "failed" ? (
        <>
          <span aria-hidden="true"> – </span>
          <button type="button" className="krds-btn text small link-button" onClick={onRetry}>
            {t("common.retry")}
          </button>
        </>
      ) : null}
    </div>
  );
}
