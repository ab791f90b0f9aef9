import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Input, Select, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import { COMPANY_TIERS, companyListQuerySchema, industryLabel } from '@fulcrum/shared';
import type { Company, CompanyTier, Page } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { DemoProgress } from '@/demo/demo-progress';
import { useDemoStatus } from '@/demo/use-demo-status';
import { errorMessage } from '@/i18n/error-message';
import { AccountsEmpty } from '@/pages/accounts/accounts-empty';
import { TierTag } from '@/pages/accounts/tier-tag';
import { canManageDemo } from '@/session/access';
import { useUser } from '@/session/session-context';

type Sort = z.output<typeof companyListQuerySchema.shape.sort>;
type SortField = 'name' | 'employees';

const SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZES = [20, 50, 100];
const shape = companyListQuerySchema.shape;

/** Reads one URL parameter with the shared query schema; a bad value falls back to the default. */
function parseParam<T>(schema: z.ZodType<T>, raw: string | null, fallback: T): T {
  const parsed = schema.safeParse(raw ?? undefined);
  return parsed.success ? parsed.data : fallback;
}

function sortOrder(sort: Sort, field: SortField): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function AccountsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const demo = useDemoStatus(canManageDemo(user.role));
  const [params, setParams] = useSearchParams();

  const q = params.get('q') ?? '';
  const tier = parseParam(shape.tier, params.get('tier'), undefined);
  const sort = parseParam(shape.sort, params.get('sort'), 'name');
  const page = parseParam(shape.page, params.get('page'), 1);
  const pageSize = parseParam(shape.pageSize, params.get('pageSize'), PAGE_SIZES[0] ?? 20);
  const filtered = q !== '' || tier !== undefined;

  const [search, setSearch] = useState(q);
  const [data, setData] = useState<Page<Company> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  const update = useCallback(
    (changes: Record<string, string | number | null>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  // Typing settles for a moment before it becomes a query.
  useEffect(() => {
    const term = search.trim();
    if (term === q) return;
    const timer = setTimeout(() => update({ q: term, page: null }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, q, update]);

  // Back/forward can change the query under the search box.
  useEffect(() => {
    setSearch((current) => (current.trim() === q ? current : q));
  }, [q]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .listCompanies({ q: q || undefined, tier, sort, page, pageSize }, { signal: controller.signal })
      .then((next) => {
        setData(next);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [q, tier, sort, page, pageSize, reloads]);

  // When a demo load finishes, show what it brought.
  const demoState = demo.status?.state;
  const previousDemoState = useRef(demoState);
  useEffect(() => {
    if (previousDemoState.current === 'loading' && demoState !== 'loading') setReloads((n) => n + 1);
    previousDemoState.current = demoState;
  }, [demoState]);

  // Past the last page (the list shrank): go to the last one.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && page > 1) {
      update({ page: Math.max(1, Math.ceil(data.total / pageSize)) });
    }
  }, [data, page, pageSize, update]);

  const columns = useMemo<TableColumnsType<Company>>(
    () => [
      {
        key: 'name',
        dataIndex: 'name',
        title: t('accounts.columns.name'),
        sorter: true,
        sortOrder: sortOrder(sort, 'name'),
        sortDirections: ['ascend', 'descend'],
        render: (_value, company) => (
          <Flex vertical>
            <Typography.Text strong>{company.name}</Typography.Text>
            {company.domain ? (
              <Typography.Text type="secondary" className="cell-secondary">
                {company.domain}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      {
        key: 'industry',
        title: t('accounts.columns.industry'),
        responsive: ['md'],
        render: (_value, company) => (
          <Flex vertical>
            <span>{company.industry ? (industryLabel(company.industry, format.locale) ?? company.industry) : t('common.none')}</span>
            {company.subIndustry ? (
              <Typography.Text type="secondary" className="cell-secondary">
                {industryLabel(company.subIndustry, format.locale) ?? company.subIndustry}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      {
        key: 'location',
        title: t('accounts.columns.location'),
        responsive: ['xl'],
        render: (_value, company) =>
          [...new Set([company.city, company.province, company.country && format.country(company.country)].filter(Boolean))].join(' · ') ||
          t('common.none'),
      },
      {
        key: 'employees',
        dataIndex: 'employees',
        title: t('accounts.columns.employees'),
        align: 'right',
        responsive: ['sm'],
        sorter: true,
        sortOrder: sortOrder(sort, 'employees'),
        sortDirections: ['descend', 'ascend'],
        render: (_value, company) => (company.employees === null ? t('common.none') : format.integer(company.employees)),
      },
      {
        key: 'tier',
        dataIndex: 'tier',
        title: t('accounts.columns.tier'),
        render: (_value, company) => (company.tier ? <TierTag tier={company.tier} /> : t('common.none')),
      },
      {
        key: 'owner',
        dataIndex: 'salesOwnerName',
        title: t('accounts.columns.owner'),
        responsive: ['lg'],
        render: (_value, company) => company.salesOwnerName ?? t('common.none'),
      },
      {
        key: 'contacts',
        dataIndex: 'contactCount',
        title: t('accounts.columns.contacts'),
        align: 'right',
        responsive: ['xxl'],
        render: (_value, company) => format.integer(company.contactCount),
      },
    ],
    [t, format, sort],
  );

  const onTableChange: TableProps<Company>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort' && !Array.isArray(sorter)) {
      const field = sorter.columnKey === 'employees' ? 'employees' : 'name';
      const next: Sort = sorter.order === 'descend' ? `-${field}` : field;
      update({ sort: next === 'name' ? null : next, page: null });
      return;
    }
    update({
      page: pagination.current && pagination.current > 1 ? pagination.current : null,
      pageSize: pagination.pageSize && pagination.pageSize !== PAGE_SIZES[0] ? pagination.pageSize : null,
    });
  };

  const clearFilters = () => {
    setSearch('');
    update({ q: null, tier: null, page: null });
  };

  const demoAccess = canManageDemo(user.role) ? demo : null;
  const empty = data !== null && data.total === 0 && !filtered && !error;

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => setReloads((n) => n + 1)} loading={loading && data !== null}>
            {t('common.refresh')}
          </Button>
        }
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(t, error)}
          action={
            <Button size="small" onClick={() => setReloads((n) => n + 1)}>
              {t('common.retry')}
            </Button>
          }
          className="page-alert"
        />
      ) : null}
      {demo.status?.state === 'loading' && !empty ? (
        <Alert type="info" title={t('accounts.demoLoading')} description={<DemoProgress status={demo.status} />} className="page-alert" />
      ) : null}
      {empty ? (
        <AccountsEmpty demo={demoAccess} />
      ) : (
        <Card className="table-card">
          <Flex gap={12} wrap className="table-toolbar">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('accounts.search')}
              aria-label={t('accounts.search')}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              className="toolbar-search"
              data-testid="companies-search"
            />
            <Select<CompanyTier | 'all'>
              value={tier ?? 'all'}
              onChange={(value) => update({ tier: value === 'all' ? null : value, page: null })}
              aria-label={t('accounts.tierFilter')}
              className="toolbar-select"
              data-testid="companies-tier"
              options={[
                { value: 'all', label: t('accounts.allTiers') },
                ...COMPANY_TIERS.map((value) => ({ value, label: t(`tiers.${value}`) })),
              ]}
            />
          </Flex>
          <Table<Company>
            data-testid="companies-table"
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            onChange={onTableChange}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: true,
              showTotal: (total, [from, to]) => t('common.rangeOfTotal', { from: format.integer(from), to: format.integer(to), total: format.integer(total) }),
            }}
            locale={{
              emptyText: filtered ? (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    <Flex vertical gap={2} align="center">
                      <Typography.Text strong>{t('accounts.noMatch.title')}</Typography.Text>
                      <Typography.Text type="secondary">{t('accounts.noMatch.body')}</Typography.Text>
                    </Flex>
                  }
                >
                  <Button onClick={clearFilters}>{t('accounts.noMatch.clear')}</Button>
                </Empty>
              ) : undefined,
            }}
          />
        </Card>
      )}
    </>
  );
}
