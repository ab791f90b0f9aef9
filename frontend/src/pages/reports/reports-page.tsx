import { useTranslation } from 'react-i18next';
import { AREA_ICONS } from '@/components/area-icons';
import { AreaPlaceholder } from '@/components/area-placeholder';

const Icon = AREA_ICONS.reports;

export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <AreaPlaceholder
      title={t('nav.reports')}
      subtitle={t('pages.reports.subtitle')}
      icon={<Icon />}
      emptyTitle={t('areas.reports.title')}
      emptyBody={t('areas.reports.body')}
    />
  );
}
