import { useEffect, useMemo } from 'react';
import { Button, Card, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { EVENT_STATUSES, eventListQuerySchema } from '@fulcrum/shared';
import type { EventListItem } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { ToolbarSearch } from '@/components/toolbar-search';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { useUrlQuery, useUrlSearch } from '@/components/use-url-query';
import { FilterSelect, NoMatch } from '@/pages/accounts/list-filters';
import { FORMAT_COLORS, STATUS_COLORS } from '@/pages/events/event-labels';
import { zoneOffsetLabel } from '@/pages/events/event-time';
import { canEditEvents } from '@/session/access';
import { useUser } from '@/session/session-context';
import '@/pages/events/events.css';

type When = 'upcoming' | 'past' | 'all';
const WHENS: readonly When[] = ['upcoming', 'past', 'all'];

function EventsEmpty({ canEdit, onCreate }: { canEdit: boolean; onCreate: () => void }) {
  const { t } = useTranslation();
  return (
    <Card className="events-empty" data-testid="events-empty">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <Flex vertical gap={4} align="center">
            <Typography.Title level={4} className="empty-title">
              {t('events.empty.title')}
            </Typography.Title>
            <Typography.Text type="secondary" className="empty-body">
              {canEdit ? t('events.empty.body') : t('events.empty.bodyReadOnly')}
            </Typography.Text>
          </Flex>
        }
      >
        {canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="events-empty-create">
            {t('events.empty.create')}
          </Button>
        ) : null}
      </Empty>
    </Card>
  );
}

/** Every event, filtered and paged by the server; the filters live in the URL. */
export function EventsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const user = useUser();
  const canEdit = canEditEvents(user.role);
  const url = useUrlQuery(eventListQuerySchema);
  const { status, when, page, pageSize } = url.query;
  const { update } = url;
  const [search, setSearch, q] = useUrlSearch(url, 'q');
  const filtered = q !== '' || status !== undefined || when !== 'all';

  const { data, loading, error, reload } = useApiData(
    (signal) => api.listEvents({ q: q || undefined, status, when, page, pageSize }, { signal }),
    [q, status, when, page, pageSize],
  );

  // Past the last page (the list shrank): go to the last one.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && page > 1) {
      update({ page: Math.max(1, Math.ceil(data.total / pageSize)) });
    }
  }, [data, page, pageSize, update]);

  const create = () => navigate('/events/new');

  const columns = useMemo<TableColumnsType<EventListItem>>(
    () => [
      {
        key: 'title',
        title: t('events.columns.title'),
        render: (_value, event) => (
          <Link to={`/events/${event.id}`} data-testid="event-link">
            <Typography.Text strong className="event-title-link">
              {event.title}
            </Typography.Text>
          </Link>
        ),
      },
      {
        key: 'format',
        title: t('events.columns.format'),
        render: (_value, event) => <Tag color={FORMAT_COLORS[event.format]}>{t(`events.formats.${event.format}`)}</Tag>,
      },
      {
        key: 'startsAt',
        title: t('events.columns.startsAt'),
        render: (_value, event) => (
          <Flex vertical>
            <span data-testid="event-starts">{format.dateTimeIn(event.startsAt, event.timeZone)}</span>
            <Typography.Text type="secondary" className="cell-secondary">
              {t('events.zoneWithOffset', { zone: event.timeZone, offset: zoneOffsetLabel(event.timeZone, Date.parse(event.startsAt)) })}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        key: 'status',
        title: t('events.columns.status'),
        render: (_value, event) => (
          <Tag color={STATUS_COLORS[event.status]} data-testid="event-status" data-status={event.status}>
            {t(`events.statuses.${event.status}`)}
          </Tag>
        ),
      },
      {
        key: 'registrationMode',
        title: t('events.columns.registrationMode'),
        responsive: ['md'],
        render: (_value, event) => t(`events.registrationModes.${event.registrationMode}`),
      },
      {
        key: 'venue',
        title: t('events.columns.venue'),
        responsive: ['lg'],
        render: (_value, event) =>
          event.venueName ?? <Typography.Text type="secondary">{event.format === 'online' ? t('events.onlineOnly') : t('common.none')}</Typography.Text>,
      },
    ],
    [t, format],
  );

  const clearFilters = () => {
    setSearch('');
    update({ q: null, status: null, when: null, page: null });
  };

  const empty = data !== null && data.total === 0 && !filtered && !error;

  return (
    <>
      <PageHeader
        title={t('events.title')}
        subtitle={t('events.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && data !== null}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={create} data-testid="event-new">
                {t('events.new')}
              </Button>
            ) : null}
          </>
        }
      />
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      {empty ? (
        <EventsEmpty canEdit={canEdit} onCreate={create} />
      ) : (
        <Card className="table-card">
          <Flex gap={12} wrap align="center" className="table-toolbar">
            <ToolbarSearch label={t('events.search')} value={search} onChange={setSearch} testId="events-search" />
            <FilterSelect
              value={status}
              onChange={(value) => update({ status: value, page: null })}
              label={t('events.statusFilter')}
              allLabel={t('events.allStatuses')}
              options={EVENT_STATUSES.map((value) => ({ value, label: t(`events.statuses.${value}`) }))}
              data-testid="events-status"
            />
            <Segmented<When>
              value={when}
              onChange={(value) => update({ when: value, page: null })}
              options={WHENS.map((value) => ({ value, label: <span data-testid={`events-when-${value}`}>{t(`events.when.${value}`)}</span> }))}
              aria-label={t('events.whenFilter')}
              data-testid="events-when"
            />
          </Flex>
          <Table<EventListItem>
            data-testid="events-table"
            rowKey="id"
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
              emptyText: filtered ? <NoMatch title={t('events.noMatch.title')} body={t('events.noMatch.body')} onClear={clearFilters} /> : undefined,
            }}
          />
        </Card>
      )}
    </>
  );
}
