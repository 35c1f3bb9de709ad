import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { isProblem, problemToFormErrors } from "../../api/problem";
import { useI18n } from "../../i18n/I18nProvider";
import type { MessageKey } from "../../i18n/messages";
import type { Translate } from "../../i18n/translate";
import { formatSeoulDeadline } from "../../lib/seoul";
import { percent } from "./format";
import type { ConflictKind, SheetStatus, StageKind, StageStatus } from "./types";
import "./judging.css";

export function SheetStatusBadge({ status }: { status: SheetStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge sheet-${status}`}>{t(`sheetStatus.${status}`)}</span>;
}

export function StageStatusBadge({ status }: { status: StageStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge stage-${status}`}>{t(`stageStatus.${status}`)}</span>;
}

export function StageKindBadge({ kind }: { kind: StageKind }) {
  const { t } = useI18n();
  return <span className="kind-badge">{t(`stageKind.${kind}`)}</span>;
}

export function ConflictKindBadge({ kind }: { kind: ConflictKind }) {
  const { t } = useI18n();
  return <span className={`status-badge conflict-${kind}`}>{t(`conflictKind.${kind}`)}</span>;
}

/** A labelled progress bar: "제출 2 / 3" with the bar drawn in CSS. */
/** Whether objections may still be filed. Without a known end the server alone decides. */
export function objectionsOpen(closesAt: string | undefined, now: Date = new Date()): boolean {
  return !closesAt || now.getTime() < new Date(closesAt).getTime();
}

/** "이의신청 기간: 2026년 9월 8일 10:00까지", or that the period has ended; nothing when unknown. */
export function ObjectionWindow({ closesAt }: { closesAt: string | undefined }) {
  const { t, language } = useI18n();
  if (!closesAt) return null;
  return (
    <p className="objection-window">
      {objectionsOpen(closesAt) ? t("objectionWindow.open", { at: formatSeoulDeadline(closesAt, language) }) : t("objectionWindow.closed")}
    </p>
  );
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const { t } = useI18n();
  const pct = percent(value, max);
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={t("judging.progressText", { done: value, total: max })}
      >
        <span className={`progress-fill${pct === 100 ? " is-done" : ""}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-text">{t("judging.progressText", { done: value, total: max })}</span>
    </div>
  );
}

/** Problem codes of the judging API that have their own Korean/English message here. */
const CODES = [
  "stage_closed",
  "stage_not_open",
  "judging_frozen",
  "judging_not_open",
  "unscored_cases",
  "conflict_of_interest",
  "not_a_judge",
  "results_not_ready",
  "results_published",
  "published_terms_frozen",
  "objection_window_closed",
  "weights_not_100",
] as const;
type JudgingCode = (typeof CODES)[number];

function isJudgingCode(code: unknown): code is JudgingCode {
  return typeof code === "string" && (CODES as readonly string[]).includes(code);
}

/**
 * One message for a failed request: ours for the judging codes, otherwise the server's
 * detail (already in the chosen language), otherwise the fallback.
 */
export function problemText(t: Translate, error: unknown, fallback: MessageKey = "common.errorUnknown"): string {
  if (isProblem(error) && isJudgingCode(error.code)) return t(`judging.error.${error.code}`);
  if (isProblem(error) && error.status === 404) return t("common.notFound");
  if (isProblem(error) && error.status === 403) return t("common.forbidden");
  return problemToFormErrors(error, [], t(fallback)).summary ?? t(fallback);
}

/** The code of a problem body, or null. */
export function problemCode(error: unknown): string | null {
  return isProblem(error) && typeof error.code === "string" ? error.code : null;
}

/** The first field message of a problem for `field` (exact path or its top level). */
export function fieldMessage(error: unknown, field: string): string | undefined {
  if (!isProblem(error)) return undefined;
  for (const item of error.errors ?? []) {
    if (item.field === field || item.field.split(/[.[]/)[0] === field) return item.message;
  }
  return undefined;
}

export interface TabItem {
  id: string;
  label: string;
}

/**
 * ARIA tabs: the tab list moves with the arrow keys (Home/End too) and activates on focus;
 * only the selected tab is in the Tab order. The panel is labelled by its tab.
 */
export function Tabs({
  idBase,
  label,
  tabs,
  selected,
  onSelect,
  children,
}: {
  idBase: string;
  label: string;
  tabs: readonly TabItem[];
  selected: string;
  onSelect: (id: string) => void;
  children: ReactNode;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(0, tabs.findIndex((tab) => tab.id === selected));
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    let next: number | null = null;
    if (event.key === "ArrowRight") next = (index + 1) % tabs.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = tabs.length - 1;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.id);
    refs.current[next]?.focus();
  };
  const current = tabs[index];
  return (
    <div className="app-tabs">
      <div className="tab-list" role="tablist" aria-label={label}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${idBase}-tab-${tab.id}`}
            aria-controls={`${idBase}-panel-${tab.id}`}
            aria-selected={i === index}
            tabIndex={i === index ? 0 : -1}
            className={`tab${i === index ? " is-selected" : ""}`}
            onClick={() => onSelect(tab.id)}
            onKeyDown={onKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current ? (
        <div
          className="tab-panel"
          role="tabpanel"
          id={`${idBase}-panel-${current.id}`}
          aria-labelledby={`${idBase}-tab-${current.id}`}
          tabIndex={0}
        >
          {children}
        </div>
      ) : null}
    </div>
  );
}
