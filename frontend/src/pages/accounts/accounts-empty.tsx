import { Alert, Button, Card, Empty, Flex, Typography } from 'antd';
import { DatabaseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '@/components/format';
import { DemoProgress } from '@/demo/demo-progress';
import { DEMO_COMPANY_COUNT } from '@/demo/use-demo-status';
import type { DemoStatusState } from '@/demo/use-demo-status';
import { errorMessage } from '@/i18n/error-message';

/** No companies at all: offer demo data to those who may load it, explain the wait to the others. */
export function AccountsEmpty({ demo }: { demo: DemoStatusState | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = demo?.status ?? null;

  return (
    <Card className="accounts-empty">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <Flex vertical gap={4} align="center">
            <Typography.Title level={4} className="empty-title">
              {t('accounts.empty.title')}
            </Typography.Title>
            <Typography.Text type="secondary" className="empty-body">
              {demo ? t('accounts.empty.bodyCanLoad') : t('accounts.empty.bodyReadOnly')}
            </Typography.Text>
          </Flex>
        }
      >
        {demo ? (
          <Flex vertical gap={12} align="center" className="accounts-empty-actions">
            {status?.state === 'loading' ? (
              <DemoProgress status={status} />
            ) : (
              <Button
                type="primary"
                icon={<DatabaseOutlined />}
                loading={demo.starting}
                onClick={() => void demo.start()}
                data-testid="accounts-load-demo"
              >
                {t('accounts.empty.load', { companies: format.integer(DEMO_COMPANY_COUNT) })}
              </Button>
            )}
            <Link to="/accounts/imports/new" data-testid="accounts-import">
              {t('accounts.empty.import')}
            </Link>
            {status?.state === 'failed' ? (
              <Alert type="error" showIcon title={status.error ? t('demo.failed', { error: status.error }) : t('demo.failedUnknown')} />
            ) : null}
            {demo.error ? <Alert type="error" showIcon title={errorMessage(t, demo.error)} /> : null}
          </Flex>
        ) : null}
      </Empty>
    </Card>
  );
}
