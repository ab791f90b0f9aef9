import type { ReactNode } from 'react';
import { Card, Flex, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';

/** An area that is not built yet: what it will do, and no fake data. */
export function AreaPlaceholder({
  title,
  subtitle,
  icon,
  emptyTitle,
  emptyBody,
  children,
}: {
  title: string;
  subtitle: string;
  icon: ReactNode;
  emptyTitle: string;
  emptyBody: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} subtitle={subtitle} />
      <Card>
        <Result
          icon={<span className="area-placeholder-icon">{icon}</span>}
          title={emptyTitle}
          subTitle={<span className="area-placeholder-body">{emptyBody}</span>}
          extra={
            <Flex vertical align="center" gap={16}>
              <Tag color="blue" variant="filled">
                {t('areas.soon')}
              </Tag>
              {children}
            </Flex>
          }
        />
      </Card>
    </>
  );
}
