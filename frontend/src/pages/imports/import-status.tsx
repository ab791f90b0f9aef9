import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACTIVE_IMPORT_STATUSES, type Import } from '@fulcrum/shared';

const STATUS_COLORS: Record<Import['status'], string> = {
  uploaded: 'default',
  queued: 'processing',
  staging: 'processing',
  merging: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'warning',
};

export function isActive(item: Import): boolean {
  return ACTIVE_IMPORT_STATUSES.includes(item.status);
}

/** Share of the file read (CSV: bytes; XLSX has no byte count, so null). */
export function readFraction(item: Import): number | null {
  const progress = item.progress;
  if (!progress || progress.bytesRead === null || !progress.bytesTotal) return null;
  return Math.min(1, progress.bytesRead / progress.bytesTotal);
}

export function ImportStatusTag({ item }: { item: Import }) {
  const { t } = useTranslation();
  const label = item.cancelRequested && isActive(item) ? t('imports.status.cancelling') : t(`imports.status.${item.status}`);
  return (
    <Tag color={STATUS_COLORS[item.status]} data-testid={`import-status-${item.id}`}>
      {label}
    </Tag>
  );
}

/** A small bar for the list: the share read while staging, full (animated) while merging. */
export function ImportProgressBar({ item, size = 'small' }: { item: Import; size?: 'small' | 'default' }) {
  if (!isActive(item)) return null;
  const fraction = item.status === 'merging' ? 1 : (readFraction(item) ?? 0);
  return <Progress percent={Math.round(fraction * 100)} status="active" size={size === 'small' ? 'small' : undefined} showInfo={item.status !== 'merging'} />;
}
