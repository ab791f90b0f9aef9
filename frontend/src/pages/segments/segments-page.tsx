import { useTranslation } from 'react-i18next';
import { AREA_ICONS } from '@/components/area-icons';
import { AreaPlaceholder } from '@/components/area-placeholder';

const Icon = AREA_ICONS.segments;

export function SegmentsPage() {
  const { t } = useTranslation();
  return (
    <AreaPlaceholder
      title={t('nav.segments')}
      subtitle={t('pages.segments.subtitle')}
      icon={<Icon />}
      emptyTitle={t('areas.segments.title')}
      emptyBody={t('areas.segments.body')}
    />
  );
}
