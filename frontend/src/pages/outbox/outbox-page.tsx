import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { OutboxMessageSummary } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useApiData } from '@/components/use-api-data';
import { PageHeader } from '@/components/page-header';
import { OutboxMessageDrawer } from '@/pages/outbox/outbox-message-drawer';

const PAGE_SIZE = 20;

export function OutboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const openId = params.get('message');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);

  const { data, loading, error, reload } = useApiData((signal) => api.listOutbox({ page, pageSize }, { signal }), [page, pageSize]);

  const open = useCallback(
    (id: string | null) =>
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        if (id) next.set('message', id);
        else next.delete('message');
        return next;
      }),
    [setParams],
  );

  const columns = useMemo<TableColumnsType<OutboxMessageSummary>>(
    () => [
      { key: 'to', dataIndex: 'to', title: t('outbox.columns.to'), ellipsis: true },
      {
        key: 'subject',
        dataIndex: 'subject',
        title: t('outbox.columns.subject'),
        render: (_value, message) => (
          <Button
            type="link"
            className="link-cell"
            onClick={(event) => {
              event.stopPropagation();
              open(message.id);
            }}
          >
            {message.subject}
          </Button>
        ),
      },
      {
        key: 'date',
        dataIndex: 'date',
        title: t('outbox.columns.date'),
        render: (_value, message) => format.dateTime(message.date),
      },
      {
        key: 'size',
        dataIndex: 'sizeBytes',
        title: t('outbox.columns.size'),
        align: 'right',
        responsive: ['md'],
        render: (_value, message) => t('outbox.sizeKb', { size: format.decimal(message.sizeBytes / 1024) }),
      },
    ],
    [t, format, open],
  );

  const smtp = data?.transport === 'smtp' || (isApiRequestError(error) && error.code === 'outbox.disabled');

  return (
    <>
      <PageHeader
        title={t('outbox.title')}
        subtitle={t('outbox.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && data !== null}>
            {t('common.refresh')}
          </Button>
        }
      />
      {smtp ? (
        <Alert type="info" showIcon title={t('outbox.smtpTitle')} description={t('outbox.smtpBody')} data-testid="outbox-smtp" />
      ) : (
        <>
          {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
          <Card className="table-card">
            <Table<OutboxMessageSummary>
              data-testid="outbox-table"
              rowKey="id"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={loading}
              scroll={{ x: 'max-content' }}
              onRow={(message) => ({ onClick: () => open(message.id), className: 'clickable-row' })}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outbox.empty')} /> }}
              pagination={{
                current: page,
                pageSize,
                total: data?.total ?? 0,
                showSizeChanger: true,
                onChange: (nextPage, nextSize) => {
                  setPage(nextSize === pageSize ? nextPage : 1);
                  setPageSize(nextSize);
                },
                showTotal: format.rangeOfTotal,
              }}
            />
          </Card>
        </>
      )}
      <OutboxMessageDrawer id={openId} onClose={() => open(null)} />
    </>
  );
}
