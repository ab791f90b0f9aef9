import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveError } from '@fulcrum/shared';
import { codeMessage } from '@/i18n/error-message';

/** A refusal from the gateway in words: a translated code, "no answer" when the connection is down, else the server's message. */
export function useLiveErrorMessage(): (error: LiveError) => string {
  const { t } = useTranslation();
  return useCallback((error: LiveError) => (error.code === 'network' ? t('liveConsole.errors.network') : codeMessage(t, error.code, error.message)), [t]);
}
