import type { ReactNode } from 'react';
import { Card, Descriptions, Flex, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isConsentWithdrawn } from '@fulcrum/shared';
import type { ContactDetail, Identity } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { useApiData } from '@/components/use-api-data';
import { AccountDetailLayout, AccountDetailLoading, EngagementCard } from '@/pages/accounts/account-detail-layout';
import { useAccountLabels } from '@/pages/accounts/account-labels';
import { CompanyLink } from '@/pages/accounts/company-link';
import { ContactEditModal } from '@/pages/accounts/edit-forms';
import { FieldSourceHint } from '@/pages/accounts/field-source';

/** One person: their details (with where each value came from), identities, tags, duplicates and history. */
export function ContactDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAccountLabels();

  const detail = useApiData((signal) => api.getContact(id, { signal }), [id]);
  const duplicates = useApiData((signal) => api.contactDuplicates(id, { signal }), [id]);
  const contact = detail.data?.contact;

  if (!contact) return <AccountDetailLoading entity="contact" error={detail.error} onRetry={detail.reload} />;

  const none = t('common.none');
  const value = (field: keyof ContactDetail & string, shown: ReactNode) => (
    <FieldSourceHint field={field} source={contact.fieldSources[field]}>
      {shown}
    </FieldSourceHint>
  );

  return (
    <AccountDetailLayout
      entity="contact"
      record={contact}
      subtitle={
        <Flex gap={8} align="center" wrap>
          <span>{[contact.title, contact.companyName].filter(Boolean).join(' · ')}</span>
          {isConsentWithdrawn(contact.consent) ? <Tag color="red">{labels.consent(contact.consent)}</Tag> : null}
        </Flex>
      }
      detail={detail}
      duplicates={duplicates}
      duplicateItems={
        duplicates.data?.map((item) => ({
          record: item.contact,
          description: [item.contact.title, item.contact.companyName, item.contact.email, item.contact.phone].filter(Boolean).join(' · '),
          reasons: item.reasons,
        })) ?? null
      }
      editModal={(props) => <ContactEditModal contact={contact} {...props} />}
      main={
        <>
          <Card title={t('accountsBrowse.contact.details')} data-testid="contact-details">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={labels.field('name')}>{value('name', contact.name)}</Descriptions.Item>
              <Descriptions.Item label={labels.field('companyId')}>{value('companyId', <CompanyLink id={contact.companyId} name={contact.companyName} />)}</Descriptions.Item>
              <Descriptions.Item label={labels.field('email')}>{value('email', contact.email ?? none)}</Descriptions.Item>
              <Descriptions.Item label={labels.field('phone')}>{value('phone', contact.phone ?? none)}</Descriptions.Item>
              <Descriptions.Item label={labels.field('title')}>{value('title', contact.title ?? none)}</Descriptions.Item>
              <Descriptions.Item label={labels.field('department')}>{value('department', contact.department ?? none)}</Descriptions.Item>
              <Descriptions.Item label={labels.field('seniority')}>{value('seniority', labels.seniority(contact.seniority))}</Descriptions.Item>
              <Descriptions.Item label={labels.field('buyingRole')}>{value('buyingRole', contact.buyingRole ?? none)}</Descriptions.Item>
              <Descriptions.Item label={labels.field('locale')}>{value('locale', contact.locale ?? none)}</Descriptions.Item>
              <Descriptions.Item label={labels.field('consent')}>
                {value('consent', labels.consent(contact.consent))}
                {contact.consentSource || contact.consentAt ? (
                  <span className="consent-detail">
                    {' '}
                    ({[contact.consentSource, contact.consentAt && format.dateTime(contact.consentAt)].filter(Boolean).join(' · ')})
                  </span>
                ) : null}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <EngagementCard entity="contact" className="detail-grid" />
        </>
      }
      side={
        <Card title={t('accountsBrowse.identities.title')}>
          <Table<Identity>
            size="small"
            rowKey={(identity) => `${identity.kind}:${identity.value}`}
            pagination={false}
            dataSource={contact.identities}
            data-testid="contact-identities"
            columns={[
              { key: 'kind', title: t('accountsBrowse.identities.kind'), render: (_v, identity) => t(`accountsBrowse.identities.kinds.${identity.kind as 'email'}`, { defaultValue: identity.kind }) },
              { key: 'value', title: t('accountsBrowse.identities.value'), dataIndex: 'value' },
              { key: 'source', title: t('accountsBrowse.identities.source'), dataIndex: 'source', responsive: ['md'] },
            ]}
            locale={{ emptyText: t('accountsBrowse.identities.none') }}
          />
        </Card>
      }
    />
  );
}
