import { useTranslation } from 'react-i18next';
import { AREA_ICONS } from '@/components/area-icons';
import { AreaPlaceholder } from '@/components/area-placeholder';
import { LiveStatus } from '@/pages/live/live-status';

const Icon = AREA_ICONS.live;

export function LivePage() {
  const { t } = useTranslation();
  return (
    <AreaPlaceholder
      title={t('nav.live')}
      subtitle={t('pages.live.subtitle')}
      icon={<Icon />}
      emptyTitle={t('areas.live.title')}
      emptyBody={t('areas.live.body')}
    >
      <LiveStatus />
    </AreaPlaceholder>
  );
}
