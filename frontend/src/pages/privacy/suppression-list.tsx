import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SUPPRESSION_KINDS, SUPPRESSION_REASONS } from '@fulcrum/shared';
import type { Suppression, SuppressionKind, SuppressionReason } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useApiData } from '@/components/use-api-data';
import { errorMessage } from '@/i18n/error-message';
import { AddSuppressionsDialog } from '@/pages/privacy/add-suppressions-dialog';
import { isKnownSource, KIND_COLORS, REASON_COLORS } from '@/pages/privacy/privacy-labels';

const SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZES = [20, 50, 100];

/**
 * The suppression list: search, filter by kind and reason, add (one, pasted or from a file),
 * remove, and export what the filters show as CSV. `version` changes when another part of the
 * page (a consent change, an erasure) may have changed the list.
 */
export function SuppressionList({ version }: { version: number }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<SuppressionKind | undefined>(undefined);
  const [reason, setReason] = useState<SuppressionReason | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0] ?? 20);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    const term = search.trim();
    if (term === q) return;
    const timer = setTimeout(() => {
      setQ(term);
      setPage(1);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, q]);

  const { data, loading, error, reload } = useApiData(
    (signal) => api.listSuppressions({ q: q || undefined, kind, reason, page, pageSize }, { signal }),
    [q, kind, reason, page, pageSize, version],
  );

  // Past the last page (the list shrank): go to the last one.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && page > 1) setPage(Math.max(1, Math.ceil(data.total / pageSize)));
  }, [data, page, pageSize]);

  const confirmRemove = useCallback(
    (entry: Suppression) => {
      modal.confirm({
        title: t('privacy.suppressions.confirmRemove.title', { value: entry.value }),
        content: t('privacy.suppressions.confirmRemove.body'),
        okText: t('privacy.suppressions.remove'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: async () => {
          try {
            await api.removeSuppression(entry.kind, entry.value);
            void message.success(t('privacy.suppressions.removed', { value: entry.value }));
          } catch (reason) {
            void message.error(errorMessage(t, reason));
          }
          reload();
        },
      });
    },
    [modal, message, t, reload],
  );

  const columns = useMemo<TableColumnsType<Suppression>>(
    () => [
      {
        key: 'value',
        dataIndex: 'value',
        title: t('privacy.suppressions.columns.value'),
        render: (_value, entry) => <span className="privacy-value">{entry.value}</span>,
      },
      {
        key: 'kind',
        dataIndex: 'kind',
        title: t('privacy.suppressions.columns.kind'),
        render: (_value, entry) => <Tag color={KIND_COLORS[entry.kind]}>{t(`privacy.kinds.${entry.kind}`)}</Tag>,
      },
      {
        key: 'reason',
        dataIndex: 'reason',
        title: t('privacy.suppressions.columns.reason'),
        render: (_value, entry) => <Tag color={REASON_COLORS[entry.reason]}>{t(`privacy.reasons.${entry.reason}`)}</Tag>,
      },
      {
        key: 'source',
        dataIndex: 'source',
        title: t('privacy.suppressions.columns.source'),
        responsive: ['md'],
        render: (_value, entry) => (isKnownSource(entry.source) ? t(`privacy.sources.${entry.source}`) : entry.source),
      },
      {
        key: 'added',
        dataIndex: 'createdAt',
        title: t('privacy.suppressions.columns.added'),
        responsive: ['lg'],
        render: (_value, entry) => format.dateTime(entry.createdAt),
      },
      {
        key: 'actions',
        title: t('privacy.suppressions.columns.actions'),
        align: 'right',
        render: (_value, entry) => (
          <Button type="link" size="small" danger onClick={() => confirmRemove(entry)} data-testid={`suppression-remove-${entry.kind}-${entry.value}`}>
            {t('privacy.suppressions.remove')}
          </Button>
        ),
      },
    ],
    [t, format, confirmRemove],
  );

  const filtered = q !== '' || kind !== undefined || reason !== undefined;

  return (
    <Card
      className="privacy-section table-card"
      title={t('privacy.suppressions.title')}
      extra={
        <Flex gap={8}>
          <Button icon={<DownloadOutlined />} href={api.suppressionsExportUrl({ q: q || undefined, kind, reason })} download data-testid="suppressions-export">
            {t('privacy.suppressions.export')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="suppressions-add">
            {t('privacy.suppressions.add')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('privacy.suppressions.hint')}</Typography.Paragraph>
      <Flex className="table-toolbar" gap={8} wrap>
        <Input
          className="toolbar-search"
          prefix={<SearchOutlined />}
          placeholder={t('privacy.suppressions.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          allowClear
          data-testid="suppressions-search"
        />
        <Select<SuppressionKind | 'all'>
          className="toolbar-select"
          value={kind ?? 'all'}
          onChange={(value) => {
            setKind(value === 'all' ? undefined : value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('privacy.suppressions.allKinds') },
            ...SUPPRESSION_KINDS.map((value) => ({ value, label: t(`privacy.kinds.${value}`) })),
          ]}
        />
        <Select<SuppressionReason | 'all'>
          className="toolbar-select"
          value={reason ?? 'all'}
          onChange={(value) => {
            setReason(value === 'all' ? undefined : value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('privacy.suppressions.allReasons') },
            ...SUPPRESSION_REASONS.map((value) => ({ value, label: t(`privacy.reasons.${value}`) })),
          ]}
        />
      </Flex>
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Table<Suppression>
        data-testid="suppressions-table"
        rowKey={(entry) => `${entry.kind}:${entry.value}`}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: data && !error ? (filtered ? t('privacy.suppressions.noMatch') : t('privacy.suppressions.empty')) : undefined }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: format.rangeOfTotal,
          onChange: (nextPage, nextSize) => {
            setPage(nextSize !== pageSize ? 1 : nextPage);
            setPageSize(nextSize);
          },
        }}
      />
      <AddSuppressionsDialog open={adding} onClose={() => setAdding(false)} onAdded={reload} />
    </Card>
  );
}
