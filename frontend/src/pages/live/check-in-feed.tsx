import { Card, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveCheckIn } from '@fulcrum/shared';
import { useTimeOfDay } from '@/pages/live/use-time-of-day';

const METHODS = ['online', 'onsite', 'kiosk'] as const;
const isKnownMethod = (method: string): method is (typeof METHODS)[number] => (METHODS as readonly string[]).includes(method);

/** Who checked in while this console was open, newest first (the gateway sends no history). */
export function CheckInFeed({ checkIns }: { checkIns: readonly LiveCheckIn[] }) {
  const { t } = useTranslation();
  const timeOfDay = useTimeOfDay();
  return (
    <Card size="small" title={t('liveConsole.checkIns.title')} className="live-card" data-testid="live-checkins">
      {checkIns.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('liveConsole.checkIns.empty')} />
      ) : (
        <ol className="live-feed">
          {checkIns.map((checkIn) => (
            <li key={checkIn.registrationId} className="live-feed-item" data-testid="live-checkin">
              <Typography.Text strong className="live-feed-name">
                {checkIn.name}
              </Typography.Text>
              <Tag>{isKnownMethod(checkIn.method) ? t(`liveConsole.checkIns.methods.${checkIn.method}`) : checkIn.method}</Tag>
              <Typography.Text type="secondary" className="live-feed-time">
                {timeOfDay(checkIn.checkedInAt)}
              </Typography.Text>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
