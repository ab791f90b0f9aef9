import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@fulcrum/shared';

/** Dates, numbers, country names and the taxonomy's locale in the UI language. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const regions = new Intl.DisplayNames([locale], { type: 'region' });
    const zoned = new Map<string, Intl.DateTimeFormat>();
    const zonedFormat = (zone: string): Intl.DateTimeFormat => {
      let format = zoned.get(zone);
      if (!format) {
        try {
          format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
        } catch {
          format = dateTime;
        }
        zoned.set(zone, format);
      }
      return format;
    };
    return {
      locale: (locale === 'en' ? 'en' : 'zh-CN') as Locale,
      /** A table pager's "1–20 of 1,234" (antd's `showTotal`). */
      rangeOfTotal: (total: number, [from, to]: [number, number]): string =>
        t('common.rangeOfTotal', { from: integer.format(from), to: integer.format(to), total: integer.format(total) }),
      country: (code: string): string => {
        try {
          return regions.of(code) ?? code;
        } catch {
          return code;
        }
      },
      dateTime: (iso: string): string => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
      },
      /** The wall clock in another time zone (an event's own), not the browser's. */
      dateTimeIn: (iso: string, zone: string): string => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : zonedFormat(zone).format(date);
      },
      integer: (value: number): string => integer.format(value),
      decimal: (value: number): string => decimal.format(value),
      /** A file's size in B, KB, MB or GB (1024-based, as file managers show it). */
      fileSize: (bytes: number): string => {
        if (bytes < 1024) return `${integer.format(bytes)} B`;
        const units = ['KB', 'MB', 'GB'] as const;
        let value = bytes / 1024;
        let unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
          value /= 1024;
          unit++;
        }
        return `${decimal.format(value)} ${units[unit]}`;
      },
    };
  }, [locale, t]);
}
