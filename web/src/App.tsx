import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { Permission } from '../../common/permissions.ts';
import { useSession, useWorkspaceState, WorkspaceProvider } from './api/session.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { FullPageLoader } from './components/FullPageLoader.tsx';
import { NoAccess } from './components/NoAccess.tsx';
import { currentLanguage } from './i18n/index.ts';
import { AREA_PAGES } from './areas.tsx';
import { ADMIN, AREAS, type AdminKey } from './nav.ts';
import { AreaPage } from './pages/AreaPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage.tsx';
import { InvitationPage } from './pages/auth/InvitationPage.tsx';
import { LoginPage } from './pages/auth/LoginPage.tsx';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage.tsx';
import { SetupPage } from './pages/auth/SetupPage.tsx';
import { TotpPage } from './pages/auth/TotpPage.tsx';
import { DevMailboxPage } from './pages/DevMailboxPage.tsx';
import { AckPage } from './pages/crisis/AckPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { ExpertAnswerPage } from './pages/inbox/ExpertAnswerPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PublicNetiquettePage } from './pages/public/PublicNetiquettePage.tsx';
import { ProfilePage } from './pages/profile/ProfilePage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { TeamPage } from './pages/team/TeamPage.tsx';

/** Signed-in area: sends visitors to the login (remembering where they wanted to go) and applies the profile language. */
function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const { i18n } = useTranslation();
  const me = session.data?.state === 'ready' ? session.data.me : null;
  useEffect(() => {
    if (me && me.user.locale !== currentLanguage()) void i18n.changeLanguage(me.user.locale);
  }, [me?.user.id, me?.user.locale]); // eslint-disable-line react-hooks/exhaustive-deps
  if (session.isPending) return <FullPageLoader />;
  if (session.data?.state === 'totp') return <Navigate to="/login/2fa" replace />;
  if (!me) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <WorkspaceProvider me={me}>
      <AppLayout />
    </WorkspaceProvider>
  );
}

/** A page that needs a workspace and one of some permissions; otherwise an explanation instead of an error. */
function Guard({ anyOf, children }: { anyOf?: Permission[]; children: ReactNode }) {
  const { workspace } = useWorkspaceState();
  if (!workspace) return <NoAccess reason="noWorkspace" />;
  if (anyOf && !anyOf.some((p) => workspace.permissions.includes(p))) return <NoAccess reason="forbidden" />;
  return <>{children}</>;
}

const ADMIN_PAGES: Record<AdminKey, ReactNode> = { team: <TeamPage />, audit: <AuditPage />, settings: <SettingsPage /> };

export function App() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/login/2fa" element={<TotpPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/invitation" element={<InvitationPage />} />
      <Route path="/dev/mailbox" element={<DevMailboxPage />} />
      <Route path="/netiquette/:slug" element={<PublicNetiquettePage />} />
      <Route path="/expert/:token" element={<ExpertAnswerPage />} />
      <Route path="/ack/crisis/:token" element={<AckPage />} />
      <Route element={<RequireSession />}>
        <Route index element={<Guard><HomePage /></Guard>} />
        {AREAS.map((a) => (
          <Route key={a.key} path={`${a.path}/*`} element={<Guard anyOf={a.anyOf}>{AREA_PAGES[a.key] ?? <AreaPage area={a.key} />}</Guard>} />
        ))}
        {ADMIN.map((a) => (
          <Route key={a.key} path={a.path} element={<Guard anyOf={a.anyOf}>{ADMIN_PAGES[a.key]}</Guard>} />
        ))}
        <Route path="/profile" element={<ProfilePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
