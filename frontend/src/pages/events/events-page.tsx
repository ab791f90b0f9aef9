import { useTranslation } from 'react-i18next';
import { AREA_ICONS } from '@/components/area-icons';
import { AreaPlaceholder } from '@/components/area-placeholder';

const Icon = AREA_ICONS.events;

export function EventsPage() {
  const { t } = useTranslation();
  return (
    <AreaPlaceholder
      title={t('nav.events')}
      subtitle={t('pages.events.subtitle')}
      icon={<Icon />}
      emptyTitle={t('areas.events.title')}
      emptyBody={t('areas.events.body')}
    />
  );
}
