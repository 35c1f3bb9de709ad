import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { useApi } from "../../app/context";
import { SelectField } from "../../components/forms";
import { LoadMore } from "../../components/LoadMore";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { fetchAllPages, useCursorList } from "../../components/useCursorList";
import { useI18n } from "../../i18n/I18nProvider";
import { AuditTable } from "./AuditTable";
import { ACTION_GROUPS, actionLabel, isAuditAction } from "./labels";
import { pairsOf, useNames } from "./useNames";

/** Events per request (the API's largest page). */
export const AUDIT_PAGE_SIZE = 50;
/** The API's limit on the action filter. */
const ACTION_MAX = 50;

/** `/admin/audit`: the security audit log, newest first, filtered by action, with "더 보기". */
export function AdminAuditPage() {
  const { t } = useI18n();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const action = (params.get("action") ?? "").trim().slice(0, ACTION_MAX);
  const [announcement, setAnnouncement] = useState("");
  const [focusIndex, setFocusIndex] = useState<number | undefined>(undefined);
  const focusRef = useRef<HTMLTableCellElement | null>(null);

  const loadNames = useCallback(
    async () => [
      ...(await fetchAllPages(
        (cursor) => api.GET("/api/v1/users", { params: { query: { cursor, limit: 50 } } }),
        (d) => d.items.map((u) => [u.id, u.displayName] as const),
      ).catch(() => [])),
      ...(await pairsOf(api.GET("/api/v1/agencies"), (d) => d.items.map((a) => [a.id, a.name] as const))),
    ],
    [api],
  );
  const names = useNames(loadNames);

  const fetchPage = useCallback(
    (cursor?: string) =>
      api.GET("/api/v1/admin/audit", { params: { query: { limit: AUDIT_PAGE_SIZE, ...(action ? { action } : {}), ...(cursor ? { cursor } : {}) } } }),
    // `t` too: a language switch loads again, so the server's messages follow it.
    [api, action, t],
  );
  const list = useCursorList(fetchPage, (d) => d.items);

  useEffect(() => {
    setFocusIndex(undefined);
  }, [fetchPage]);
  useEffect(() => {
    // When a first page (not a page more) has arrived.
    if (!list.busy && list.status === "ok") setAnnouncement(t("audit.loaded", { count: list.items.length }));
  }, [list.busy]);
  useEffect(() => {
    if (focusIndex !== undefined) focusRef.current?.focus();
  }, [focusIndex]);

  const apply = (next: string) => setParams(next ? { action: next } : {});

  return (
    <>
      <PageHeader title={t("audit.admin.title")} lead={t("audit.admin.lead")} />
      <ActionFilter action={action} onApply={apply} />

      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>

      <section aria-labelledby="audit-list-title" aria-busy={list.status === "loading" || list.more.busy}>
        <div className="audit-list-head">
          <h2 id="audit-list-title" className="section-title">
            {t("audit.listTitle")}
          </h2>
          {list.status === "ok" && list.items.length > 0 ? (
            <p className="muted">
              {action
                ? t("audit.shownFiltered", { action: actionLabel(action, t), count: list.items.length })
                : t("audit.shown", { count: list.items.length })}
            </p>
          ) : null}
        </div>
        {list.status === "loading" ? <Loading /> : null}
        {list.status === "error" ? <LoadError error={list.error} httpStatus={list.httpStatus} onRetry={list.reload} /> : null}
        {list.status === "ok" && list.items.length === 0 ? (
          <div className="empty">
            <p>{action ? t("audit.emptyFiltered", { action: actionLabel(action, t) }) : t("audit.empty")}</p>
            {action ? (
              <p className="top-gap">
                <button type="button" className="krds-btn secondary small" onClick={() => apply("")}>
                  {t("audit.filter.clear")}
                </button>
              </p>
            ) : null}
          </div>
        ) : null}
        {list.status === "ok" && list.items.length > 0 ? (
          <>
            <AuditTable items={list.items} names={names} showAddress focusIndex={focusIndex} focusRef={focusRef} />
            <LoadMore list={list} className="audit-more" onLoaded={setFocusIndex} />
          </>
        ) : null}
      </section>
    </>
  );
}

function ActionFilter({ action, onApply }: { action: string; onApply: (action: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(action);
  // Back/forward change the address: show its filter.
  useEffect(() => setValue(action), [action]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(value);
  };
  return (
    <section className="panel audit-filter" aria-labelledby="audit-filter-title">
      <h2 id="audit-filter-title" className="section-title">
        {t("audit.filter.title")}
      </h2>
      <form className="audit-filter-form" onSubmit={submit} aria-labelledby="audit-filter-title">
        <SelectField id="audit-action" label={t("audit.filter.action")} value={value} onValue={setValue}>
          <option value="">{t("audit.filter.all")}</option>
          {ACTION_GROUPS.map((group) => (
            <optgroup key={group.label} label={t(group.label)}>
              {group.actions.map((code) => (
                <option key={code} value={code}>
                  {actionLabel(code, t)}
                </option>
              ))}
            </optgroup>
          ))}
          {action && !isAuditAction(action) ? (
            <optgroup label={t("audit.filter.other")}>
              <option value={action}>{action}</option>
            </optgroup>
          ) : null}
        </SelectField>
        <div className="button-row">
          <button type="submit" className="krds-btn primary large">
            {t("audit.filter.submit")}
          </button>
          {action ? (
            <button type="button" className="krds-btn tertiary large" onClick={() => onApply("")}>
              {t("audit.filter.clear")}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
