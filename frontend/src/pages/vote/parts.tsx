import { useI18n } from "../../i18n/I18nProvider";
import { deadlineFrom, formatDeadline } from "../../lib/seoul";
import { startsIn } from "./voteLogic";
import type { VoteStatus } from "./types";
import "./vote.css";

export function VoteStatusBadge({ status }: { status: VoteStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge vote-${status}`}>{t(`voteStatus.${status}`)}</span>;
}

/** D-day of a vote: until it opens when scheduled, until it closes when open, 마감됨 after. */
export function VoteDday({ status, opensAt, closesAt, now }: { status: VoteStatus; opensAt?: string; closesAt?: string; now: Date }) {
  const { t, language } = useI18n();
  if (status === "scheduled" && opensAt) {
    const start = startsIn(opensAt, now);
    if (!start) return null;
    return <span className="dday dday-starts">{start.kind === "today" ? t("vote.startsToday") : t("vote.startsIn", { days: start.days })}</span>;
  }
  if (status === "open" && closesAt) {
    const deadline = deadlineFrom(closesAt, now);
    return <span className={`dday dday-${deadline.kind}`}>{formatDeadline(deadline, language)}</span>;
  }
  if (status === "closed") return <span className="dday dday-closed">{formatDeadline({ kind: "closed" }, language)}</span>;
  return null;
}
