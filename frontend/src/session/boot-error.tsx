import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuthShell } from '@/components/auth-shell';
import { useDocumentTitle } from '@/components/page-header';
import { errorMessage } from '@/i18n/error-message';

/** The server could not tell us whether the workspace is set up or who is signed in. */
export function BootError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('boot.title'));
  return (
    <AuthShell>
      <Result
        status="warning"
        title={<span data-testid="page-title">{t('boot.title')}</span>}
        subTitle={errorMessage(t, error)}
        extra={
          <Button type="primary" onClick={onRetry} data-testid="boot-retry">
            {t('common.retry')}
          </Button>
        }
      />
    </AuthShell>
  );
}
