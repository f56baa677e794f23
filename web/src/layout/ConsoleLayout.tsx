/**
 * The console frame (Ant Design Pro style, built from antd Layout + Menu): a sider menu with only the pages the
 * role may use (collapsed below 992 px; on a phone, below 768 px, a drawer over the page), a header with the user's name and unit, the language switch, password
 * change and sign-out, and the page in a Suspense boundary (pages are lazy chunks).
 */
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Dropdown, Layout, Menu, Segmented, Space, Spin, Typography } from 'antd';
import {
  AppstoreOutlined,
  AuditOutlined,
  FieldTimeOutlined,
  BankOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  TeamOutlined,
  UserOutlined,
  NotificationOutlined,
  AlertOutlined,
  CalendarOutlined,
} from '@ant-design/icons';
import { menuOf, type PageKey } from '../access.ts';
import { useI18n, type Lang } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { useReference } from '../shared/reference.ts';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { NotificationBell } from './NotificationBell.tsx';

const ICONS: Record<PageKey, React.ReactNode> = {
  workbench: <DashboardOutlined />,
  enterprises: <BankOutlined />,
  import: <BankOutlined />,
  lines: <AppstoreOutlined />,
  cases: <FileSearchOutlined />,
  overview: <BarChartOutlined />,
  audit: <AuditOutlined />,
  users: <TeamOutlined />,
  credit: <BankOutlined />,
  approvals: <AuditOutlined />,
  resettlement: <TeamOutlined />,
  powerPrices: <BarChartOutlined />,
  land: <AppstoreOutlined />,
  publications: <NotificationOutlined />,
  tips: <AlertOutlined />,
  problems: <FileSearchOutlined />,
  exitPlans: <AppstoreOutlined />,
  supervision: <AuditOutlined />,
  yearend: <AuditOutlined />,
  jobs: <FieldTimeOutlined />,
  calendar: <CalendarOutlined />,
};

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="page-loading" aria-busy="true">
      <Spin tip={t('app.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

/** Phone width (below antd's md breakpoint): the menu is a drawer over the page, not a column beside it. */
const PHONE = '(max-width: 767.98px)';
function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE).matches);
  useEffect(() => {
    const mq = window.matchMedia(PHONE);
    const on = () => setPhone(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return phone;
}

export function ConsoleLayout() {
  const { user, signOut } = useSession();
  const { t, lang, setLang, pick } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < 992);
  const [pwOpen, setPwOpen] = useState(false);
  const ref = useReference();
  const phone = usePhone();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const menu = useMemo(() => (user ? menuOf(user.role) : []), [user]);
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;

  const selected =
    menu.find((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`))?.key ??
    (location.pathname.startsWith('/import') ? 'enterprises' : undefined);
  const territory = user.territoryCode ? ref.territories.find((x) => x.code === user.territoryCode) : undefined;
  const department = user.departmentCode ? ref.departments.find((x) => x.code === user.departmentCode) : undefined;
  const unit = territory ? pick(territory.name, territory.nameEn) : department ? pick(department.name, department.nameEn) : t(`role.${user.role}`);

  const logo = (narrow: boolean) => (
    <div className="logo" title={t('app.name')}>
      <span className="logo-mark">{lang === 'zh' ? '退' : 'P'}</span>
      {!narrow && <span className="logo-text">{t('app.shortName')}</span>}
    </div>
  );
  const menuItems = menu.map((m) => ({
    key: m.key,
    icon: ICONS[m.key],
    label: t(m.label),
    onClick: () => {
      setDrawerOpen(false);
      navigate(m.path);
    },
  }));

  return (
    <Layout className="console">
      {phone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          width={232}
          closable={false}
          className="console-drawer"
          rootClassName="console-drawer-root"
          data-testid="menu-drawer"
        >
          {logo(false)}
          <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={menuItems} />
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          onBreakpoint={(broken) => setCollapsed(broken)}
          collapsedWidth={64}
          trigger={null}
          width={208}
          className="console-sider"
        >
          {logo(collapsed)}
          <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={menuItems} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="console-header">
          <Button
            type="text"
            aria-label={t('header.toggleMenu')}
            icon={(phone ? !drawerOpen : collapsed) ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (phone ? setDrawerOpen(!drawerOpen) : setCollapsed(!collapsed))}
          />
          <Typography.Text strong className="header-title">
            {t('app.name')}
          </Typography.Text>
          <Space size="middle" className="header-right">
            {user.role !== 'bank' && user.role !== 'government' && <NotificationBell />}
            <span data-testid="lang-switch">
              <Segmented<Lang>
                size="small"
                aria-label={t('app.lang.switch')}
                value={lang}
                onChange={(v) => setLang(v)}
                options={[
                  { label: '中', value: 'zh' },
                  { label: 'EN', value: 'en' },
                ]}
              />
            </span>
            <Dropdown
              menu={{
                items: [
                  { key: 'pw', icon: <KeyOutlined />, label: t('header.changePassword'), onClick: () => setPwOpen(true) },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: () => void signOut() },
                ],
              }}
              trigger={['click']}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                <span className="user-name" data-user-data>
                  {user.displayName}
                </span>
                <span className="user-unit">{unit !== user.displayName ? ` · ${unit}` : ''}</span>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="console-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Layout>
  );
}
