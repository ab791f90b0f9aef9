import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Progress, Result, Row, Segmented, Spin, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { importReasonText, type Import, type ImportRowError, type Page } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { codeMessage, errorMessage } from '@/i18n/error-message';
import { canManageDemo } from '@/session/access';
import { useUser } from '@/session/session-context';
import { ImportStatusTag, isActive, readFraction } from './import-status';
import '@/pages/imports/imports.css';

const POLL_MS = 1000;
const STAT_KEYS = {
  inserted: 'imports.report.counts.inserted',
  updated: 'imports.report.counts.updated',
  unchanged: 'imports.report.counts.unchanged',
  skipped: 'imports.report.counts.skipped',
  rejected: 'imports.report.counts.rejected',
} as const;
const ERRORS_PAGE = 20;

/** What a running import is doing, with a cancel button. */
function RunningImport({ item, onChange }: { item: Import; onChange: (next: Import) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const user = useUser();
  const fraction = readFraction(item);
  const rows = format.integer(item.progress?.rowsRead ?? 0);
  const phase =
    item.status === 'queued' ? t('imports.run.queued') : item.status === 'staging' ? t('imports.run.reading', { rows }) : t('imports.run.merging', { rows });
  const cancel = async () => {
    try {
      onChange(await api.cancelImport(item.id));
    } catch (reason) {
      void message.error(errorMessage(t, reason));
    }
  };
  return (
    <Card data-testid="import-running">
      <Flex vertical gap={12}>
        <Typography.Text data-testid="import-phase">{item.cancelRequested ? t('imports.run.cancelling') : phase}</Typography.Text>
        <Progress
          data-testid="import-progress"
          percent={item.status === 'merging' ? 100 : Math.round((fraction ?? 0) * 100)}
          status="active"
          showInfo={item.status !== 'merging' && fraction !== null}
        />
        <Typography.Text type="secondary">{t('imports.run.safe')}</Typography.Text>
        {canManageDemo(user.role) && !item.cancelRequested ? (
          <Popconfirm title={t('imports.run.cancelConfirm')} okText={t('imports.run.cancel')} cancelText={t('common.cancel')} onConfirm={() => void cancel()}>
            <Button danger icon={<StopOutlined />} data-testid="import-cancel" className="import-cancel">
              {t('imports.run.cancel')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    </Card>
  );
}

/** The report of a finished import: counts, reasons and every rejected or trimmed row. */
function ImportReport({ item }: { item: Import }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = item.counts!;
  const [severity, setSeverity] = useState<'error' | 'warning'>('error');
  const [reason, setReason] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const { data: errors, loading } = useApiData<Page<ImportRowError>>(
    (signal) => api.listImportErrors(item.id, { page, pageSize: ERRORS_PAGE, severity, reason }, { signal }),
    [item.id, page, severity, reason],
  );
  const stats: Array<[keyof typeof STAT_KEYS, number, string?]> = [
    ['inserted', counts.inserted, '#389e0d'],
    ['updated', counts.updated, '#1677ff'],
    ['unchanged', counts.unchanged],
    ['skipped', counts.skipped],
    ['rejected', counts.rejected, counts.rejected > 0 ? '#cf1322' : undefined],
  ];
  const reasons = item.reasons.filter((r) => r.severity === severity);
  const columns = useMemo<TableColumnsType<ImportRowError>>(
    () => [
      { key: 'line', dataIndex: 'line', title: t('imports.report.line'), width: 90 },
      {
        key: 'reason',
        title: t('imports.report.reason'),
        render: (_value, row) => (
          <Flex vertical>
            <span>{importReasonText(row.reason, format.locale)}</span>
            <Typography.Text type="secondary" className="cell-secondary">
              {row.reason}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        key: 'detail',
        dataIndex: 'detail',
        title: t('imports.report.detail'),
        render: (value: string | null) => (value ? <Typography.Text code>{value}</Typography.Text> : null),
      },
    ],
    [t, format],
  );
  return (
    <Flex vertical gap={16}>
      <Card>
        <Row gutter={[16, 16]} className="import-stats" data-testid="import-counts">
          {stats.map(([key, value, color]) => (
            <Col key={key} xs={12} md={8} lg={4}>
              <Statistic title={t(STAT_KEYS[key])} value={value} valueStyle={color ? { color } : undefined} data-testid={`import-count-${key}`} />
            </Col>
          ))}
          <Col xs={12} md={8} lg={4}>
            <Statistic
              title={t('imports.report.counts.companies')}
              value={t('imports.report.companiesValue', { inserted: format.integer(counts.companiesInserted), matched: format.integer(counts.companiesMatched) })}
            />
          </Col>
        </Row>
      </Card>
      <Card
        title={t('imports.report.rowsTitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={api.importReportUrl(item.id)} download data-testid="import-report-download">
            {t('imports.report.download')}
          </Button>
        }
      >
        <Flex vertical gap={12}>
          <Segmented
            value={severity}
            onChange={(value) => {
              setSeverity(value as 'error' | 'warning');
              setReason(undefined);
              setPage(1);
            }}
            options={[
              { value: 'error', label: t('imports.report.rejectedRows') },
              { value: 'warning', label: t('imports.report.warningRows') },
            ]}
          />
          <Flex gap={8} wrap data-testid="import-reasons">
            {reasons.length === 0 ? <Typography.Text type="secondary">{t('imports.report.none')}</Typography.Text> : null}
            {reasons.map((r) => (
              <Tag.CheckableTag
                key={r.reason}
                checked={reason === r.reason}
                onChange={(checked) => {
                  setReason(checked ? r.reason : undefined);
                  setPage(1);
                }}
              >
                {importReasonText(r.reason, format.locale)} · {format.integer(r.rows)}
              </Tag.CheckableTag>
            ))}
          </Flex>
          <Table<ImportRowError>
            data-testid="import-errors"
            size="small"
            rowKey={(row) => `${row.line}-${row.reason}`}
            columns={columns}
            dataSource={errors?.items ?? []}
            loading={loading}
            pagination={{ current: page, pageSize: ERRORS_PAGE, total: errors?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          />
        </Flex>
      </Card>
    </Flex>
  );
}

/** One import: live progress while it runs, its report when it is done. */
export function ImportDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const { data: item, setData, error, reload } = useApiData<Import>((signal) => api.getImport(id, { signal }), [id]);

  const active = item ? isActive(item) || item.status === 'uploaded' : false;
  useEffect(() => {
    if (!item || !isActive(item)) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [item, reload]);

  const subtitle = item
    ? t('imports.detail.subtitle', { source: item.source, date: format.dateTime(item.createdAt), user: item.createdByName ?? '—' })
    : undefined;
  return (
    <>
      <PageHeader
        title={item?.fileName ?? t('imports.title')}
        subtitle={subtitle}
        extra={
          <>
            {item ? <ImportStatusTag item={item} /> : null}
            <Link to="/accounts/imports">{t('imports.detail.back')}</Link>
          </>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      {!item && !error ? <Spin /> : null}
      {item && active && item.status !== 'uploaded' ? <RunningImport item={item} onChange={setData} /> : null}
      {item?.status === 'uploaded' ? <Alert type="info" showIcon title={t('imports.detail.notStarted')} /> : null}
      {item?.status === 'failed' ? (
        <Alert
          type="error"
          showIcon
          data-testid="import-failed"
          title={t('imports.detail.failed')}
          description={codeMessage(t, item.errorCode ?? 'internal', item.error ?? '')}
          className="page-alert"
        />
      ) : null}
      {item?.status === 'cancelled' ? (
        <Result status="warning" title={t('imports.detail.cancelled')} subTitle={t('imports.detail.cancelledBody')} data-testid="import-cancelled" />
      ) : null}
      {item?.status === 'done' && item.counts ? <ImportReport item={item} /> : null}
    </>
  );
}
