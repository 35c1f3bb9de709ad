import { useEffect, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
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
import { CaseEditorPage } from "./pages/case/CaseEditorPage";
import { CaseHistoryPage } from "./pages/case/CaseHistoryPage";
import { MePage } from "./pages/MePage";
import { MyCasesPage } from "./pages/MyCasesPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { OrganizerRoundsPage } from "./pages/organizer/OrganizerRoundsPage";
import { RoundFormPage } from "./pages/organizer/RoundFormPage";
import { RoundOverviewPage } from "./pages/organizer/RoundOverviewPage";
import { RoundPage } from "./pages/RoundPage";
import { RoundsPage } from "./pages/RoundsPage";
import { SignupPage } from "./pages/SignupPage";
import { TeamPage } from "./pages/TeamPage";
import { TeamsPage } from "./pages/TeamsPage";

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

/** Organizer pages; admins manage every round too (the API decides per round with canManage). */
function Organizer({ children }: { children: ReactNode }) {
  return <RequireRoles roles={["organizer", "admin"]}>{children}</RequireRoles>;
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
        <Route path="teams" element={<Guarded id="myTeam"><TeamsPage /></Guarded>} />
        {/* Organizers of the team's agency may look in too: the API decides. */}
        <Route path="teams/:teamId" element={<RequireAuth><TeamPage /></RequireAuth>} />
        <Route path="cases" element={<Guarded id="myCases"><MyCasesPage /></Guarded>} />
        <Route path="cases/:caseId" element={<RequireAuth><CaseEditorPage /></RequireAuth>} />
        <Route path="cases/:caseId/edit" element={<RequireAuth><CaseEditorPage /></RequireAuth>} />
        <Route path="cases/:caseId/history" element={<RequireAuth><CaseHistoryPage /></RequireAuth>} />
        <Route path="rounds" element={<Guarded id="contests"><RoundsPage /></Guarded>} />
        <Route path="rounds/:roundId" element={<RequireAuth><RoundPage /></RequireAuth>} />
        <Route path="organizer/rounds" element={<Organizer><OrganizerRoundsPage /></Organizer>} />
        <Route path="organizer/rounds/new" element={<Organizer><RoundFormPage /></Organizer>} />
        <Route path="organizer/rounds/:roundId" element={<Organizer><RoundOverviewPage /></Organizer>} />
        <Route path="organizer/rounds/:roundId/edit" element={<Organizer><RoundFormPage /></Organizer>} />
        <Route path="judging" element={<Placeholder id="judging" />} />
        {/* Earlier addresses of the placeholders. */}
        <Route path="teams/mine" element={<Navigate to="/teams" replace />} />
        <Route path="cases/mine" element={<Navigate to="/cases" replace />} />
        <Route path="rounds/manage" element={<Navigate to="/organizer/rounds" replace />} />
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
