import { useState } from "react";
import { isProblem } from "../api/problem";
import { useI18n } from "../i18n/I18nProvider";
import { LoadError } from "./Page";
import type { CursorList, CursorPage } from "./useCursorList";

/**
 * The "더 보기" button under a cursor list, with what a screen reader hears after each
 * page, and the failure of the last attempt. A cursor the server no longer accepts offers
 * to load the list again from the start.
 */
export function LoadMore({
  list,
  onLoaded,
  className = "list-more",
}: {
  list: CursorList<CursorPage, unknown>;
  /** Called with the index of the first new item, e.g. to move focus to it. */
  onLoaded?: (firstNew: number) => void;
  className?: string;
}) {
  const { t } = useI18n();
  const [announcement, setAnnouncement] = useState("");
  if (list.status !== "ok") return null;
  const shown = list.items.length;
  const load = async () => {
    const added = await list.loadMore();
    if (added > 0) {
      setAnnouncement(t("list.moreLoaded", { count: added, shown: shown + added }));
      onLoaded?.(shown);
    }
  };
  const failure = list.more.failure;
  const stale = failure !== null && isProblem(failure.error) && failure.error.code === "invalid_cursor";
  return (
    <div className={className}>
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {failure ? (
        <div role="alert">
          <LoadError error={failure.error} httpStatus={failure.httpStatus} onRetry={stale ? list.reload : load} />
        </div>
      ) : null}
      {list.hasMore && !stale ? (
        <button type="button" className="krds-btn secondary medium" onClick={load} disabled={list.more.busy} aria-disabled={list.more.busy}>
          {list.more.busy ? t("list.loadingMore") : t("list.more")}
        </button>
      ) : null}
    </div>
  );
}
