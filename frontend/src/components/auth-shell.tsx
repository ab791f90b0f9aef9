import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { CalendarOutlined, RiseOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FulcrumMark } from '@/components/fulcrum-logo';
import { LanguageSwitch } from '@/components/language-switch';
import { useDocumentTitle } from '@/components/page-header';

/** The frame of the pages before the console: setup, sign-in, password reset, boot errors. */
export function AuthShell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth-shell">
      <aside className="auth-brand">
        <Flex align="center" gap={10} className="auth-brand-name">
          <FulcrumMark size={32} />
          <span>{t('app.name')}</span>
        </Flex>
        <div className="auth-brand-copy">
          <h1>{t('authShell.headline')}</h1>
          <p>{t('authShell.body')}</p>
          <ul>
            <li>
              <CalendarOutlined aria-hidden />
              <span>{t('authShell.before')}</span>
            </li>
            <li>
              <VideoCameraOutlined aria-hidden />
              <span>{t('authShell.during')}</span>
            </li>
            <li>
              <RiseOutlined aria-hidden />
              <span>{t('authShell.after')}</span>
            </li>
          </ul>
        </div>
        <p className="auth-brand-foot">{t('app.tagline')}</p>
      </aside>
      <main className="auth-main">
        <Flex className="auth-topbar" justify="space-between" align="center">
          <Flex align="center" gap={8} className="auth-compact-name">
            <FulcrumMark size={26} />
            <Typography.Text strong>{t('app.name')}</Typography.Text>
          </Flex>
          <LanguageSwitch />
        </Flex>
        <div className={wide ? 'auth-panel auth-panel-wide' : 'auth-panel'}>{children}</div>
      </main>
    </div>
  );
}

/** Title and one line above an auth form. */
export function AuthHeading({ title, subtitle }: { title: string; subtitle?: string }) {
  useDocumentTitle(title);
  return (
    <div className="auth-heading">
      <Typography.Title level={2} data-testid="page-title">
        {title}
      </Typography.Title>
      {subtitle ? <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph> : null}
    </div>
  );
}
