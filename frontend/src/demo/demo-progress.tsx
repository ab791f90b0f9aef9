import { Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DemoStatus } from '@fulcrum/shared';
import { useFormat } from '@/components/format';

/** The bar shown while demo data loads, with what has arrived so far. */
export function DemoProgress({ status }: { status: DemoStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = Math.round((status.progress ?? 0) * 100);
  return (
    <Flex vertical gap={4} className="demo-progress" role="status" aria-live="polite">
      <Typography.Text>{t('demo.progress')}</Typography.Text>
      <Progress percent={percent} status="active" data-testid="demo-progress" aria-label={t('demo.progress')} />
      <Typography.Text type="secondary">
        {t('demo.counts', { companies: format.integer(status.companies), contacts: format.integer(status.contacts) })}
      </Typography.Text>
    </Flex>
  );
}
