import { useMemo } from 'react';
import { Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DesktopOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { EventListItem } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { FORMAT_COLORS, STATUS_COLORS } from '@/pages/events/event-labels';
import { liveEventsOf } from '@/pages/live/live-numbers';
import '@/pages/live/live-console.css';

/** More than an organizer runs at once; the list is not paged. */
const LIST_SIZE = 200;

/** The Live area: events that are live or coming (scheduled, ending today or later), each opening its console. */
export function LivePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { data, loading, error, reload } = useApiData(async (signal) => {
    // Two lists: every live event (however late it runs), and the scheduled ones, latest start first.
    const [live, scheduled] = await Promise.all([
      api.listEvents({ status: 'live', when: 'all', pageSize: LIST_SIZE }, { signal }),
      api.listEvents({ status: 'scheduled', when: 'all', pageSize: LIST_SIZE }, { signal }),
    ]);
    return liveEventsOf([...live.items, ...scheduled.items], new Date());
  }, []);

  const columns = useMemo<TableColumnsType<EventListItem>>(
    () => [
      {
        key: 'title',
        title: t('events.columns.title'),
        render: (_value, event) => (
          <Link to={`/live/${event.id}`} data-testid="live-event-link" data-id={event.id}>
            <Typography.Text strong>{event.title}</Typography.Text>
          </Link>
        ),
      },
      {
        key: 'status',
        title: t('events.columns.status'),
        render: (_value, event) => (
          <Tag color={STATUS_COLORS[event.status]} data-testid="live-event-status" data-status={event.status}>
            {t(`events.statuses.${event.status}`)}
          </Tag>
        ),
      },
      {
        key: 'startsAt',
        title: t('events.columns.startsAt'),
        render: (_value, event) => format.dateTimeIn(event.startsAt, event.timeZone),
      },
      {
        key: 'format',
        title: t('events.columns.format'),
        responsive: ['md'],
        render: (_value, event) => <Tag color={FORMAT_COLORS[event.format]}>{t(`events.formats.${event.format}`)}</Tag>,
      },
      {
        key: 'open',
        align: 'right',
        render: (_value, event) => (
          <Flex gap={8} justify="flex-end" wrap>
            <Button size="small" icon={<DesktopOutlined />} href={`/live/${event.id}/wall`} target="_blank" rel="noopener noreferrer">
              {t('liveConsole.list.wall')}
            </Button>
            <Button
              size="small"
              type={event.status === 'live' ? 'primary' : 'default'}
              icon={<RightOutlined />}
              iconPlacement="end"
              onClick={() => navigate(`/live/${event.id}`)}
              data-testid="live-event-open"
            >
              {t('liveConsole.list.open')}
            </Button>
          </Flex>
        ),
      },
    ],
    [t, format, navigate],
  );

  return (
    <>
      <PageHeader
        title={t('nav.live')}
        subtitle={t('pages.live.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && data !== null}>
            {t('common.refresh')}
          </Button>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      {data !== null && data.length === 0 ? (
        <Card data-testid="live-events-empty">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Flex vertical gap={4} align="center">
                <Typography.Title level={4} className="empty-title">
                  {t('liveConsole.list.emptyTitle')}
                </Typography.Title>
                <Typography.Text type="secondary" className="empty-body">
                  {t('liveConsole.list.emptyBody')}
                </Typography.Text>
              </Flex>
            }
          >
            <Button onClick={() => navigate('/events')}>{t('liveConsole.list.toEvents')}</Button>
          </Empty>
        </Card>
      ) : (
        <Card>
          <Table<EventListItem> rowKey="id" columns={columns} dataSource={data ?? []} loading={loading} pagination={false} data-testid="live-events" />
        </Card>
      )}
    </>
  );
}
