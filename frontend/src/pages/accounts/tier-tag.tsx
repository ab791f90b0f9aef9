import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CompanyTier } from '@fulcrum/shared';

const TIER_COLORS: Record<CompanyTier, string> = { ka: 'volcano', growth: 'green', standard: 'default' };

export function TierTag({ tier }: { tier: CompanyTier }) {
  const { t } = useTranslation();
  return (
    <Tag color={TIER_COLORS[tier]} data-tier={tier}>
      {t(`tiers.${tier}`)}
    </Tag>
  );
}
