import { Suspense, useEffect, useMemo, useState } from 'react';
import { Button, Drawer, Flex, Grid, Layout, Menu } from 'antd';
import type { MenuProps } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ErrorBoundary } from '@/components/error-boundary';
import { FulcrumMark } from '@/components/fulcrum-logo';
import { ContentSpin } from '@/components/full-page-spin';
import { LanguageSwitch } from '@/components/language-switch';
import { navItems, selectedNavKey } from '@/layout/nav-items';
import { UserMenu } from '@/layout/user-menu';
import { HOME_PATH } from '@/session/access';
import { useUser } from '@/session/session-context';

const COLLAPSED_KEY = 'fulcrum.nav.collapsed';

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** The console frame: header, side navigation (a drawer on phones), and the page. */
export function ConsoleLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const location = useLocation();
  // A new page starts at its top (the browser keeps the scroll of the page it came from otherwise);
  // a change of query string (filters, pages of a list) keeps the place.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume a desktop then.
  const isPhone = screens.md === false;
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const grouped = isPhone || !collapsed;
  const items = useMemo(() => navItems(t, user.role, grouped), [t, user.role, grouped]);
  const selected = selectedNavKey(location.pathname);

  const onNavigate: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    if (key !== location.pathname) navigate(key);
  };

  const onCollapse = (value: boolean) => {
    setCollapsed(value);
    try {
      localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
    } catch {
      // Storage blocked: the choice lasts for this page only.
    }
  };

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      onClick={onNavigate}
      aria-label={t('nav.label')}
      className="console-nav"
    />
  );

  return (
    <Layout className="console">
      <Layout.Header className="console-header">
        <Flex align="center" gap={8} className="console-header-start">
          {isPhone ? (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.open')} onClick={() => setDrawerOpen(true)} data-testid="nav-open" />
          ) : null}
          <Link to={HOME_PATH} className="console-brand">
            <FulcrumMark size={26} />
            <span>{t('app.name')}</span>
          </Link>
        </Flex>
        <Flex align="center" gap={12}>
          <LanguageSwitch />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout hasSider={!isPhone}>
        {isPhone ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={264}
            title={
              <Flex align="center" gap={8}>
                <FulcrumMark size={22} />
                <span>{t('app.name')}</span>
              </Flex>
            }
            styles={{ body: { padding: 8 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider
            collapsible
            collapsed={collapsed}
            onCollapse={onCollapse}
            width={232}
            collapsedWidth={64}
            theme="light"
            className="console-sider"
          >
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="console-content">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<ContentSpin />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
