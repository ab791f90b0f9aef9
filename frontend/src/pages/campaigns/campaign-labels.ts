import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPANY_TIERS, INDUSTRY_TAXONOMY, industryLabel, LOCALES, SENIORITIES, VARIANT_FIELD_VALUES } from '@fulcrum/shared';
import type { CampaignStatus, InvitationStatus, VariantField } from '@fulcrum/shared';
import { useFormat } from '@/components/format';

export const CAMPAIGN_STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'default',
  scheduled: 'blue',
  sending: 'processing',
  paused: 'warning',
  sent: 'success',
  cancelled: 'default',
};

export const INVITATION_STATUS_COLORS: Record<InvitationStatus, string> = {
  queued: 'default',
  sending: 'processing',
  sent: 'blue',
  failed: 'error',
  bounced: 'volcano',
  opened: 'cyan',
  clicked: 'geekblue',
  registered: 'success',
  unsubscribed: 'orange',
  skipped: 'default',
};

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export interface ValueOption {
  value: string;
  label: string;
}

/**
 * The values a variant can match, in the UI language. A field with a fixed list (VARIANT_FIELD_VALUES)
 * is a plain choice; industry is free text with the taxonomy offered; department and buying role are free text.
 */
export function useVariantValues() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return useMemo(() => {
    const label = (field: VariantField, value: string): string => {
      switch (field) {
        case 'seniority':
          return isOneOf(SENIORITIES, value) ? t(`segments.values.seniority.${value}`) : value;
        case 'tier':
          return isOneOf(COMPANY_TIERS, value) ? t(`tiers.${value}`) : value;
        case 'locale':
          return isOneOf(LOCALES, value) ? t(`language.name.${value}`) : value;
        case 'industry':
          return industryLabel(value, locale) ?? value;
        default:
          return value;
      }
    };
    const industries: ValueOption[] = INDUSTRY_TAXONOMY.map((industry) => ({ value: industry.code, label: locale === 'zh-CN' ? industry.zh : industry.en }));
    return {
      label,
      /** Whether only the listed values make sense (a select), or any text does (tags). */
      fixed: (field: VariantField): boolean => VARIANT_FIELD_VALUES[field] !== undefined,
      options: (field: VariantField): ValueOption[] => {
        if (field === 'industry') return industries;
        return (VARIANT_FIELD_VALUES[field] ?? []).map((value) => ({ value, label: label(field, value) }));
      },
    };
  }, [t, locale]);
}
