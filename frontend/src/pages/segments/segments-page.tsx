import { useCallback, useMemo } from 'react';
import { App, Button, Card, Empty, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Segment } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useApiData } from '@/components/use-api-data';
import { PageHeader } from '@/components/page-header';
import { errorMessage } from '@/i18n/error-message';
import '@/pages/segments/segments.css';

const TARGET_COLORS: Record<Segment['target'], string> = { contacts: 'blue', companies: 'purple' };

function SegmentsEmpty({ onCreate }: { onCreate: () => void }) {
  const { t } = useTranslation();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      className="segments-empty"
      description={
        <Flex vertical gap={4} align="center">
          <Typography.Title level={4} className="empty-title">
            {t('segments.empty.title')}
          </Typography.Title>
          <Typography.Text type="secondary" className="empty-body">
            {t('segments.empty.body')}
          </Typography.Text>
        </Flex>
      }
    >
      <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
        {t('segments.empty.create')}
      </Button>
    </Empty>
  );
}

/** Saved segments: their last count, and open / export / delete. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const format = useFormat();
  const navigate = useNavigate();

  const { data: segments, setData: setSegments, loading, error, reload } = useApiData((signal) => api.listSegments({ signal }), []);

  const create = useCallback(() => navigate('/segments/new'), [navigate]);

  const confirmDelete = useCallback(
    (segment: Segment) => {
      modal.confirm({
        title: t('segments.confirmDelete.title', { name: segment.name }),
        content: t('segments.confirmDelete.body'),
        okText: t('segments.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await api.deleteSegment(segment.id);
            setSegments((current) => current?.filter((existing) => existing.id !== segment.id) ?? current);
            void message.success(t('segments.deleted', { name: segment.name }));
          } catch (reason) {
            void message.error(errorMessage(t, reason));
            reload();
          }
        },
      });
    },
    [modal, message, t],
  );

  const columns = useMemo<TableColumnsType<Segment>>(
    () => [
      {
        key: 'name',
        dataIndex: 'name',
        title: t('segments.columns.name'),
        sorter: (a, b) => a.name.localeCompare(b.name, format.locale),
        render: (_value, segment) => (
          <Link to={`/segments/${segment.id}`} data-testid={`segment-open-${segment.id}`}>
            <Typography.Text strong className="segment-name-link">
              {segment.name}
            </Typography.Text>
          </Link>
        ),
      },
      {
        key: 'target',
        dataIndex: 'target',
        title: t('segments.columns.target'),
        responsive: ['sm'],
        render: (_value, segment) => <Tag color={TARGET_COLORS[segment.target]}>{t(`segments.targets.${segment.target}`)}</Tag>,
      },
      {
        key: 'count',
        dataIndex: 'cachedCount',
        title: t('segments.columns.count'),
        align: 'right',
        sorter: (a, b) => (a.cachedCount ?? -1) - (b.cachedCount ?? -1),
        render: (_value, segment) =>
          segment.cachedCount === null ? (
            <Typography.Text type="secondary">{t('segments.notCounted')}</Typography.Text>
          ) : (
            <Flex vertical align="flex-end">
              <span>{format.integer(segment.cachedCount)}</span>
              {segment.countedAt ? (
                <Typography.Text type="secondary" className="cell-secondary">
                  {t('segments.countedAt', { date: format.dateTime(segment.countedAt) })}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
      },
      {
        key: 'updated',
        dataIndex: 'updatedAt',
        title: t('segments.columns.updated'),
        responsive: ['md'],
        defaultSortOrder: 'descend',
        sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
        render: (_value, segment) => format.dateTime(segment.updatedAt),
      },
      {
        key: 'actions',
        title: t('segments.columns.actions'),
        align: 'right',
        render: (_value, segment) => (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => navigate(`/segments/${segment.id}`)}>
              {t('segments.open')}
            </Button>
            <Tooltip title={t('segments.exportHint')}>
              <Button type="link" size="small" href={api.segmentExportUrl(segment.id)} download data-testid={`segment-export-${segment.id}`}>
                {t('segments.export')}
              </Button>
            </Tooltip>
            <Button type="link" size="small" danger onClick={() => confirmDelete(segment)} data-testid={`segment-delete-${segment.id}`}>
              {t('segments.delete')}
            </Button>
          </Space>
        ),
      },
    ],
    [t, format, navigate, confirmDelete],
  );

  return (
    <>
      <PageHeader
        title={t('segments.title')}
        subtitle={t('segments.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && segments !== null}>
              {t('common.refresh')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={create} data-testid="segment-new">
              {t('segments.new')}
            </Button>
          </>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Card className="table-card">
        <Table<Segment>
          data-testid="segments-table"
          rowKey="id"
          columns={columns}
          dataSource={segments ?? []}
          loading={loading}
          pagination={false}
          locale={{ emptyText: segments !== null && !error ? <SegmentsEmpty onCreate={create} /> : undefined }}
        />
      </Card>
    </>
  );
}
