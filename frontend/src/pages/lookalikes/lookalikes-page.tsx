import { useTranslation } from 'react-i18next';
import { AREA_ICONS } from '@/components/area-icons';
import { AreaPlaceholder } from '@/components/area-placeholder';

const Icon = AREA_ICONS.lookalikes;

export function LookalikesPage() {
  const { t } = useTranslation();
  return (
    <AreaPlaceholder
      title={t('nav.lookalikes')}
      subtitle={t('pages.lookalikes.subtitle')}
      icon={<Icon />}
      emptyTitle={t('areas.lookalikes.title')}
      emptyBody={t('areas.lookalikes.body')}
    />
  );
}
