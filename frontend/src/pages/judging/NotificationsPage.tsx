import { useCallback, useState } from "react";
import { useNavigate } from "react-router";
import { useApi } from "../../app/context";
import { StatusMessage } from "../../components/forms";
import { LoadMore } from "../../components/LoadMore";
import { LoadError, Loading, PageHeader } from "../../components/Page";
import { useCursorList } from "../../components/useCursorList";
import { useI18n } from "../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../lib/seoul";
import { notifyNotificationsChanged } from "./NotificationBell";
import type { Notification } from "./types";

/** A notification's link when it is a path inside the app (never another site). */
export function appPath(link: string | undefined): string | null {
  if (!link || !link.startsWith("/") || link.startsWith("//")) return null;
  return link;
}

/** `/notifications`: the notifications, newest first, a page at a time; opening one marks it read. */
export function NotificationsPage() {
  const { t, language } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const fetchPage = useCallback((cursor?: string) => api.GET("/api/v1/me/notifications", { params: { query: { cursor } } }), [api]);
  const list = useCursorList(fetchPage, (d) => d.items);
  const [read, setRead] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const markRead = async (n: Notification): Promise<void> => {
    if (n.read || read.includes(n.id)) return;
    const { response } = await api.POST("/api/v1/me/notifications/{notificationId}/read", { params: { path: { notificationId: n.id } } });
    if (response.ok) {
      setRead((ids) => [...ids, n.id]);
      notifyNotificationsChanged();
    }
  };

  const open = async (n: Notification) => {
    try {
      await markRead(n);
    } catch {
      // Still follow the link.
    }
    const path = appPath(n.link);
    if (path) navigate(path);
  };

  const markAll = async (items: Notification[]) => {
    setBusy(true);
    setMessage(null);
    try {
      for (const n of items) if (!n.read && !read.includes(n.id)) await markRead(n);
      setMessage(t("notifications.allRead"));
    } catch {
      setMessage(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t("notifications.title")} lead={t("notifications.lead")} />
      {list.status === "loading" ? <Loading /> : null}
      {list.status === "error" ? <LoadError error={list.error} httpStatus={list.httpStatus} onRetry={list.reload} /> : null}
      {list.status === "ok" ? (
        list.items.length === 0 ? (
          <p className="empty">{t("notifications.empty")}</p>
        ) : (
          <>
            <p className="button-row">
              <span className="muted">
                {t("notifications.unreadCount", {
                  // The server counts every page; take away what was marked read here since.
                  count: Math.max(0, list.data.unread - list.items.filter((n) => !n.read && read.includes(n.id)).length),
                })}
              </span>
              <button type="button" className="krds-btn secondary small" disabled={busy} onClick={() => markAll(list.items)}>
                {t("notifications.markAll")}
              </button>
            </p>
            <StatusMessage>{message}</StatusMessage>
            <ul className="plain-list notification-list">
              {list.items.map((n) => {
                const unread = !n.read && !read.includes(n.id);
                const path = appPath(n.link);
                return (
                  <li key={n.id} className={`list-row notification${unread ? " is-unread" : ""}`}>
                    <div className="notification-main">
                      <p className="notification-title">
                        {unread ? <span className="status-badge notification-new">{t("notifications.new")}</span> : null} <strong>{n.title}</strong>
                      </p>
                      {n.body ? <p className="notification-body">{n.body}</p> : null}
                      <p className="muted small-note">
                        <time dateTime={n.createdAt}>{formatSeoulDateTime(n.createdAt, language)}</time>
                      </p>
                    </div>
                    <div className="row-actions">
                      {path ? (
                        <a
                          className="krds-btn secondary small"
                          href={path}
                          aria-label={t("notifications.openLabel", { title: n.title })}
                          onClick={(event) => {
                            event.preventDefault();
                            void open(n);
                          }}
                        >
                          {t("notifications.open")}
                        </a>
                      ) : null}
                      {unread ? (
                        <button type="button" className="krds-btn tertiary small" aria-label={t("notifications.markReadLabel", { title: n.title })}
                          onClick={() => void markRead(n).catch(() => setMessage(t("common.errorNetwork")))}>
                          {t("notifications.markRead")}
                        </button>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ul>
            <LoadMore list={list} />
          </>
        )
      ) : null}
    </>
  );
}
