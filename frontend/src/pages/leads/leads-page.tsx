import { useTranslation } from 'react-i18next';
import { AREA_ICONS } from '@/components/area-icons';
import { AreaPlaceholder } from '@/components/area-placeholder';

const Icon = AREA_ICONS.leads;

export function LeadsPage() {
  const { t } = useTranslation();
  return (
    <AreaPlaceholder
      title={t('nav.leads')}
      subtitle={t('pages.leads.subtitle')}
      icon={<Icon />}
      emptyTitle={t('areas.leads.title')}
      emptyBody={t('areas.leads.body')}
    />
  );
}
