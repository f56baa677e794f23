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
import { startFirstLoad } from './shared/first-load.ts';
import { loadReference } from './shared/reference.ts';
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
const JobsPage = lazy(() => import('./pages/jobs/index.tsx'));
const UsersPage = lazy(() => import('./pages/users/index.tsx'));
const PublicationsPage = lazy(() => import('./pages/publications/index.tsx'));
const TipsPage = lazy(() => import('./pages/tips/index.tsx'));
const YearendPage = lazy(() => import('./pages/yearend/index.tsx'));
const CertificatePage = lazy(() => import('./pages/yearend/certificate.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found.tsx'));
const ProblemsPage = lazy(() => import('./pages/programme/problems.tsx'));
const PlanListPage = lazy(() => import('./pages/programme/plans.tsx'));
const PlanDetailPage = lazy(() => import('./pages/programme/plans.tsx').then((m) => ({ default: m.PlanDetailPage })));
const SupervisionPage = lazy(() => import('./pages/programme/supervision.tsx'));
const CreditListPage = lazy(() => import('./pages/credit/index.tsx'));
const ApprovalsPage = lazy(() => import('./pages/approvals/index.tsx'));
const ResettlementPage = lazy(() => import('./pages/resettlement/index.tsx'));
const PowerPricesPage = lazy(() => import('./pages/power-prices/index.tsx'));
const LandPage = lazy(() => import('./pages/land/index.tsx'));
const CalendarPage = lazy(() => import('./pages/calendar/index.tsx'));

// First load in one round trip (shared/first-load.ts): the session check, the reference data, the page's data and
// the page's code are all asked for now, before the first render, not one after another.
const PAGE_CODE: Array<[RegExp, () => Promise<unknown>]> = [
  [/^\/(workbench)?$/, () => import('./pages/workbench/index.tsx')],
  [/^\/enterprises$/, () => import('./pages/enterprises/index.tsx')],
  [/^\/enterprises\/\d+$/, () => import('./pages/enterprises/detail.tsx')],
  [/^\/cases$/, () => import('./pages/cases/index.tsx')],
  [/^\/cases\/\d+$/, () => import('./pages/cases/detail.tsx')],
  [/^\/lines$/, () => import('./pages/lines/index.tsx')],
];
if (startFirstLoad(window.location)) {
  loadReference().catch(() => undefined);
  PAGE_CODE.find(([re]) => re.test(window.location.pathname))?.[1]().catch(() => undefined);
}

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
        {/* the public site (/public) is server-rendered by server/public-site, outside this bundle */}
        <Route element={<SessionRoot />}>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<ConsoleLayout />}>
            <Route index element={<Navigate to="/workbench" replace />} />
            <Route
              path="/workbench"
              element={
                <RequirePage page="workbench">
                  <WorkbenchPage />
                </RequirePage>
              }
            />
            <Route
              path="/enterprises"
              element={
                <RequirePage page="enterprises">
                  <EnterpriseListPage />
                </RequirePage>
              }
            />
            <Route
              path="/enterprises/:id"
              element={
                <RequirePage page="enterprises">
                  <EnterpriseDetailPage />
                </RequirePage>
              }
            />
            <Route
              path="/import"
              element={
                <RequirePage page="import">
                  <ImportPage />
                </RequirePage>
              }
            />
            <Route
              path="/lines"
              element={
                <RequirePage page="lines">
                  <LineListPage />
                </RequirePage>
              }
            />
            <Route
              path="/cases"
              element={
                <RequirePage page="cases">
                  <CaseListPage />
                </RequirePage>
              }
            />
            <Route
              path="/cases/:id"
              element={
                <RequirePage page="cases">
                  <CaseDetailPage />
                </RequirePage>
              }
            />
            <Route
              path="/overview"
              element={
                <RequirePage page="overview">
                  <OverviewPage />
                </RequirePage>
              }
            />
            <Route
              path="/audit"
              element={
                <RequirePage page="audit">
                  <AuditPage />
                </RequirePage>
              }
            />
            <Route
              path="/jobs"
              element={
                <RequirePage page="jobs">
                  <JobsPage />
                </RequirePage>
              }
            />
            <Route
              path="/users"
              element={
                <RequirePage page="users">
                  <UsersPage />
                </RequirePage>
              }
            />
            <Route
              path="/credit"
              element={
                <RequirePage page="credit">
                  <CreditListPage />
                </RequirePage>
              }
            />
            <Route
              path="/approvals"
              element={
                <RequirePage page="approvals">
                  <ApprovalsPage />
                </RequirePage>
              }
            />
            <Route
              path="/resettlement"
              element={
                <RequirePage page="resettlement">
                  <ResettlementPage />
                </RequirePage>
              }
            />
            <Route
              path="/power-prices"
              element={
                <RequirePage page="powerPrices">
                  <PowerPricesPage />
                </RequirePage>
              }
            />
            <Route
              path="/land"
              element={
                <RequirePage page="land">
                  <LandPage />
                </RequirePage>
              }
            />
            <Route
              path="/publications"
              element={
                <RequirePage page="publications">
                  <PublicationsPage />
                </RequirePage>
              }
            />
            <Route
              path="/tips"
              element={
                <RequirePage page="tips">
                  <TipsPage />
                </RequirePage>
              }
            />
            <Route
              path="/problems"
              element={
                <RequirePage page="problems">
                  <ProblemsPage />
                </RequirePage>
              }
            />
            <Route
              path="/exit-plans"
              element={
                <RequirePage page="exitPlans">
                  <PlanListPage />
                </RequirePage>
              }
            />
            <Route
              path="/exit-plans/:id"
              element={
                <RequirePage page="exitPlans">
                  <PlanDetailPage />
                </RequirePage>
              }
            />
            <Route
              path="/supervision"
              element={
                <RequirePage page="supervision">
                  <SupervisionPage />
                </RequirePage>
              }
            />
            <Route
              path="/yearend"
              element={
                <RequirePage page="yearend">
                  <YearendPage />
                </RequirePage>
              }
            />
            <Route
              path="/yearend/certificates/:caseId"
              element={
                <RequirePage page="yearend">
                  <CertificatePage />
                </RequirePage>
              }
            />
            <Route
              path="/calendar"
              element={
                <RequirePage page="calendar">
                  <CalendarPage />
                </RequirePage>
              }
            />
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
