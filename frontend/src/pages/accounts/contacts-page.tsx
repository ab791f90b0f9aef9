import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Input, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { COMPANY_TIERS, CONSENT_STATUSES, contactListQuerySchema, LIST_DEPTH_LIMIT, SENIORITIES } from '@fulcrum/shared';
import type { ContactListItem } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { ToolbarSearch } from '@/components/toolbar-search';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { useUrlQuery, useUrlSearch } from '@/components/use-url-query';
import { useAccountLabels } from '@/pages/accounts/account-labels';
import { AccountsNav } from '@/pages/accounts/accounts-nav';
import { CompanyLink } from '@/pages/accounts/company-link';
import { FilterSelect, NoMatch } from '@/pages/accounts/list-filters';
import { TierTag } from '@/pages/accounts/tier-tag';
import { BulkTagButton } from '@/pages/tags/bulk-tag-modal';
import { canManageTags } from '@/session/access';
import { useUser } from '@/session/session-context';

/** Everyone in the target database: search, filters, sort and paging live in the URL. */
export function ContactsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAccountLabels();
  const user = useUser();
  const url = useUrlQuery(contactListQuerySchema);
  const { tier, seniority, consent, sort, page, pageSize } = url.query;
  const { update, sortOrder } = url;
  const [search, setSearch, q] = useUrlSearch(url, 'q');
  const [cityInput, setCityInput, cityTerm] = useUrlSearch(url, 'city');
  const city = cityTerm || undefined;
  const filtered = q !== '' || tier !== undefined || seniority !== undefined || consent !== undefined || city !== undefined;
  const [selectedIds, setSelectedIds] = useState<string[]>([]);

  const { data, loading, error, reload } = useApiData(
    (signal) => api.listContacts({ q: q || undefined, tier, seniority, consent, city, sort, page, pageSize }, { signal }),
    [q, tier, seniority, consent, city, sort, page, pageSize],
  );

  const columns = useMemo<TableColumnsType<ContactListItem>>(
    () => [
      {
        key: 'name',
        title: t('accountsBrowse.contacts.columns.name'),
        sorter: true,
        sortOrder: sortOrder('name'),
        sortDirections: ['ascend', 'descend'],
        render: (_v, contact) => (
          <Flex vertical>
            <Link to={`/accounts/contacts/${contact.id}`} data-testid="contact-link">
              <Typography.Text strong>{contact.name}</Typography.Text>
            </Link>
            {contact.email ? (
              <Typography.Text type="secondary" className="cell-secondary">
                {contact.email}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      {
        key: 'company',
        title: t('accountsBrowse.contacts.columns.company'),
        sorter: true,
        sortOrder: sortOrder('company'),
        sortDirections: ['ascend', 'descend'],
        render: (_v, contact) => (
          <Flex gap={6} align="center" wrap>
            <CompanyLink id={contact.companyId} name={contact.companyName} />
            {contact.companyTier ? <TierTag tier={contact.companyTier} /> : null}
          </Flex>
        ),
      },
      {
        key: 'title',
        title: t('accountsBrowse.contacts.columns.title'),
        responsive: ['md'],
        render: (_v, contact) => (
          <Flex vertical>
            <span>{contact.title ?? t('common.none')}</span>
            {contact.seniority ? (
              <Typography.Text type="secondary" className="cell-secondary">
                {labels.seniority(contact.seniority)}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      { key: 'phone', title: t('accountsBrowse.contacts.columns.phone'), responsive: ['xl'], render: (_v, contact) => contact.phone ?? t('common.none') },
      { key: 'city', title: t('accountsBrowse.contacts.columns.city'), responsive: ['lg'], render: (_v, contact) => contact.city ?? t('common.none') },
      { key: 'consent', title: t('accountsBrowse.contacts.columns.consent'), responsive: ['sm'], render: (_v, contact) => labels.consent(contact.consent) },
      {
        key: 'updatedAt',
        title: t('accountsBrowse.contacts.columns.updated'),
        responsive: ['xxl'],
        sorter: true,
        sortOrder: sortOrder('updatedAt'),
        sortDirections: ['descend', 'ascend'],
        render: (_v, contact) => format.dateTime(contact.updatedAt),
      },
      {
        key: 'createdAt',
        title: t('accountsBrowse.contacts.columns.created'),
        responsive: ['xxl'],
        sorter: true,
        sortOrder: sortOrder('createdAt'),
        sortDirections: ['descend', 'ascend'],
        render: (_v, contact) => format.dateTime(contact.createdAt),
      },
    ],
    [t, format, labels, sortOrder],
  );

  const clearFilters = () => {
    setSearch('');
    setCityInput('');
    update({ q: null, tier: null, seniority: null, consent: null, city: null, page: null });
  };

  // Paging stops at the depth limit; past it the total is an estimate.
  const browsable = Math.min(data?.total ?? 0, LIST_DEPTH_LIMIT);
  const totalText = (total: number) =>
    data?.totalExact === false ? t('accountsBrowse.contacts.totalAbout', { total: format.integer(total) }) : t('accountsBrowse.contacts.total', { total: format.integer(total) });

  return (
    <>
      <PageHeader
        title={t('accountsBrowse.contacts.title')}
        subtitle={t('accountsBrowse.contacts.subtitle')}
        extra={
          <>
            <AccountsNav current="contacts" />
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && data !== null}>
              {t('common.refresh')}
            </Button>
          </>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Card className="table-card">
        <Flex gap={12} wrap className="table-toolbar">
          <ToolbarSearch label={t('accountsBrowse.contacts.search')} value={search} onChange={setSearch} testId="contacts-search" />
          <FilterSelect
            value={tier}
            onChange={(value) => update({ tier: value, page: null })}
            label={t('accountsBrowse.contacts.filters.tier')}
            allLabel={t('accounts.allTiers')}
            options={COMPANY_TIERS.map((value) => ({ value, label: t(`tiers.${value}`) }))}
            data-testid="contacts-tier"
          />
          <FilterSelect
            value={seniority}
            onChange={(value) => update({ seniority: value, page: null })}
            label={t('accountsBrowse.contacts.filters.seniority')}
            allLabel={t('accountsBrowse.contacts.filters.allSeniorities')}
            options={SENIORITIES.map((value) => ({ value, label: labels.seniority(value) }))}
            data-testid="contacts-seniority"
          />
          <FilterSelect
            value={consent}
            onChange={(value) => update({ consent: value, page: null })}
            label={t('accountsBrowse.contacts.filters.consent')}
            allLabel={t('accountsBrowse.contacts.filters.allConsents')}
            options={CONSENT_STATUSES.map((value) => ({ value, label: labels.consent(value) }))}
            data-testid="contacts-consent"
          />
          <Input
            allowClear
            placeholder={t('accountsBrowse.contacts.filters.city')}
            aria-label={t('accountsBrowse.contacts.filters.city')}
            value={cityInput}
            onChange={(event) => setCityInput(event.target.value)}
            className="toolbar-select"
            data-testid="contacts-city"
          />
          <BulkTagButton entity="contact" ids={selectedIds} />
        </Flex>
        {data && data.totalExact === false && page * pageSize >= LIST_DEPTH_LIMIT ? (
          <Alert type="info" showIcon title={t('accountsBrowse.contacts.depthHint', { max: format.integer(LIST_DEPTH_LIMIT) })} className="page-alert" />
        ) : null}
        <Table<ContactListItem>
          data-testid="contacts-table"
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          onChange={url.onTableChange}
          scroll={{ x: 'max-content' }}
          rowSelection={
            canManageTags(user.role) ? { selectedRowKeys: selectedIds, preserveSelectedRowKeys: true, onChange: (keys) => setSelectedIds(keys.map(String)) } : undefined
          }
          pagination={{
            ...url.pagination,
            total: browsable,
            showTotal: () => totalText(data?.total ?? 0),
          }}
          locale={{
            emptyText: filtered ? (
              <NoMatch title={t('accountsBrowse.contacts.noMatch.title')} body={t('accountsBrowse.contacts.noMatch.body')} onClear={clearFilters} />
            ) : (
              t('accountsBrowse.contacts.empty')
            ),
          }}
        />
      </Card>
    </>
  );
}
