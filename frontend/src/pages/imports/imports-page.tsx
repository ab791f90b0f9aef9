import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Import, Page } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { AccountsNav } from '@/pages/accounts/accounts-nav';
import { canManageDemo } from '@/session/access';
import { useUser } from '@/session/session-context';
import { ImportProgressBar, ImportStatusTag, isActive } from './import-status';

const PAGE_SIZE = 20;
const POLL_MS = 2000;

/** Every import, newest first, with live status while one runs. */
export function ImportsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const user = useUser();
  const canImport = canManageDemo(user.role);
  const [page, setPage] = useState(1);
  const { data, loading, error, reload } = useApiData<Page<Import>>((signal) => api.listImports({ page, pageSize: PAGE_SIZE }, { signal }), [page]);

  const running = data?.items.some(isActive) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, data, reload]);

  const columns = useMemo<TableColumnsType<Import>>(
    () => [
      {
        key: 'file',
        title: t('imports.columns.file'),
        render: (_value, item) => (
          <Flex vertical>
            <Link to={`/accounts/imports/${item.id}`} data-testid={`import-open-${item.id}`}>
              <Typography.Text strong>{item.fileName}</Typography.Text>
            </Link>
            <Typography.Text type="secondary" className="cell-secondary">
              {item.source}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        key: 'status',
        title: t('imports.columns.status'),
        width: 220,
        render: (_value, item) => (
          <Space direction="vertical" size={0} style={{ width: '100%' }}>
            <ImportStatusTag item={item} />
            <ImportProgressBar item={item} />
          </Space>
        ),
      },
      {
        key: 'rows',
        title: t('imports.columns.rows'),
        align: 'right',
        responsive: ['md'],
        render: (_value, item) =>
          item.counts ? (
            <Typography.Text>
              {t('imports.rowsSummary', {
                inserted: format.integer(item.counts.inserted),
                updated: format.integer(item.counts.updated),
                rejected: format.integer(item.counts.rejected),
              })}
            </Typography.Text>
          ) : item.progress ? (
            <Typography.Text type="secondary">{t('imports.rowsRead', { rows: format.integer(item.progress.rowsRead) })}</Typography.Text>
          ) : null,
      },
      {
        key: 'created',
        title: t('imports.columns.created'),
        responsive: ['lg'],
        render: (_value, item) => (
          <Flex vertical>
            <span>{format.dateTime(item.createdAt)}</span>
            <Typography.Text type="secondary" className="cell-secondary">
              {item.createdByName}
            </Typography.Text>
          </Flex>
        ),
      },
    ],
    [t, format],
  );

  return (
    <>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        extra={
          <>
            <AccountsNav current="imports" />
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && data !== null}>
              {t('common.refresh')}
            </Button>
            {canImport ? (
              <Button type="primary" icon={<UploadOutlined />} onClick={() => navigate('/accounts/imports/new')} data-testid="import-new">
                {t('imports.new')}
              </Button>
            ) : null}
          </>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Card className="table-card">
        <Table<Import>
          data-testid="imports-table"
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading && data === null}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: data && !error ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.empty')} /> : undefined }}
        />
      </Card>
    </>
  );
}
