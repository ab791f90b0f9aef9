import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { HOME_PATH } from '@/session/access';
import { useUser } from '@/session/session-context';
import { useDocumentTitle } from '@/components/page-header';

export function Forbidden() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  useDocumentTitle(t('forbidden.title'));
  return (
    <Result
      status="403"
      title={<span data-testid="page-title">{t('forbidden.title')}</span>}
      subTitle={t('forbidden.body', { role: t(`roles.${user.role}`) })}
      extra={
        <Button type="primary" onClick={() => navigate(HOME_PATH)}>
          {t('forbidden.action')}
        </Button>
      }
    />
  );
}
