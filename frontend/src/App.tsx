import { useEffect, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { ServicesProvider } from "./app/context";
import type { Services } from "./app/services";
import { RequireAuth, RequireRoles } from "./components/guards";
import { Layout } from "./components/Layout";
import { ComingSoon } from "./components/Page";
import { I18nProvider, useI18n } from "./i18n/I18nProvider";
import { ARCHIVE_IMPORT, navItem, type NavId } from "./nav";
import { AdminInvitationsPage } from "./pages/AdminInvitationsPage";
import { AdminUsersPage } from "./pages/AdminUsersPage";
import { AgencySpreadPage } from "./pages/archive/AgencySpreadPage";
import { ArchiveCasePage } from "./pages/archive/ArchiveCasePage";
import { ArchiveImportPage } from "./pages/archive/ArchiveImportPage";
import { ArchiveSearchPage } from "./pages/archive/ArchiveSearchPage";
import { AdminAuditPage } from "./pages/audit/AdminAuditPage";
import { RoundAuditPage } from "./pages/audit/RoundAuditPage";
import { HomePage } from "./pages/HomePage";
import { InvitePage } from "./pages/InvitePage";
import { LoginPage } from "./pages/LoginPage";
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
import { CaseWithResult } from "./pages/judging/CaseResult";
import { JudgeDashboardPage } from "./pages/judging/JudgeDashboardPage";
import { NotificationsPage } from "./pages/judging/NotificationsPage";
import { PublicResultsPage } from "./pages/judging/PublicResultsPage";
import { ScoringPage } from "./pages/judging/ScoringPage";
import { RoundJudgingPage } from "./pages/organizer/judging/RoundJudgingPage";
import { RoundResultsPage } from "./pages/organizer/judging/RoundResultsPage";
import { StagePage } from "./pages/organizer/judging/StagePage";
import { VotePage } from "./pages/vote/VotePage";
import { VotesPage } from "./pages/vote/VotesPage";
import { VoteThanksPage } from "./pages/vote/VoteThanksPage";

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
        <Route path="archive" element={<ArchiveSearchPage />} />
        <Route path="archive/:entryId" element={<ArchiveCasePage />} />
        <Route path="archive/agencies/:agencyId" element={<AgencySpreadPage />} />
        <Route path="me" element={<RequireAuth><MePage /></RequireAuth>} />
        <Route path="teams" element={<Guarded id="myTeam"><TeamsPage /></Guarded>} />
        {/* Organizers of the team's agency may look in too: the API decides. */}
        <Route path="teams/:teamId" element={<RequireAuth><TeamPage /></RequireAuth>} />
        <Route path="cases" element={<Guarded id="myCases"><MyCasesPage /></Guarded>} />
        {/* The case, plus its judging result and 이의신청 once results are published. */}
        <Route path="cases/:caseId" element={<RequireAuth><CaseWithResult /></RequireAuth>} />
        <Route path="cases/:caseId/edit" element={<RequireAuth><CaseWithResult /></RequireAuth>} />
        <Route path="cases/:caseId/history" element={<RequireAuth><CaseHistoryPage /></RequireAuth>} />
        <Route path="rounds" element={<Guarded id="contests"><RoundsPage /></Guarded>} />
        <Route path="rounds/:roundId" element={<RequireAuth><RoundPage /></RequireAuth>} />
        <Route path="organizer/rounds" element={<Organizer><OrganizerRoundsPage /></Organizer>} />
        <Route path="organizer/rounds/new" element={<Organizer><RoundFormPage /></Organizer>} />
        <Route path="organizer/rounds/:roundId" element={<Organizer><RoundOverviewPage /></Organizer>} />
        <Route path="organizer/rounds/:roundId/edit" element={<Organizer><RoundFormPage /></Organizer>} />
        <Route path="organizer/archive/import" element={<RequireRoles roles={ARCHIVE_IMPORT.roles}><ArchiveImportPage /></RequireRoles>} />
        <Route path="judging" element={<Guarded id="judging"><JudgeDashboardPage /></Guarded>} />
        <Route path="judging/stages/:stageId/cases/:caseId" element={<Guarded id="judging"><ScoringPage /></Guarded>} />
        <Route path="organizer/rounds/:roundId/judging" element={<Organizer><RoundJudgingPage /></Organizer>} />
        <Route path="organizer/rounds/:roundId/results" element={<Organizer><RoundResultsPage /></Organizer>} />
        <Route path="organizer/rounds/:roundId/audit" element={<Organizer><RoundAuditPage /></Organizer>} />
        <Route path="organizer/stages/:stageId" element={<Organizer><StagePage /></Organizer>} />
        <Route path="results/:roundId" element={<PublicResultsPage />} />
        {/* The public vote: anyone, signed in or not. */}
        <Route path="votes" element={<VotesPage />} />
        <Route path="votes/:stageId" element={<VotePage />} />
        <Route path="votes/:stageId/thanks" element={<VoteThanksPage />} />
        <Route path="notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
        {/* Earlier addresses of the placeholders. */}
        <Route path="teams/mine" element={<Navigate to="/teams" replace />} />
        <Route path="cases/mine" element={<Navigate to="/cases" replace />} />
        <Route path="rounds/manage" element={<Navigate to="/organizer/rounds" replace />} />
        <Route path="admin/invitations" element={<Guarded id="invitations"><AdminInvitationsPage /></Guarded>} />
        <Route path="admin/users" element={<Guarded id="users"><AdminUsersPage /></Guarded>} />
        <Route path="admin/audit" element={<Guarded id="audit"><AdminAuditPage /></Guarded>} />
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
