import { useTranslation } from 'react-i18next';
import { AREA_ICONS } from '@/components/area-icons';
import { AreaPlaceholder } from '@/components/area-placeholder';

const Icon = AREA_ICONS.campaigns;

export function CampaignsPage() {
  const { t } = useTranslation();
  return (
    <AreaPlaceholder
      title={t('nav.campaigns')}
      subtitle={t('pages.campaigns.subtitle')}
      icon={<Icon />}
      emptyTitle={t('areas.campaigns.title')}
      emptyBody={t('areas.campaigns.body')}
    />
  );
}
