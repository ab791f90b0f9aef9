import { Alert, Button, Card, Col, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { DatabaseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DemoStatus } from '@fulcrum/shared';
import { useFormat } from '@/components/format';
import { DemoProgress } from '@/demo/demo-progress';
import { DEMO_COMPANY_COUNT, useDemoStatus } from '@/demo/use-demo-status';
import { errorMessage } from '@/i18n/error-message';

const STATE_COLORS: Record<DemoStatus['state'], string> = {
  empty: 'default',
  loading: 'processing',
  loaded: 'success',
  failed: 'error',
};

export function DemoDataCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const demo = useDemoStatus(true);
  const { status } = demo;

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <DatabaseOutlined />
          <span>{t('demo.title')}</span>
        </Flex>
      }
      extra={status ? <Tag color={STATE_COLORS[status.state]} data-testid="demo-state">{t(`demo.states.${status.state}`)}</Tag> : null}
      data-testid="demo-card"
    >
      <Typography.Paragraph type="secondary">
        {t('demo.description', { companies: format.integer(DEMO_COMPANY_COUNT) })}
      </Typography.Paragraph>
      {demo.error ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(t, demo.error)}
          className="form-alert"
          action={
            <Button size="small" onClick={demo.refresh}>
              {t('demo.checkAgain')}
            </Button>
          }
        />
      ) : null}
      {!status && !demo.error ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {status ? (
        <Flex vertical gap={16}>
          <Row gutter={16}>
            <Col span={12}>
              <Statistic title={t('demo.companies')} value={status.companies} formatter={(value) => format.integer(Number(value))} />
            </Col>
            <Col span={12}>
              <Statistic title={t('demo.contacts')} value={status.contacts} formatter={(value) => format.integer(Number(value))} />
            </Col>
          </Row>
          {status.state === 'loading' ? <DemoProgress status={status} /> : null}
          {status.state === 'loaded' ? <Alert type="success" showIcon title={t('demo.loaded')} /> : null}
          {status.state === 'failed' ? (
            <Alert type="error" showIcon title={status.error ? t('demo.failed', { error: status.error }) : t('demo.failedUnknown')} />
          ) : null}
          {status.state === 'empty' || status.state === 'failed' ? (
            <div>
              <Button type="primary" icon={<DatabaseOutlined />} loading={demo.starting} onClick={() => void demo.start()} data-testid="demo-load">
                {t('demo.load')}
              </Button>
            </div>
          ) : null}
        </Flex>
      ) : null}
    </Card>
  );
}
