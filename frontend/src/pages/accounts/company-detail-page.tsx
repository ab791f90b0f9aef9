import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Card, Col, Descriptions, Flex, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { CompanyDetail, ContactListItem } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useApiData } from '@/components/use-api-data';
import { AccountDetailLayout, AccountDetailLoading, EngagementCard } from '@/pages/accounts/account-detail-layout';
import { useAccountLabels } from '@/pages/accounts/account-labels';
import { CompanyEditModal } from '@/pages/accounts/edit-forms';
import { FieldSourceHint } from '@/pages/accounts/field-source';
import { TierTag } from '@/pages/accounts/tier-tag';

const PEOPLE_PAGE_SIZE = 10;

/** One account: its firmographics (with where each value came from), its people, tags, duplicates and history. */
export function CompanyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAccountLabels();
  const [peoplePage, setPeoplePage] = useState(1);

  const detail = useApiData((signal) => api.getCompany(id, { contactsPageSize: 1 }, { signal }), [id]);
  const people = useApiData((signal) => api.listContacts({ companyId: id, sort: 'name', page: peoplePage, pageSize: PEOPLE_PAGE_SIZE }, { signal }), [id, peoplePage]);
  const duplicates = useApiData((signal) => api.companyDuplicates(id, { signal }), [id]);
  const company = detail.data?.company;

  const peopleColumns = useMemo<TableColumnsType<ContactListItem>>(
    () => [
      {
        key: 'name',
        title: labels.field('name'),
        render: (_v, contact) => (
          <Link to={`/accounts/contacts/${contact.id}`} data-testid="person-link">
            {contact.name}
          </Link>
        ),
      },
      { key: 'title', title: labels.field('title'), render: (_v, contact) => contact.title ?? t('common.none') },
      { key: 'seniority', title: labels.field('seniority'), responsive: ['md'], render: (_v, contact) => labels.seniority(contact.seniority) },
      { key: 'email', title: labels.field('email'), responsive: ['lg'], render: (_v, contact) => contact.email ?? t('common.none') },
      { key: 'consent', title: labels.field('consent'), render: (_v, contact) => labels.consent(contact.consent) },
    ],
    [t, labels],
  );

  if (!company) return <AccountDetailLoading entity="company" error={detail.error} onRetry={detail.reload} />;

  // Values without their own mark came with the record (demo data, an older import).
  const origin = { source: company.source, at: company.createdAt, importId: null, importName: null, userId: null, userName: null };
  const value = (field: keyof CompanyDetail & string, shown: ReactNode) => (
    <FieldSourceHint field={field} source={company.fieldSources[field] ?? origin}>
      {shown}
    </FieldSourceHint>
  );
  const none = t('common.none');

  return (
    <AccountDetailLayout
      entity="company"
      record={company}
      subtitle={
        <Flex gap={8} align="center" wrap>
          {company.tier ? <TierTag tier={company.tier} /> : null}
          <span>{[company.domain, company.industry && labels.industry(company.industry), company.city].filter(Boolean).join(' · ')}</span>
        </Flex>
      }
      detail={detail}
      duplicates={duplicates}
      duplicateItems={
        duplicates.data?.map((item) => ({
          record: item.company,
          description: [item.company.domain, item.company.city, t('accountsBrowse.duplicates.contacts', { count: item.company.contactCount })].filter(Boolean).join(' · '),
          reasons: item.reasons,
        })) ?? null
      }
      onChanged={people.reload}
      editModal={(props) => <CompanyEditModal company={company} {...props} />}
      main={
        <Card title={t('accountsBrowse.company.firmographics')} data-testid="firmographics">
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={labels.field('name')}>{value('name', company.name)}</Descriptions.Item>
            <Descriptions.Item label={labels.field('domain')}>{value('domain', company.domain ?? none)}</Descriptions.Item>
            <Descriptions.Item label={labels.field('creditCode')}>{value('creditCode', company.creditCode ?? none)}</Descriptions.Item>
            <Descriptions.Item label={labels.field('industry')}>
              {/* One span: the item lays its children out as flex items, which drop the spaces around the slash. */}
              <span>
                {value('industry', labels.industry(company.industry))}
                {company.subIndustry ? <> / {value('subIndustry', labels.industry(company.subIndustry))}</> : null}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={labels.field('employees')}>
              {value('employees', company.employees === null ? labels.value('employeeBand', company.employeeBand) : format.integer(company.employees))}
            </Descriptions.Item>
            <Descriptions.Item label={labels.field('revenueBand')}>{value('revenueBand', labels.value('revenueBand', company.revenueBand))}</Descriptions.Item>
            <Descriptions.Item label={labels.field('location')}>
              {value('city', [...new Set([company.city, company.province, company.country && format.country(company.country)].filter(Boolean))].join(' · ') || none)}
            </Descriptions.Item>
            <Descriptions.Item label={labels.field('ownership')}>{value('ownership', labels.value('ownership', company.ownership))}</Descriptions.Item>
            <Descriptions.Item label={labels.field('foundedYear')}>{value('foundedYear', company.foundedYear ?? none)}</Descriptions.Item>
            <Descriptions.Item label={labels.field('tier')}>{value('tier', company.tier ? <TierTag tier={company.tier} /> : none)}</Descriptions.Item>
            <Descriptions.Item label={labels.field('salesOwnerId')}>{value('salesOwnerId', company.salesOwnerName ?? none)}</Descriptions.Item>
            <Descriptions.Item label={labels.field('techTags')}>{value('techTags', company.techTags.join(', ') || none)}</Descriptions.Item>
          </Descriptions>
        </Card>
      }
      side={<EngagementCard entity="company" />}
    >
      <Col xs={24}>
        <Card title={t('accountsBrowse.company.people', { count: people.data?.total ?? company.contactCount })}>
          {people.error ? <LoadErrorAlert error={people.error} onRetry={people.reload} /> : null}
          <Table<ContactListItem>
            data-testid="company-people"
            rowKey="id"
            size="small"
            columns={peopleColumns}
            dataSource={people.data?.items ?? []}
            loading={people.loading}
            pagination={{
              current: peoplePage,
              pageSize: PEOPLE_PAGE_SIZE,
              total: people.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              onChange: setPeoplePage,
            }}
            locale={{ emptyText: t('accountsBrowse.company.noPeople') }}
          />
        </Card>
      </Col>
    </AccountDetailLayout>
  );
}
