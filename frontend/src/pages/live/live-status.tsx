import { Badge, Tooltip } from 'antd';
import type { BadgeProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/components/format';
import { codeMessage } from '@/i18n/error-message';
import { useLive } from '@/live/use-live';
import type { LiveConnectionState } from '@/live/use-live';

const BADGE_STATUS: Record<LiveConnectionState, BadgeProps['status']> = {
  connecting: 'processing',
  connected: 'success',
  disconnected: 'warning',
  failed: 'error',
};

/** A small indicator of the live gateway connection. */
export function LiveStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const { state, welcome, error } = useLive();

  const text =
    state === 'failed'
      ? t('live.status.failed', { error: error ? codeMessage(t, error.code, error.message) : t('errors.unknown') })
      : t(`live.status.${state}`);

  const badge = <Badge status={BADGE_STATUS[state]} text={text} data-testid="live-status" data-state={state} />;
  return welcome ? <Tooltip title={t('live.serverTime', { time: format.dateTime(welcome.serverTime) })}>{badge}</Tooltip> : badge;
}
