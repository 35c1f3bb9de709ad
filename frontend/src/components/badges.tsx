import type { CaseStatus, RoundStatus } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";

export function RoundStatusBadge({ status }: { status: RoundStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge round-${status}`}>{t(`roundStatus.${status}`)}</span>;
}

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge case-${status}`}>{t(`caseStatus.${status}`)}</span>;
}
