import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import type { Role } from "../api/types";
import { useSession } from "../app/context";
import { useI18n } from "../i18n/I18nProvider";
import { canSee, rolesOf } from "../nav";
import { Loading, Notice, PageHeader } from "./Page";

/** Renders children for a signed-in user; sends visitors to /login?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === "loading") return <Loading />;
  if (session.status === "anonymous") {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return children;
}

/** Like RequireAuth, and the user must hold one of the roles. */
export function RequireRoles({
  roles,
  children,
}: {
  roles: readonly Role[] | "everyone" | "signedIn";
  children: ReactNode;
}) {
  const session = useSession();
  return (
    <RequireAuth>
      {session.status === "authenticated" && !canSee({ roles }, rolesOf(session.user), true) ? (
        <Forbidden />
      ) : (
        children
      )}
    </RequireAuth>
  );
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("forbidden.title")} />
      <Notice tone="danger">
        <p>{t("forbidden.body")}</p>
      </Notice>
    </>
  );
}
