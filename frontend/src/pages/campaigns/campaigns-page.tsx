import { useMemo } from 'react';
import { Button, Card, Empty, Flex, Progress, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Campaign } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { campaignProgress, percentOf } from '@/pages/campaigns/campaign-form';
import { CAMPAIGN_STATUS_COLORS } from '@/pages/campaigns/campaign-labels';
import { canEditCampaigns } from '@/session/access';
import { useUser } from '@/session/session-context';
import '@/pages/campaigns/campaigns.css';

function CampaignsEmpty({ canEdit, onCreate, filtered }: { canEdit: boolean; onCreate: () => void; filtered: boolean }) {
  const { t } = useTranslation();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      className="campaigns-empty"
      data-testid="campaigns-empty"
      description={
        <Flex vertical gap={4} align="center">
          <Typography.Title level={4} className="empty-title">
            {filtered ? t('campaigns.empty.titleForEvent') : t('campaigns.empty.title')}
          </Typography.Title>
          <Typography.Text type="secondary" className="empty-body">
            {canEdit ? t('campaigns.empty.body') : t('campaigns.empty.bodyReadOnly')}
          </Typography.Text>
        </Flex>
      }
    >
      {canEdit ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="campaigns-empty-create">
          {t('campaigns.empty.create')}
        </Button>
      ) : null}
    </Empty>
  );
}

/** An engagement count with its share of the messages sent. */
function Rate({ count, sent }: { count: number; sent: number }) {
  const format = useFormat();
  const rate = percentOf(count, sent);
  return (
    <Flex vertical align="flex-end">
      <span>{format.integer(count)}</span>
      {rate === null ? null : (
        <Typography.Text type="secondary" className="cell-secondary">
          {format.decimal(rate)}%
        </Typography.Text>
      )}
    </Flex>
  );
}

/** Every campaign, newest first, with its delivery and funnel at a glance; `?eventId=` keeps one event's. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const user = useUser();
  const canEdit = canEditCampaigns(user.role);
  const [params, setParams] = useSearchParams();
  const eventId = params.get('eventId') ?? undefined;

  const { data, loading, error, reload } = useApiData((signal) => api.listCampaigns(eventId, { signal }), [eventId]);
  const events = useApiData((signal) => api.listEvents({ pageSize: 200 }, { signal }), []);

  const create = () => navigate(eventId ? `/campaigns/new?eventId=${encodeURIComponent(eventId)}` : '/campaigns/new');
  const setEvent = (value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set('eventId', value);
        else next.delete('eventId');
        return next;
      },
      { replace: true },
    );

  const eventOptions = useMemo(() => {
    const options = (events.data?.items ?? []).map((event) => ({ value: event.id, label: event.title }));
    // An event beyond the first 200 still shows by name once its campaigns have loaded.
    for (const campaign of data ?? []) {
      if (!options.some((option) => option.value === campaign.eventId)) options.push({ value: campaign.eventId, label: campaign.eventTitle });
    }
    return options;
  }, [events.data, data]);

  const columns = useMemo<TableColumnsType<Campaign>>(
    () => [
      {
        key: 'name',
        title: t('campaigns.columns.name'),
        render: (_value, campaign) => (
          <Link to={`/campaigns/${campaign.id}`} data-testid="campaign-link">
            <Typography.Text strong className="campaign-name-link">
              {campaign.name}
            </Typography.Text>
          </Link>
        ),
      },
      {
        key: 'event',
        title: t('campaigns.columns.event'),
        responsive: ['md'],
        render: (_value, campaign) => <Link to={`/events/${campaign.eventId}`}>{campaign.eventTitle}</Link>,
      },
      {
        key: 'audience',
        title: t('campaigns.columns.audience'),
        responsive: ['lg'],
        render: (_value, campaign) =>
          campaign.audience.kind === 'segment' ? (
            (campaign.segmentName ?? t('campaigns.audienceKinds.segment'))
          ) : (
            <Typography.Text type="secondary">{t('campaigns.audienceKinds.list')}</Typography.Text>
          ),
      },
      {
        key: 'status',
        title: t('campaigns.columns.status'),
        render: (_value, campaign) => (
          <Flex vertical gap={2} align="flex-start">
            <Tag color={CAMPAIGN_STATUS_COLORS[campaign.status]} data-testid="campaign-status" data-status={campaign.status}>
              {t(`campaigns.statuses.${campaign.status}`)}
            </Tag>
            {campaign.status === 'scheduled' && campaign.scheduledAt ? (
              <Typography.Text type="secondary" className="cell-secondary">
                {format.dateTime(campaign.scheduledAt)}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      {
        key: 'progress',
        title: t('campaigns.columns.progress'),
        render: (_value, campaign) => {
          if (campaign.counts.recipients === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
          const progress = campaignProgress(campaign.counts);
          return (
            <Flex vertical className="campaign-list-progress">
              <Progress percent={progress.percent} size="small" showInfo={false} status={campaign.status === 'sending' ? 'active' : 'normal'} />
              <Typography.Text type="secondary" className="cell-secondary" data-testid="campaign-sent">
                {t('campaigns.columns.sentOf', { sent: format.integer(campaign.counts.sent), total: format.integer(campaign.counts.recipients) })}
              </Typography.Text>
            </Flex>
          );
        },
      },
      { key: 'opened', title: t('campaigns.columns.opened'), align: 'right', responsive: ['sm'], render: (_value, campaign) => <Rate count={campaign.counts.opened} sent={campaign.counts.sent} /> },
      { key: 'clicked', title: t('campaigns.columns.clicked'), align: 'right', responsive: ['md'], render: (_value, campaign) => <Rate count={campaign.counts.clicked} sent={campaign.counts.sent} /> },
      {
        key: 'registered',
        title: t('campaigns.columns.registered'),
        align: 'right',
        render: (_value, campaign) => <Rate count={campaign.counts.registered} sent={campaign.counts.sent} />,
      },
      {
        key: 'created',
        title: t('campaigns.columns.created'),
        responsive: ['lg'],
        render: (_value, campaign) => format.dateTime(campaign.createdAt),
      },
    ],
    [t, format],
  );

  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && data !== null}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={create} data-testid="campaign-new">
                {t('campaigns.new')}
              </Button>
            ) : null}
          </>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Card className="table-card">
        <Flex gap={12} wrap align="center" className="table-toolbar">
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={eventId}
            onChange={(value) => setEvent(value ?? null)}
            placeholder={t('campaigns.allEvents')}
            aria-label={t('campaigns.eventFilter')}
            loading={events.loading}
            options={eventOptions}
            className="campaigns-event-filter"
            data-testid="campaigns-event"
          />
        </Flex>
        <Table<Campaign>
          data-testid="campaigns-table"
          rowKey="id"
          columns={columns}
          dataSource={data ?? []}
          loading={loading}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: format.rangeOfTotal }}
          locale={{ emptyText: data !== null && !error ? <CampaignsEmpty canEdit={canEdit} onCreate={create} filtered={eventId !== undefined} /> : undefined }}
        />
      </Card>
    </>
  );
}
