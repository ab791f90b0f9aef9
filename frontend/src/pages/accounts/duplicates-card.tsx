import type { ReactNode } from 'react';
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CompanyDuplicateReason, ContactDuplicateReason } from '@fulcrum/shared';
import { LoadErrorAlert } from '@/components/load-error-alert';

export interface DuplicateItem {
  id: string;
  name: string;
  description: ReactNode;
  reasons: Array<CompanyDuplicateReason | ContactDuplicateReason>;
  link: ReactNode;
}

/** Records that look like this one, each with why, and a way to merge it. */
export function DuplicatesCard({
  items,
  loading,
  error,
  onRetry,
  canMerge,
  onMerge,
}: {
  items: DuplicateItem[] | null;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  canMerge: boolean;
  onMerge: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t('accountsBrowse.duplicates.title')} data-testid="duplicates-card">
      {error ? <LoadErrorAlert error={error} onRetry={onRetry} /> : null}
      {items && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accountsBrowse.duplicates.none')} />
      ) : (
        <List
          loading={loading && !items}
          dataSource={items ?? []}
          renderItem={(item) => (
            <List.Item
              key={item.id}
              data-testid="duplicate-item"
              actions={
                canMerge
                  ? [
                      <Button key="merge" size="small" icon={<MergeCellsOutlined />} onClick={() => onMerge(item.id)} data-testid="duplicate-merge">
                        {t('accountsBrowse.duplicates.merge')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={item.link}
                description={
                  <Flex vertical gap={4}>
                    <Typography.Text type="secondary">{item.description}</Typography.Text>
                    <Flex gap={4} wrap>
                      {item.reasons.map((reason) => (
                        <Tag key={reason} color="orange">
                          {t(`accountsBrowse.duplicates.reasons.${reason}`)}
                        </Tag>
                      ))}
                    </Flex>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
