import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, PauseCircleOutlined, PlayCircleOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { invitationListQuerySchema } from '@fulcrum/shared';
import type { Campaign, CampaignCounts, InvitationStatus } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { useFormat } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { useUrlQuery } from '@/components/use-url-query';
import { errorMessage } from '@/i18n/error-message';
import { CAMPAIGN_ACTIONS, campaignProgress, funnelSteps } from '@/pages/campaigns/campaign-form';
import type { CampaignAction } from '@/pages/campaigns/campaign-form';
import { CAMPAIGN_STATUS_COLORS } from '@/pages/campaigns/campaign-labels';
import { useVariantValues } from '@/pages/campaigns/campaign-labels';
import { CampaignRecipients } from '@/pages/campaigns/campaign-recipients';

/** While a campaign sends, its numbers are read again this often. */
export const POLL_MS = 2_000;

const OUTCOMES: ReadonlyArray<keyof CampaignCounts & InvitationStatus> = ['failed', 'skipped', 'bounced', 'unsubscribed'];

const ACTION_ICONS: Record<CampaignAction, typeof PauseCircleOutlined> = { pause: PauseCircleOutlined, resume: PlayCircleOutlined, cancel: StopOutlined };

function Funnel({ counts, onOutcome }: { counts: CampaignCounts; onOutcome: (status: InvitationStatus) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const steps = funnelSteps(counts);
  return (
    <Card title={t('campaigns.report.funnel')} className="campaign-funnel-card" data-testid="campaign-funnel">
      <div className="campaign-funnel">
        {steps.map(({ step, count, rate }, index) => (
          <Flex key={step} align="center" className="funnel-step-wrap">
            {index > 0 ? <ArrowRightOutlined className="funnel-arrow" /> : null}
            <div className="funnel-step" data-testid={`funnel-${step}`}>
              <Typography.Text type="secondary" className="funnel-label">
                {t(`campaigns.funnel.${step}`)}
              </Typography.Text>
              <div className="funnel-count" data-testid={`funnel-${step}-count`}>
                {format.integer(count)}
              </div>
              <Typography.Text type="secondary" className="funnel-rate">
                {rate === null ? '\u00a0' : t(step === 'sent' ? 'campaigns.funnel.ofRecipients' : 'campaigns.funnel.ofSent', { rate: format.decimal(rate) })}
              </Typography.Text>
            </div>
          </Flex>
        ))}
      </div>
      <Flex gap={8} wrap className="campaign-outcomes">
        {OUTCOMES.map((outcome) => (
          <Button key={outcome} size="small" type="text" className="campaign-outcome" onClick={() => onOutcome(outcome)} data-testid={`outcome-${outcome}`}>
            <Typography.Text type="secondary">{t(`campaigns.funnel.${outcome}`)}</Typography.Text>{' '}
            <Typography.Text strong type={(outcome === 'failed' || outcome === 'bounced') && counts[outcome] > 0 ? 'danger' : undefined} data-testid={`outcome-${outcome}-count`}>
              {format.integer(counts[outcome])}
            </Typography.Text>
          </Button>
        ))}
      </Flex>
    </Card>
  );
}

function MessageSummary({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const values = useVariantValues();
  return (
    <Card title={t('campaigns.report.message')} className="campaign-message-card" data-testid="campaign-message">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('campaigns.editor.event')}>
          <Link to={`/events/${campaign.eventId}`}>{campaign.eventTitle}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('campaigns.sections.audience')}>
          {campaign.audience.kind === 'segment' ? (
            <Link to={`/segments/${campaign.audience.segmentId}`}>{campaign.segmentName ?? t('campaigns.audienceKinds.segment')}</Link>
          ) : (
            t('campaigns.audienceKinds.list')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('campaigns.editor.rate')}>
          {campaign.ratePerMinute === null ? t('campaigns.editor.rateUnlimited') : t('campaigns.report.rate', { rate: format.integer(campaign.ratePerMinute) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('campaigns.editor.subject')}>{campaign.subject}</Descriptions.Item>
        <Descriptions.Item label={t('campaigns.editor.body')}>
          <div className="campaign-body-text">{campaign.body}</div>
        </Descriptions.Item>
        {campaign.variants.map((variant, index) => (
          <Descriptions.Item key={index} label={t('campaigns.variants.order', { n: index + 1 })}>
            <Typography.Text strong>{variant.name}</Typography.Text>
            <Typography.Text type="secondary">
              {' · '}
              {t(`campaigns.variantFields.${variant.field}`)}: {variant.values.map((value) => values.label(variant.field, value)).join(', ')}
            </Typography.Text>
            <div className="campaign-variant-subject">{variant.subject}</div>
            <div className="campaign-body-text">{variant.body}</div>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

/**
 * A campaign that is sending or done (or any campaign, for sales): progress, the funnel, pausing,
 * resuming and cancelling, and every recipient. While it sends, the numbers refresh every POLL_MS.
 */
export function CampaignReport({ campaign, hold, canEdit }: { campaign: Campaign; hold: (campaign: Campaign) => void; canEdit: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const format = useFormat();
  const url = useUrlQuery(invitationListQuerySchema);
  const [tick, setTick] = useState(0);
  const [acting, setActing] = useState<CampaignAction | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const sending = campaign.status === 'sending';

  useEffect(() => {
    if (!sending) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      api.getCampaign(campaign.id, { signal: controller.signal }).then(
        (next) => {
          hold(next);
          setTick((n) => n + 1);
        },
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [campaign.id, sending, hold]);

  const refresh = async () => {
    setRefreshing(true);
    try {
      hold(await api.getCampaign(campaign.id));
      setTick((n) => n + 1);
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setRefreshing(false);
    }
  };

  const act = async (action: CampaignAction) => {
    setActing(action);
    try {
      const result = action === 'pause' ? await api.pauseCampaign(campaign.id) : action === 'resume' ? await api.resumeCampaign(campaign.id) : await api.cancelCampaign(campaign.id);
      hold(result);
      setTick((n) => n + 1);
      void message.success(t(`campaigns.acted.${action}`, { name: result.name }));
    } catch (error) {
      void message.error(errorMessage(t, error));
      // It moved on meanwhile (finished, or someone else paused it): show where it stands.
      if (isApiRequestError(error) && error.code === 'campaigns.bad_state') void refresh();
    } finally {
      setActing(null);
    }
  };

  const confirmCancel = () =>
    modal.confirm({
      title: t('campaigns.confirmCancel.title', { name: campaign.name }),
      content: t('campaigns.confirmCancel.body', {
        count: campaign.counts.queued,
        formatted: format.integer(campaign.counts.queued),
      }),
      okText: t('campaigns.actions.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'campaign-cancel-confirm' },
      cancelText: t('campaigns.confirmCancel.keep'),
      onOk: () => act('cancel'),
    });

  const progress = campaignProgress(campaign.counts);
  const actions = canEdit ? CAMPAIGN_ACTIONS[campaign.status] : [];
  const progressStatus = sending ? 'active' : campaign.status === 'cancelled' ? 'exception' : campaign.status === 'sent' ? 'success' : 'normal';

  return (
    <>
      <PageHeader
        title={campaign.name}
        subtitle={
          <>
            {t('campaigns.report.invitesTo')} <Link to={`/events/${campaign.eventId}`}>{campaign.eventTitle}</Link>
          </>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/campaigns')} data-testid="campaign-back">
              {t('campaigns.editor.back')}
            </Button>
            <Button icon={<ReloadOutlined />} loading={refreshing} onClick={() => void refresh()}>
              {t('common.refresh')}
            </Button>
            {actions.map((action) => {
              const Icon = ACTION_ICONS[action];
              return (
                <Button
                  key={action}
                  icon={<Icon />}
                  danger={action === 'cancel'}
                  type={action === 'resume' ? 'primary' : 'default'}
                  loading={acting === action}
                  disabled={acting !== null && acting !== action}
                  onClick={() => (action === 'cancel' ? confirmCancel() : void act(action))}
                  data-testid={`campaign-${action}`}
                >
                  {t(`campaigns.actions.${action}`)}
                </Button>
              );
            })}
          </>
        }
      />
      <div className="campaign-report">
        <Card className="campaign-delivery-card" data-testid="campaign-delivery">
          <Flex justify="space-between" align="flex-start" gap={16} wrap>
            <div>
              <Tag color={CAMPAIGN_STATUS_COLORS[campaign.status]} className="campaign-status-tag" data-testid="campaign-status" data-status={campaign.status}>
                {t(`campaigns.statuses.${campaign.status}`)}
              </Tag>
              <Typography.Paragraph type="secondary" className="campaign-status-help">
                {campaign.status === 'scheduled' && campaign.scheduledAt
                  ? t('campaigns.statusHelp.scheduledAt', { time: format.dateTime(campaign.scheduledAt) })
                  : t(`campaigns.statusHelp.${campaign.status}`)}
              </Typography.Paragraph>
            </div>
            <Typography.Text type="secondary" className="campaign-times">
              {campaign.startedAt ? <span>{t('campaigns.report.startedAt', { time: format.dateTime(campaign.startedAt) })}</span> : null}
              {campaign.finishedAt ? <span>{t('campaigns.report.finishedAt', { time: format.dateTime(campaign.finishedAt) })}</span> : null}
            </Typography.Text>
          </Flex>
          <Progress percent={progress.percent} status={progressStatus} className="campaign-progress" data-testid="campaign-progress" />
          <Typography.Text data-testid="campaign-progress-text">
            {t('campaigns.report.progress', { processed: format.integer(progress.processed), total: format.integer(progress.total) })}
          </Typography.Text>
          {campaign.counts.queued > 0 && campaign.status !== 'cancelled' ? (
            <Typography.Text type="secondary">
              {' · '}
              {t('campaigns.report.queued', { count: campaign.counts.queued, formatted: format.integer(campaign.counts.queued) })}
            </Typography.Text>
          ) : null}
          {sending && campaign.counts.retrying > 0 ? (
            <Alert
              type="warning"
              showIcon
              className="campaign-retrying"
              title={t('campaigns.report.retrying', { count: campaign.counts.retrying, formatted: format.integer(campaign.counts.retrying) })}
              description={t('campaigns.report.retryHelp', { reason: campaign.retryReason ?? '' })}
              data-testid="campaign-retrying"
            />
          ) : null}
        </Card>
        <Funnel counts={campaign.counts} onOutcome={(status) => url.update({ status, page: null })} />
        <CampaignRecipients campaignId={campaign.id} url={url} tick={tick} />
        <MessageSummary campaign={campaign} />
      </div>
    </>
  );
}
