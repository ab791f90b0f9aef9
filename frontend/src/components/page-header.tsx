import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function useDocumentTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);
}

/** The top of every page: its title (the browser tab's too), a line about it, and page actions. */
export function PageHeader({ title, subtitle, extra }: { title: string; subtitle?: ReactNode; extra?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Flex className="page-header" justify="space-between" align="flex-start" gap={16} wrap>
      <div className="page-header-text">
        <Typography.Title level={3} data-testid="page-title" className="page-title">
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
      </div>
      {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
    </Flex>
  );
}
