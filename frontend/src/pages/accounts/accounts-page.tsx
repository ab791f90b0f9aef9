import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { COMPANY_TIERS, companyListQuerySchema, industryLabel } from '@fulcrum/shared';
import type { Company } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { ToolbarSearch } from '@/components/toolbar-search';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { useUrlQuery, useUrlSearch } from '@/components/use-url-query';
import { DemoProgress } from '@/demo/demo-progress';
import { useDemoStatus } from '@/demo/use-demo-status';
import { AccountsEmpty } from '@/pages/accounts/accounts-empty';
import { AccountsNav } from '@/pages/accounts/accounts-nav';
import { FilterSelect, NoMatch } from '@/pages/accounts/list-filters';
import { TierTag } from '@/pages/accounts/tier-tag';
import { BulkTagButton } from '@/pages/tags/bulk-tag-modal';
import { canManageDemo, canManageTags } from '@/session/access';
import { useUser } from '@/session/session-context';

export function AccountsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const demo = useDemoStatus(canManageDemo(user.role));
  const url = useUrlQuery(companyListQuerySchema);
  const { tier, sort, page, pageSize } = url.query;
  const { update, sortOrder } = url;
  const [search, setSearch, q] = useUrlSearch(url, 'q');
  const filtered = q !== '' || tier !== undefined;
  // Rows picked for bulk tagging; kept across pages, so several pages can be tagged at once.
  const [selectedIds, setSelectedIds] = useState<string[]>([]);

  const { data, loading, error, reload } = useApiData(
    (signal) => api.listCompanies({ q: q || undefined, tier, sort, page, pageSize }, { signal }),
    [q, tier, sort, page, pageSize],
  );

  // When a demo load finishes, show what it brought.
  const demoState = demo.status?.state;
  const previousDemoState = useRef(demoState);
  useEffect(() => {
    if (previousDemoState.current === 'loading' && demoState !== 'loading') reload();
    previousDemoState.current = demoState;
  }, [demoState, reload]);

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
        sortOrder: sortOrder('name'),
        sortDirections: ['ascend', 'descend'],
        render: (_value, company) => (
          <Flex vertical>
            <Link to={`/accounts/companies/${company.id}`} data-testid="company-link">
              <Typography.Text strong>{company.name}</Typography.Text>
            </Link>
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
        sortOrder: sortOrder('employees'),
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
    [t, format, sortOrder],
  );

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
          <>
            <AccountsNav current="companies" />
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && data !== null}>
              {t('common.refresh')}
            </Button>
          </>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      {demo.status?.state === 'loading' && !empty ? (
        <Alert type="info" title={t('accounts.demoLoading')} description={<DemoProgress status={demo.status} />} className="page-alert" />
      ) : null}
      {empty ? (
        <AccountsEmpty demo={demoAccess} />
      ) : (
        <Card className="table-card">
          <Flex gap={12} wrap className="table-toolbar">
            <ToolbarSearch label={t('accounts.search')} value={search} onChange={setSearch} testId="companies-search" />
            <FilterSelect
              value={tier}
              onChange={(value) => update({ tier: value, page: null })}
              label={t('accounts.tierFilter')}
              allLabel={t('accounts.allTiers')}
              options={COMPANY_TIERS.map((value) => ({ value, label: t(`tiers.${value}`) }))}
              data-testid="companies-tier"
            />
            <BulkTagButton entity="company" ids={selectedIds} />
          </Flex>
          <Table<Company>
            data-testid="companies-table"
            rowKey="id"
            rowSelection={
              canManageTags(user.role) ? { selectedRowKeys: selectedIds, preserveSelectedRowKeys: true, onChange: (keys) => setSelectedIds(keys.map(String)) } : undefined
            }
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            onChange={url.onTableChange}
            scroll={{ x: 'max-content' }}
            pagination={{
              ...url.pagination,
              total: data?.total ?? 0,
              showTotal: format.rangeOfTotal,
            }}
            locale={{
              emptyText: filtered ? <NoMatch title={t('accounts.noMatch.title')} body={t('accounts.noMatch.body')} onClear={clearFilters} /> : undefined,
            }}
          />
        </Card>
      )}
    </>
  );
}
