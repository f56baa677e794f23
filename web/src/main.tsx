/**
 * Entry of the console and the public site: language and antd locale, the router, the session, and one lazy
 * chunk per page so that the first load (the workbench) stays small.
 */
import { StrictMode, Suspense, lazy, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { SessionProvider } from './session.tsx';
import { ConsoleLayout, PageLoading } from './layout/ConsoleLayout.tsx';
import { RequirePage } from './layout/RequirePage.tsx';
import { api } from './api/index.ts';
import './styles.css';

// The console's own API client on window (support in the browser console, and the e2e journeys' forced calls): the
// same functions the pages call, with the session's CSRF token; the server still decides everything.
(window as unknown as { phaseout: { api: typeof api } }).phaseout = { api };

const LoginPage = lazy(() => import('./pages/login/index.tsx'));
const WorkbenchPage = lazy(() => import('./pages/workbench/index.tsx'));
const EnterpriseListPage = lazy(() => import('./pages/enterprises/index.tsx'));
const EnterpriseDetailPage = lazy(() => import('./pages/enterprises/detail.tsx'));
const ImportPage = lazy(() => import('./pages/import/index.tsx'));
const LineListPage = lazy(() => import('./pages/lines/index.tsx'));
const CaseListPage = lazy(() => import('./pages/cases/index.tsx'));
const CaseDetailPage = lazy(() => import('./pages/cases/detail.tsx'));
const OverviewPage = lazy(() => import('./pages/overview/index.tsx'));
const AuditPage = lazy(() => import('./pages/audit/index.tsx'));
const UsersPage = lazy(() => import('./pages/users/index.tsx'));
const PublicPage = lazy(() => import('./pages/public/index.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found.tsx'));
const CalendarPage = lazy(() => import('./pages/calendar/index.tsx'));

function Providers({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function SessionRoot() {
  return (
    <SessionProvider>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </SessionProvider>
  );
}

function Root() {
  return (
    <BrowserRouter>
      <Routes>
        {/* the public site: no session, no call that needs a login */}
        <Route
          path="/public/*"
          element={
            <Suspense fallback={<PageLoading />}>
              <PublicPage />
            </Suspense>
          }
        />
        <Route element={<SessionRoot />}>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<ConsoleLayout />}>
            <Route index element={<Navigate to="/workbench" replace />} />
            <Route path="/workbench" element={<RequirePage page="workbench"><WorkbenchPage /></RequirePage>} />
            <Route path="/enterprises" element={<RequirePage page="enterprises"><EnterpriseListPage /></RequirePage>} />
            <Route path="/enterprises/:id" element={<RequirePage page="enterprises"><EnterpriseDetailPage /></RequirePage>} />
            <Route path="/import" element={<RequirePage page="import"><ImportPage /></RequirePage>} />
            <Route path="/lines" element={<RequirePage page="lines"><LineListPage /></RequirePage>} />
            <Route path="/cases" element={<RequirePage page="cases"><CaseListPage /></RequirePage>} />
            <Route path="/cases/:id" element={<RequirePage page="cases"><CaseDetailPage /></RequirePage>} />
            <Route path="/overview" element={<RequirePage page="overview"><OverviewPage /></RequirePage>} />
            <Route path="/audit" element={<RequirePage page="audit"><AuditPage /></RequirePage>} />
            <Route path="/users" element={<RequirePage page="users"><UsersPage /></RequirePage>} />
            <Route path="/calendar" element={<RequirePage page="calendar"><CalendarPage /></RequirePage>} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Providers>
        <Root />
      </Providers>
    </I18nProvider>
  </StrictMode>,
);
