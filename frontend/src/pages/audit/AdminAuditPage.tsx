import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import type { AuditEvent } from "../../api/types";
import { useApi } from "../../app/context";
import { SelectField } from "../../components/forms";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { useI18n } from "../../i18n/I18nProvider";
import { AuditTable } from "./AuditTable";
import { ACTION_GROUPS, actionLabel, isAuditAction } from "./labels";
import { pairsOf, useNames } from "./useNames";

/** Events per request; a full page means there may be older ones behind it. */
export const AUDIT_PAGE_SIZE = 50;
/** The API's limit on the action filter. */
const ACTION_MAX = 50;

type ListState =
  | { status: "loading" }
  | { status: "ok"; items: AuditEvent[]; hasMore: boolean }
  | { status: "error"; error: unknown; httpStatus: number | null };

type Failure = { error: unknown; httpStatus: number | null };

function queryOf(action: string, before?: number) {
  return {
    limit: AUDIT_PAGE_SIZE,
    ...(action ? { action } : {}),
    ...(before !== undefined ? { before } : {}),
  };
}

/** `/admin/audit`: the security audit log, newest first, filtered by action, with "더 보기". */
export function AdminAuditPage() {
  const { t } = useI18n();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const action = (params.get("action") ?? "").trim().slice(0, ACTION_MAX);

  const [state, setState] = useState<ListState>({ status: "loading" });
  const [more, setMore] = useState<{ busy: boolean; failure: Failure | null }>({ busy: false, failure: null });
  const [announcement, setAnnouncement] = useState("");
  const [focusIndex, setFocusIndex] = useState<number | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const focusRef = useRef<HTMLTableCellElement | null>(null);
  // Answers to an earlier filter (or attempt) arrive late sometimes; only the latest counts.
  const seq = useRef(0);

  const loadNames = useCallback(
    async () => [
      ...(await pairsOf(api.GET("/api/v1/users"), (d) => d.items.map((u) => [u.id, u.displayName] as const))),
      ...(await pairsOf(api.GET("/api/v1/agencies"), (d) => d.items.map((a) => [a.id, a.name] as const))),
    ],
    [api],
  );
  const names = useNames(loadNames);

  const fetchPage = useCallback(
    (before?: number) => api.GET("/api/v1/admin/audit", { params: { query: queryOf(action, before) } }),
    [api, action],
  );

  useEffect(() => {
    const id = ++seq.current;
    setState({ status: "loading" });
    setMore({ busy: false, failure: null });
    setFocusIndex(undefined);
    fetchPage().then(
      ({ data, error, response }) => {
        if (id !== seq.current) return;
        if (data) {
          setState({ status: "ok", items: data.items, hasMore: data.items.length === AUDIT_PAGE_SIZE });
          setAnnouncement(t("audit.loaded", { count: data.items.length }));
        } else {
          setState({ status: "error", error, httpStatus: response.status });
        }
      },
      (error: unknown) => {
        if (id === seq.current) setState({ status: "error", error, httpStatus: null });
      },
    );
    // A language switch loads again, so the server's messages follow it.
  }, [fetchPage, attempt, t]);

  useEffect(() => {
    if (focusIndex !== undefined) focusRef.current?.focus();
  }, [focusIndex]);

  const loadMore = async () => {
    if (state.status !== "ok" || !state.hasMore || more.busy) return;
    const shown = state.items;
    const last = shown.at(-1);
    if (!last) return;
    const id = seq.current;
    setMore({ busy: true, failure: null });
    try {
      const { data, error, response } = await fetchPage(last.id);
      if (id !== seq.current) return;
      if (data) {
        const items = [...shown, ...data.items];
        setState({ status: "ok", items, hasMore: data.items.length === AUDIT_PAGE_SIZE });
        setMore({ busy: false, failure: null });
        if (data.items.length > 0) {
          setAnnouncement(t("audit.moreLoaded", { count: data.items.length, shown: items.length }));
          setFocusIndex(shown.length);
        } else {
          setAnnouncement(t("audit.noMore"));
        }
      } else {
        setMore({ busy: false, failure: { error, httpStatus: response.status } });
      }
    } catch (error) {
      if (id === seq.current) setMore({ busy: false, failure: { error, httpStatus: null } });
    }
  };

  const apply = (next: string) => setParams(next ? { action: next } : {});

  return (
    <>
      <PageHeader title={t("audit.admin.title")} lead={t("audit.admin.lead")} />
      <ActionFilter action={action} onApply={apply} />

      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>

      <section aria-labelledby="audit-list-title" aria-busy={state.status === "loading" || more.busy}>
        <div className="audit-list-head">
          <h2 id="audit-list-title" className="section-title">
            {t("audit.listTitle")}
          </h2>
          {state.status === "ok" && state.items.length > 0 ? (
            <p className="muted">
              {action
                ? t("audit.shownFiltered", { action: actionLabel(action, t), count: state.items.length })
                : t("audit.shown", { count: state.items.length })}
            </p>
          ) : null}
        </div>
        {state.status === "loading" ? <Loading /> : null}
        {state.status === "error" ? (
          <LoadError error={state.error} httpStatus={state.httpStatus} onRetry={() => setAttempt((n) => n + 1)} />
        ) : null}
        {state.status === "ok" && state.items.length === 0 ? (
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
        {state.status === "ok" && state.items.length > 0 ? (
          <>
            <AuditTable items={state.items} names={names} showAddress focusIndex={focusIndex} focusRef={focusRef} />
            <div className="audit-more">
              {more.failure ? (
                <div role="alert">
                  <LoadError error={more.failure.error} httpStatus={more.failure.httpStatus} onRetry={loadMore} />
                </div>
              ) : null}
              {state.hasMore ? (
                <button type="button" className="krds-btn secondary medium" onClick={loadMore} disabled={more.busy}>
                  {more.busy ? t("audit.loadingMore") : t("audit.more")}
                </button>
              ) : null}
            </div>
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
