import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A moment as the time of day (hours, minutes, seconds) in the UI language: what a live feed needs. */
export function useTimeOfDay(): (iso: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' });
    return (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [i18n.language]);
}
