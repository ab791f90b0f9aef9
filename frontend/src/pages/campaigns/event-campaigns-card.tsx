import { Button, Card, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { useApiData } from '@/components/use-api-data';
import { CAMPAIGN_STATUS_COLORS } from '@/pages/campaigns/campaign-labels';
import '@/pages/campaigns/campaigns.css';

const SHOWN = 5;

/** The event page's invitations: its latest campaigns, and a new one for this event. */
export function EventCampaignsCard({ eventId, canEdit, leaveTo }: { eventId: string; canEdit: boolean; leaveTo: (path: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error } = useApiData((signal) => api.listCampaigns(eventId, { signal }), [eventId]);
  const campaigns = data ?? [];
  const allPath = `/campaigns?eventId=${encodeURIComponent(eventId)}`;

  return (
    <Card
      title={t('campaigns.eventCard.title')}
      size="small"
      className="event-campaigns-card"
      data-testid="event-campaigns"
      extra={
        canEdit ? (
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => leaveTo(`/campaigns/new?eventId=${encodeURIComponent(eventId)}`)} data-testid="event-campaign-new">
            {t('campaigns.eventCard.new')}
          </Button>
        ) : null
      }
    >
      {error ? (
        <Typography.Text type="secondary">{t('campaigns.eventCard.loadFailed')}</Typography.Text>
      ) : data === null ? (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      ) : campaigns.length === 0 ? (
        <Typography.Text type="secondary" data-testid="event-campaigns-empty">
          {t('campaigns.eventCard.none')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {campaigns.slice(0, SHOWN).map((campaign) => (
            <Flex key={campaign.id} justify="space-between" align="center" gap={8} data-testid="event-campaign">
              <Flex vertical className="event-campaign-main">
                <Typography.Link ellipsis onClick={() => leaveTo(`/campaigns/${campaign.id}`)}>
                  {campaign.name}
                </Typography.Link>
                <Typography.Text type="secondary" className="cell-secondary">
                  {campaign.counts.recipients > 0
                    ? t('campaigns.eventCard.counts', { sent: format.integer(campaign.counts.sent), registered: format.integer(campaign.counts.registered) })
                    : format.dateTime(campaign.createdAt)}
                </Typography.Text>
              </Flex>
              <Tag color={CAMPAIGN_STATUS_COLORS[campaign.status]}>{t(`campaigns.statuses.${campaign.status}`)}</Tag>
            </Flex>
          ))}
          <Link
            to={allPath}
            onClick={(event) => {
              event.preventDefault();
              leaveTo(allPath);
            }}
          >
            {t('campaigns.eventCard.all', { count: campaigns.length })}
          </Link>
        </Flex>
      )}
    </Card>
  );
}
