import { useEffect, useMemo } from 'react';
import { Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';

import { useTranslation } from 'react-i18next';
import { INVITATION_STATUSES } from '@fulcrum/shared';
import type { Invitation, invitationListQuerySchema } from '@fulcrum/shared';
import type { z } from 'zod';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { ToolbarSearch } from '@/components/toolbar-search';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { useApiData } from '@/components/use-api-data';
import { useUrlSearch } from '@/components/use-url-query';
import type { UrlQuery } from '@/components/use-url-query';
import { FilterSelect, NoMatch } from '@/pages/accounts/list-filters';
import { INVITATION_STATUS_COLORS } from '@/pages/campaigns/campaign-labels';

export type InvitationQuery = UrlQuery<z.output<typeof invitationListQuerySchema>>;

/**
 * Everyone the campaign invites, paged by the server, with how far each got and, for a refused
 * message, the mail server's reason. The filters live in the URL; `tick` refreshes the page shown
 * in place (no spinner) while the campaign sends.
 */
export function CampaignRecipients({ campaignId, url, tick }: { campaignId: string; url: InvitationQuery; tick: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { status, page, pageSize } = url.query;
  const { update } = url;
  const [search, setSearch, q] = useUrlSearch(url, 'q');
  const filtered = q !== '' || status !== undefined;

  const { data, setData, loading, error, reload } = useApiData(
    (signal) => api.listInvitations(campaignId, { q: q || undefined, status, page, pageSize }, { signal }),
    [campaignId, q, status, page, pageSize],
  );

  useEffect(() => {
    if (tick === 0) return;
    const controller = new AbortController();
    api.listInvitations(campaignId, { q: q || undefined, status, page, pageSize }, { signal: controller.signal }).then(setData, () => undefined);
    return () => controller.abort();
    // Only the tick asks for this refresh; a changed filter loads through useApiData above.
  }, [tick]);

  const when = (iso: string | null) => (iso ? format.dateTime(iso) : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>);

  const columns = useMemo<TableColumnsType<Invitation>>(
    () => [
      {
        key: 'recipient',
        title: t('campaigns.recipients.columns.recipient'),
        render: (_value, invitation) => (
          <Flex vertical>
            <Typography.Text strong>{invitation.name}</Typography.Text>
            <Typography.Text type="secondary" className="cell-secondary" data-testid="recipient-email">
              {invitation.email}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        key: 'company',
        title: t('campaigns.recipients.columns.company'),
        responsive: ['md'],
        render: (_value, invitation) => invitation.company ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
      },
      {
        key: 'variant',
        title: t('campaigns.recipients.columns.variant'),
        responsive: ['lg'],
        render: (_value, invitation) =>
          invitation.variant ? <Tag color="purple">{invitation.variant}</Tag> : <Typography.Text type="secondary">{t('campaigns.recipients.defaultText')}</Typography.Text>,
      },
      {
        key: 'status',
        title: t('campaigns.recipients.columns.status'),
        render: (_value, invitation) => (
          <Flex vertical gap={2} align="flex-start" className="recipient-status">
            <Tag color={INVITATION_STATUS_COLORS[invitation.status]} data-testid="recipient-status" data-status={invitation.status}>
              {t(`campaigns.invitationStatuses.${invitation.status}`)}
            </Tag>
            {invitation.error ? (
              <Typography.Text type={invitation.status === 'failed' || invitation.status === 'bounced' ? 'danger' : 'secondary'} className="recipient-error" data-testid="recipient-error">
                {invitation.error}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      { key: 'sentAt', title: t('campaigns.recipients.columns.sentAt'), responsive: ['sm'], render: (_value, invitation) => when(invitation.sentAt) },
      { key: 'openedAt', title: t('campaigns.recipients.columns.openedAt'), responsive: ['lg'], render: (_value, invitation) => when(invitation.openedAt) },
      { key: 'clickedAt', title: t('campaigns.recipients.columns.clickedAt'), responsive: ['xl'], render: (_value, invitation) => when(invitation.clickedAt) },
      { key: 'registeredAt', title: t('campaigns.recipients.columns.registeredAt'), responsive: ['md'], render: (_value, invitation) => when(invitation.registeredAt) },
    ],
    // `when` is rebuilt from `t` and `format`.
    [t, format],
  );

  const clearFilters = () => {
    setSearch('');
    update({ q: null, status: null, page: null });
  };

  return (
    <Card title={t('campaigns.recipients.title')} className="table-card campaign-recipients" data-testid="campaign-recipients">
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Flex gap={12} wrap align="center" className="table-toolbar">
        <ToolbarSearch label={t('campaigns.recipients.search')} value={search} onChange={setSearch} testId="recipients-search" />
        <FilterSelect
          value={status}
          onChange={(value) => update({ status: value, page: null })}
          label={t('campaigns.recipients.statusFilter')}
          allLabel={t('campaigns.recipients.allStatuses')}
          options={INVITATION_STATUSES.map((value) => ({ value, label: t(`campaigns.invitationStatuses.${value}`) }))}
          data-testid="recipients-status"
        />
      </Flex>
      <Table<Invitation>
        data-testid="recipients-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        onChange={url.onTableChange}
        scroll={{ x: 'max-content' }}
        pagination={{ ...url.pagination, total: data?.total ?? 0, showTotal: format.rangeOfTotal }}
        locale={{
          emptyText: filtered ? (
            <NoMatch title={t('campaigns.recipients.noMatch.title')} body={t('campaigns.recipients.noMatch.body')} onClear={clearFilters} />
          ) : (
            t('campaigns.recipients.empty')
          ),
        }}
      />
    </Card>
  );
}
