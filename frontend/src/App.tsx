import { useEffect, type ReactNode } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { ServicesProvider } from "./app/context";
import type { Services } from "./app/services";
import { RequireAuth, RequireRoles } from "./components/guards";
import { Layout } from "./components/Layout";
import { ComingSoon } from "./components/Page";
import { I18nProvider, useI18n } from "./i18n/I18nProvider";
import { navItem, type NavId } from "./nav";
import { AdminInvitationsPage } from "./pages/AdminInvitationsPage";
import { AdminUsersPage } from "./pages/AdminUsersPage";
import { HomePage } from "./pages/HomePage";
import { InvitePage } from "./pages/InvitePage";
import { LoginPage } from "./pages/LoginPage";
import { MePage } from "./pages/MePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { SignupPage } from "./pages/SignupPage";

/** A header destination that is not built yet: guarded like the real page, shows 준비 중. */
function Placeholder({ id }: { id: NavId }) {
  const { t } = useI18n();
  const item = navItem(id);
  const page = <ComingSoon title={t(item.label)} />;
  return item.roles === "everyone" ? page : <RequireRoles roles={item.roles}>{page}</RequireRoles>;
}

function Guarded({ id, children }: { id: NavId; children: ReactNode }) {
  return <RequireRoles roles={navItem(id).roles}>{children}</RequireRoles>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="invite/:token" element={<InvitePage />} />
        <Route path="archive" element={<Placeholder id="archive" />} />
        <Route path="me" element={<RequireAuth><MePage /></RequireAuth>} />
        <Route path="teams/mine" element={<Placeholder id="myTeam" />} />
        <Route path="cases/mine" element={<Placeholder id="myCases" />} />
        <Route path="judging" element={<Placeholder id="judging" />} />
        <Route path="rounds/manage" element={<Placeholder id="rounds" />} />
        <Route path="admin/invitations" element={<Guarded id="invitations"><AdminInvitationsPage /></Guarded>} />
        <Route path="admin/users" element={<Guarded id="users"><AdminUsersPage /></Guarded>} />
        <Route path="admin/agencies" element={<Placeholder id="agencies" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Restores the session from the refresh cookie once, when the app starts. */
function SessionBoot({ services }: { services: Services }) {
  useEffect(() => {
    void services.session.restore();
  }, [services]);
  return null;
}

export function App({ services }: { services: Services }) {
  return (
    <ServicesProvider services={services}>
      <I18nProvider store={services.language}>
        <SessionBoot services={services} />
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </I18nProvider>
    </ServicesProvider>
  );
}
