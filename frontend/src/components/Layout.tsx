import { useEffect, useRef, useState, type RefObject } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { usePublicSettings, useSession, useSessionManager } from "../app/context";
import { useI18n } from "../i18n/I18nProvider";
import { navItemsFor, rolesOf } from "../nav";
import { NotificationBell } from "../pages/judging/NotificationBell";

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const other = language === "ko" ? "en" : "ko";
  return (
    <button
      type="button"
      className="krds-btn text small lang-switch"
      lang={other}
      aria-label={t("lang.switchLabel")}
      onClick={() => setLanguage(other)}
    >
      <span className="lang-globe" aria-hidden="true" />
      {t("lang.switch")}
    </button>
  );
}

function UserTools() {
  const session = useSession();
  const manager = useSessionManager();
  const settings = usePublicSettings();
  const navigate = useNavigate();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  if (session.status === "loading") return null;
  if (session.status === "anonymous") {
    return (
      <>
        {settings?.openSignup ? (
          <Link className="krds-btn text small" to="/signup">
            {t("header.signup")}
          </Link>
        ) : null}
        <Link className="krds-btn primary small" to="/login">
          {t("header.login")}
        </Link>
      </>
    );
  }
  const logout = async () => {
    setBusy(true);
    await manager.logout();
    setBusy(false);
    navigate("/", { replace: true });
  };
  return (
    <>
      <NotificationBell />
      <NavLink className="krds-btn text small user-link" to="/me">
        <span className="sr-only">{t("nav.me")}: </span>
        {session.user.displayName}
      </NavLink>
      <button type="button" className="krds-btn tertiary small" onClick={logout} disabled={busy}>
        {busy ? t("header.loggingOut") : t("header.logout")}
      </button>
    </>
  );
}

/** Moves focus to the new page's heading after client-side navigation (not on first load). */
function useRouteFocus(mainRef: RefObject<HTMLElement | null>) {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    const heading = main.querySelector<HTMLElement>("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    } else {
      main.focus();
    }
  }, [location.pathname, mainRef]);
}

export function Layout() {
  const { t } = useI18n();
  const session = useSession();
  const roles = session.status === "authenticated" ? rolesOf(session.user) : [];
  const items = navItemsFor(roles, session.status === "authenticated");
  const mainRef = useRef<HTMLElement | null>(null);
  useRouteFocus(mainRef);

  return (
    <div className="app">
      <div id="krds-skip-link">
        <a href="#main">{t("a11y.skipToContent")}</a>
      </div>
      <header className="site-header">
        <div className="site-header-in">
          <Link to="/" className="brand" aria-label={t("a11y.home")}>
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">{t("app.name")}</span>
          </Link>
          <nav className="site-nav" aria-label={t("a11y.mainNav")}>
            <ul>
              {items.map((item) => (
                <li key={item.id}>
                  <NavLink to={item.path}>{t(item.label)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-tools" role="group" aria-label={t("a11y.userMenu")}>
            <LanguageSwitch />
            <UserTools />
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <div className="page">
          <Outlet />
        </div>
      </main>
      <footer className="site-footer">
        <div className="site-footer-in">
          <p className="footer-brand">{t("app.fullName")}</p>
          <p>{t("footer.about")}</p>
          <ul className="footer-links">
            <li>
              <a href="/docs">{t("footer.apiDocs")}</a>
            </li>
            <li>{t("footer.license")}</li>
          </ul>
        </div>
      </footer>
    </div>
  );
}
