import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPANY_TIERS, CONSENT_STATUSES, EMPLOYEE_BANDS, industryLabel, OWNERSHIP_TYPES, REVENUE_BANDS, SENIORITIES } from '@fulcrum/shared';
import type { FieldSource } from '@fulcrum/shared';
import { useFormat } from '@/components/format';

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** Field names, enum values and provenance of companies and contacts, in the UI language. */
export function useAccountLabels() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return useMemo(() => {
    // Field names come from the server (history, provenance); one it does not know shows as sent.
    const translate = t as unknown as (key: string) => string;
    const field = (name: string): string => {
      const key = `accountsBrowse.fields.${name}`;
      return i18n.exists(key) ? translate(key) : name;
    };
    const seniority = (value: string | null): string => (isOneOf(SENIORITIES, value) ? t(`segments.values.seniority.${value}`) : (value ?? t('common.none')));
    const consent = (value: string | null): string => (isOneOf(CONSENT_STATUSES, value) ? t(`segments.values.consent.${value}`) : (value ?? t('common.none')));
    const industry = (code: string | null): string => (code ? (industryLabel(code, format.locale) ?? code) : t('common.none'));

    /** A stored value as a person reads it, for history and merge choices. */
    const value = (name: string, raw: unknown): string => {
      if (raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) return t('common.none');
      switch (name) {
        case 'seniority':
          return seniority(String(raw));
        case 'consent':
          return consent(String(raw));
        case 'industry':
        case 'subIndustry':
          return industry(String(raw));
        case 'tier':
          return isOneOf(COMPANY_TIERS, raw) ? t(`tiers.${raw}`) : String(raw);
        case 'ownership':
          return isOneOf(OWNERSHIP_TYPES, raw) ? t(`segments.values.ownership.${raw}`) : String(raw);
        case 'employeeBand':
          return isOneOf(EMPLOYEE_BANDS, raw) ? t(`segments.values.employeeBand.${raw}`) : String(raw);
        case 'revenueBand':
          return isOneOf(REVENUE_BANDS, raw) ? t(`segments.values.revenueBand.${raw}`) : String(raw);
        case 'country':
          return format.country(String(raw));
        case 'employees':
          return typeof raw === 'number' ? format.integer(raw) : String(raw);
        case 'consentAt':
          return format.dateTime(String(raw));
        case 'companyId':
        case 'salesOwnerId':
          return t('accountsBrowse.history.linkedRecord', { id: String(raw).slice(0, 8) });
        default:
          return Array.isArray(raw) ? raw.join(', ') : String(raw);
      }
    };

    /** One line saying where a value came from: "Edited by Ada · 3 May 2026, 10:12". */
    const source = (mark: FieldSource | undefined): string => {
      if (!mark) return t('accountsBrowse.provenance.unknown');
      const who =
        mark.source === 'manual' || mark.source === 'merge' || mark.source === 'undo'
          ? t(`accountsBrowse.provenance.${mark.source}`, { name: mark.userName ?? t('accountsBrowse.provenance.someone') })
          : mark.importId
            ? t('accountsBrowse.provenance.import', { name: mark.importName ?? mark.source })
            : mark.source === 'demo'
              ? t('accountsBrowse.provenance.demo')
              : t('accountsBrowse.provenance.other', { source: mark.source });
      return mark.at ? `${who} · ${format.dateTime(mark.at)}` : who;
    };

    return { field, seniority, consent, industry, value, source };
  }, [t, i18n, format]);
}
