import { useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { useApi, useSession } from "../../app/context";
import { useI18n } from "../../i18n/I18nProvider";
import "./judging.css";

/** Fired after notifications are marked read, so the bell re-counts at once. */
export const NOTIFICATIONS_CHANGED = "eutteum:notifications-changed";

export function notifyNotificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

/** The badge text for an unread count: none at 0, "99+" above 99. */
export function badgeText(unread: number): string | null {
  if (!Number.isFinite(unread) || unread <= 0) return null;
  return unread > 99 ? "99+" : String(Math.floor(unread));
}

/** How often the bell asks for new notifications while the page stays open. */
const POLL_MS = 60_000;

/** The header's bell: a link to 알림 with the unread count; re-counted on navigation and every minute. */
export function NotificationBell() {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  const signedIn = session.status === "authenticated";

  const refresh = useCallback(async () => {
    try {
      // The unread count covers every page: one item is enough.
      const { data } = await api.GET("/api/v1/me/notifications", { params: { query: { limit: 1 } } });
      if (data) setUnread(data.unread);
    } catch {
      // Offline: keep the last count.
    }
  }, [api]);

  useEffect(() => {
    if (!signedIn) return;
    void refresh();
  }, [signedIn, refresh, location.pathname]);

  useEffect(() => {
    if (!signedIn) return;
    const id = setInterval(() => void refresh(), POLL_MS);
    const onChange = () => void refresh();
    window.addEventListener(NOTIFICATIONS_CHANGED, onChange);
    return () => {
      clearInterval(id);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChange);
    };
  }, [signedIn, refresh]);

  if (!signedIn) return null;
  const badge = badgeText(unread);
  const label = badge ? t("notifications.bellUnread", { count: badge }) : t("notifications.bell");
  return (
    <Link to="/notifications" className="krds-btn text small bell-link" aria-label={label} title={label}>
      <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {badge ? (
        <span className="bell-count" aria-hidden="true">
          {badge}
        </span>
      ) : null}
    </Link>
  );
}
